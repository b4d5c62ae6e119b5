// Words for "Your case" on the flagship article; src/web/dictionary.ts gathers them.

export const caseEn = {
  'case.title': 'Your case, {name}',
  'case.intro': 'You are signed in, so here is what we know about mail to you.',
  'case.address': 'Your account’s email address: {email}',
  'case.addressOk': 'This address passes our address checks and nothing sent to it has bounced.',
  'case.policyBad':
    'This address breaks our address rules, so mail to it may not arrive. Please change it:',
  'case.safeSender':
    'Add {sender} to your contacts or safe senders, so your mail provider does not file our mail as spam.',
  'case.recentMail': 'The last mails we sent you',
  'case.noMail': 'We have not sent you any mail yet.',
  'case.orders': 'Where your orders’ mails go',
  'case.orderContact': 'Order {number}: mails go to {email}',
  'case.orderDiffers':
    'This is not your current account address. Changing your account address does not move an order’s mails.',
  'case.orderProblem': 'Mail to this address is not getting through.',
  'case.moveMail': 'Send this order’s mails to another address',
  'case.noOrders': 'You have no orders yet.',
  'case.stillStuck': 'Still missing a mail? Tell us which one',
} as const;

export const caseJa: Record<keyof typeof caseEn, string> = {
  'case.title': '{name} 様のメール配信状況',
  'case.intro': 'ログイン中のため、お客様宛てのメールの状況をここに表示しています。',
  'case.address': '会員登録のメールアドレス：{email}',
  'case.addressOk':
    'このアドレスは当店のアドレス確認を通過しており、送信したメールの不達（バウンス）もありません。',
  'case.policyBad':
    'このアドレスは当店のアドレスの条件に合わないため、メールが届かない可能性があります。変更をお願いします：',
  'case.safeSender':
    '{sender} を連絡先または受信許可リストに追加してください。迷惑メールとして振り分けられるのを防げます。',
  'case.recentMail': '最近お送りしたメール',
  'case.noMail': 'まだメールをお送りしていません。',
  'case.orders': 'ご注文ごとのメールの送信先',
  'case.orderContact': 'ご注文 {number}：{email} にお送りしています',
  'case.orderDiffers':
    '現在の会員登録アドレスとは異なります。会員登録のアドレスを変更しても、ご注文のメールの送信先は変わりません。',
  'case.orderProblem': 'このアドレスへのメールが届いていません。',
  'case.moveMail': 'このご注文のメールを別のアドレスに送る',
  'case.noOrders': 'まだご注文はありません。',
  'case.stillStuck': 'それでも届かないメールがある場合は、お知らせください',
};
