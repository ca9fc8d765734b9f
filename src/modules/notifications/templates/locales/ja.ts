import type { IdentityMessages } from "./en.ts";

export const ja: IdentityMessages = {
  common: {
    greeting: "{{name}} 様",
    greetingNoName: "お客様",
    linkHint: "ボタンが機能しない場合は、次のリンクをブラウザにコピーしてください：",
    signature: "License Portal チーム",
    footer: "このメールは License Portal から自動送信されています。このアドレスへの返信は確認されません。",
  },
  "verify-email": {
    subject: "メールアドレスを確認してください",
    heading: "メールアドレスの確認",
    intro:
      "License Portal にご登録いただきありがとうございます。アカウントを有効にするため、このメールアドレスがお客様のものであることを確認してください。",
    action: "メールアドレスを確認する",
    outro: "License Portal のアカウントを作成した覚えがない場合は、このメールを無視してください。",
  },
  "reset-password": {
    subject: "License Portal のパスワード再設定",
    heading: "パスワードの再設定",
    intro:
      "License Portal アカウントのパスワード再設定のリクエストを受け付けました。下のボタンから新しいパスワードを設定してください。",
    action: "パスワードを再設定する",
    outro:
      "このリンクの有効期限は 1 時間です。パスワードの再設定をリクエストしていない場合は、このメールを無視してください。パスワードは変更されません。",
  },
  welcome: {
    subject: "License Portal へようこそ",
    heading: "License Portal へようこそ",
    intro:
      "メールアドレスの確認が完了し、アカウントの準備が整いました。ダッシュボードからライセンスとアカウント設定を管理できます。",
    action: "ダッシュボードへ移動",
    outro: "今後ともよろしくお願いいたします。",
  },
  "password-changed": {
    subject: "License Portal のパスワードが変更されました",
    heading: "パスワードが変更されました",
    intro: "License Portal アカウントのパスワードが変更されました。お客様ご自身による変更であれば、対応は不要です。",
    action: "パスワードを再設定する",
    outro: "お心当たりがない場合は、アカウントを保護するため、ただちにパスワードを再設定してください。",
  },
};
