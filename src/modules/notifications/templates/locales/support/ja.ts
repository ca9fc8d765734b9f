import type { SupportMessages } from "./en.ts";

export const supportJa: SupportMessages = {
  "support-ticket-update": {
    subject: "[{{ticketReference}}] 新しい返信：{{ticketSubject}}",
    heading: "サポートチケットに新しい返信があります",
    intro: "{{authorName}} さんがチケット {{ticketReference}}（{{ticketSubject}}）に返信しました：",
    reply: "このメールに返信するか、License Portal でチケットを開いてください。",
    action: "チケットを開く",
    outro: "このチケットを作成した方、またはウォッチしている方にお送りしています。",
  },
  "support-ticket-status": {
    subject: "[{{ticketReference}}] ステータス変更（{{status}}）：{{ticketSubject}}",
    heading: "サポートチケットのステータスが変わりました",
    intro: "チケット {{ticketReference}}（{{ticketSubject}}）のステータスは「{{status}}」になりました。",
    advice:
      "まだサポートが必要な場合は、このメールに返信するか、License Portal でチケットを開いてください。解決済みのチケットは 14 日間再開できます。それ以降は新しいチケットを作成してください。",
    action: "チケットを開く",
    outro: "このチケットを作成した方、またはウォッチしている方にお送りしています。",
  },
  "support-watcher-added": {
    subject: "サポートチケット {{ticketReference}} のウォッチャーになりました",
    heading: "サポートチケットに追加されました",
    intro: "{{adderName}} さんがあなたをサポートチケット {{ticketReference}}（{{ticketSubject}}）のウォッチャーに追加しました。",
    explain:
      "返信があるたびに、またチケットが解決またはクローズされたときにメールが届きます。そのメールに返信すると会話に参加できます。下のボタンからチケットを開くこともできます。",
    action: "チケットを開く",
    outro: "このチケットをフォローしたくない場合は、{{adderName}} さんに削除を依頼してください。",
  },
  "support-ticket-opened": {
    subject: "[{{ticketReference}}] チケットを受け付けました: {{ticketSubject}}",
    heading: "サポートチケットを受け付けました",
    intro:
      "チケット {{ticketReference}}（{{ticketSubject}}）を受け付けました。このチケットについてお問い合わせの際は、この番号をお知らせください。",
    target: "初回回答は{{responseTarget}}以内を目標としています。",
    reply:
      "詳細を追加するには、このメールにそのまま返信してください。返信内容がチケットに追加されます。License Portal でチケットの状況を確認することもできます。",
    action: "チケットを開く",
    outro: "このチケットを作成した方にお送りしています。",
  },
};
