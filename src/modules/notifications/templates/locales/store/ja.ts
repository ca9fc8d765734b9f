import type { StoreMessages } from "./en.ts";

export const storeJa: StoreMessages = {
  "order-paid": {
    subject: "ご注文 {{orderReference}} のお支払いが完了しました：{{subscriptionName}} をご利用いただけます",
    heading: "ご注文ありがとうございます",
    intro:
      "ご注文 {{orderReference}} について {{amount}} のお支払いを受領しました。{{productName}} のサブスクリプション {{subscriptionName}} を License Portal でご利用いただけます。ライセンス数：{{licenses}}。",
    renewal: "このサブスクリプションは {{renewsAt}}（UTC）に自動更新されます。",
    keys: "プライマリキーはサブスクリプションの詳細に表示されます。そこでファーム用の追加キーを作成することもできます。",
    action: "サブスクリプションを開く",
    outro: "請求書は License Portal の注文ページでご確認いただけます。",
  },
  "upgrade-paid": {
    subject: "{{subscriptionName}} にライセンスを追加しました",
    heading: "追加したライセンスをご利用いただけます",
    intro:
      "ご注文 {{orderReference}} について {{amount}} のお支払いを受領しました。ご購入のライセンスはサブスクリプション {{subscriptionName}} に追加され、すぐにご利用いただけます。",
    total: "ライセンスの合計数：{{licenses}}。",
    action: "サブスクリプションを開く",
    outro: "請求書は License Portal の注文ページでご確認いただけます。",
  },
  "bank-transfer-instructions": {
    subject: "ご注文 {{orderReference}} のお支払い方法",
    heading: "銀行振込でのお支払い",
    intro: "ご注文 {{orderReference}} ありがとうございます。{{amount}} を次の口座へお振り込みください。",
    reference: "お支払いを照合できるよう、振込の参照欄に注文番号 {{orderReference}} をご記入ください。",
    release:
      "お支払いの確認前には何も提供されません。入金を確認しだいライセンスをご利用いただけるようになり、その際にメールでお知らせします。",
    action: "注文を表示",
    outro: "すでにお支払い済みの場合は、このメールは無視してください。",
  },
  "renewal-succeeded": {
    subject: "{{subscriptionName}} を更新しました",
    heading: "サブスクリプションを更新しました",
    intro:
      "ご注文 {{orderReference}} について、保存されたお支払い方法に {{amount}} を請求し、サブスクリプション {{subscriptionName}} を更新しました。",
    period: "有効期限は {{expiresAt}}（UTC）になりました。メンテナンスとサポートも同じ期間更新されます。",
    action: "サブスクリプションを開く",
    outro: "このメールは、アカウント管理者の方にお送りしています。請求書は License Portal の注文ページでご確認いただけます。",
  },
  "renewal-payment-failed": {
    subject: "{{subscriptionName}} のお支払いに失敗しました：お支払い方法をご確認ください",
    heading: "{{subscriptionName}} を更新できませんでした",
    intro:
      "サブスクリプション {{subscriptionName}} を更新するため、保存されたお支払い方法に {{amount}} を請求しようとしましたが、お支払いに失敗しました。",
    reason: "決済事業者からの理由：{{failureReason}}",
    retry:
      "{{retryAt}}（UTC）に再度お支払いを試みます。サブスクリプションは {{graceEndsAt}}（UTC）まで引き続きご利用いただけますが、それまでにお支払いが完了しない場合は更新されません。",
    advice: "「お支払いオプション」で保存されたお支払い方法をご確認のうえ、必要に応じて変更してください。",
    action: "お支払いオプションを開く",
    outro: "このメールは、アカウント管理者の方にお送りしています。",
  },
  "renewal-ended": {
    subject: "{{subscriptionName}} は更新されませんでした",
    heading: "サブスクリプションは更新されませんでした",
    intro: "サブスクリプション {{subscriptionName}} の更新料金をお支払いいただけないまま、7 日間の猶予期間が終了しました。",
    expired: "このサブスクリプションは {{expiresAt}}（UTC）に期限切れとなり、更新されませんでした。",
    advice: "製品を引き続きご利用いただくには、License Portal で新しいサブスクリプションをご購入ください。",
    action: "サブスクリプションを開く",
    outro: "このメールは、アカウント管理者の方にお送りしています。",
  },
};
