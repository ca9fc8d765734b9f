import type { LicensingMessages } from "./en.ts";

export const licensingJa: LicensingMessages = {
  "registration-key": {
    subject: "{{productName}} のサブスクリプションを登録できるようになりました",
    heading: "{{productName}} のサブスクリプションの登録",
    intro: "{{productName}} のサブスクリプションが発行されました。License Portal で登録してご利用ください。",
    details: "同時使用ユーザー ライセンス数：{{licenses}}、契約期間：{{term}}",
    keyLabel: "登録キー：",
    steps:
      "サブスクリプションを登録するには、License Portal にサインインし（アカウントをお持ちでない場合は作成してください）、サブスクリプションを登録するアカウントを選択して「サブスクリプションを登録」を選び、キーを入力してください。",
    action: "License Portal を開く",
    keepPrivate:
      "このキーは他人に知られないよう大切に保管してください。キーを知っている人は誰でも、このサブスクリプションを自分のアカウントに登録できます。",
  },
  "subscription-expiring": {
    subject: "「{{subscriptionName}}」の有効期限まであと {{daysLeft}} 日です",
    heading: "「{{subscriptionName}}」の有効期限が近づいています",
    intro:
      "{{productName}} のサブスクリプション「{{subscriptionName}}」は {{expiresAt}}（UTC）に有効期限を迎えます。有効期限まで残り {{daysLeft}} 日です。",
    atExpiry:
      "有効期限が切れた後も、プライマリキーは 30 日間の猶予期間中は引き続き使用できます。追加のライセンスキーは有効期限の時点で使用できなくなります。猶予期間が終了すると、ライセンスは使用できなくなります。",
    renew:
      "{{productName}} を中断なくご利用いただくには、License Portal でサブスクリプションを更新するか、販売代理店または営業担当者にお問い合わせください。",
    action: "サブスクリプションを表示",
    outro: "このサブスクリプションをすでに更新済みの場合は、このメールを無視してください。",
  },
  "subscription-expired": {
    subject: "「{{subscriptionName}}」の有効期限が切れました",
    heading: "「{{subscriptionName}}」の有効期限が切れました",
    intro: "{{productName}} のサブスクリプション「{{subscriptionName}}」は {{expiresAt}}（UTC）に有効期限が切れました。",
    grace:
      "猶予期間中、プライマリキーは {{graceEndsAt}}（UTC）まで引き続き使用できます。追加のライセンスキーはすでに使用できなくなっています。猶予期間が終了すると、ライセンスは使用できなくなります。",
    renew:
      "{{productName}} を引き続きご利用いただくには、License Portal でサブスクリプションを更新するか、販売代理店または営業担当者にお問い合わせください。",
    action: "サブスクリプションを表示",
    outro: "このサブスクリプションをすでに更新済みの場合は、このメールを無視してください。",
  },
};
