// Words for the newsletter setting and the unsubscribe pages; src/web/dictionary.ts gathers them.

export const newsletterEn = {
  'newsletter.title': 'Newsletter',
  'newsletter.intro':
    'Our newsletter brings news about new releases, pre-orders and events. We send it only to members who ask for it, and every issue has a link to stop it with one click.',
  'newsletter.optIn': 'Send me the newsletter',
  'newsletter.sentTo': 'It goes to {email}, in the language of your account.',
  'newsletter.save': 'Save',
  'newsletter.subscribed': 'Done: you will receive the newsletter.',
  'newsletter.unsubscribed': 'Done: you will no longer receive the newsletter.',
  'newsletter.unverified':
    'Your email address is not confirmed yet. We send the newsletter only to confirmed addresses.',
  'newsletter.settingsLink': 'Newsletter settings',
  'newsletter.unsubscribeTitle': 'Unsubscribe from the newsletter',
  'newsletter.unsubscribeConfirm':
    'Press the button to stop the newsletter to your address. Mail about your orders and your account keeps coming.',
  'newsletter.unsubscribeButton': 'Unsubscribe',
  'newsletter.unsubscribedTitle': 'You are unsubscribed',
  'newsletter.unsubscribedText':
    'We will not send you the newsletter any more. Mail about your orders and your account still arrives. To subscribe again, sign in and open MyPage > Newsletter settings.',
  'newsletter.badLinkTitle': 'This unsubscribe link does not work',
  'newsletter.badLink':
    'The link may have been cut off when it was copied. Open it again from the newsletter, or sign in and change the setting on MyPage > Newsletter settings.',
} as const;

export const newsletterJa: Record<keyof typeof newsletterEn, string> = {
  'newsletter.title': 'メールマガジン',
  'newsletter.intro':
    '新商品・予約・イベントの情報をメールマガジンでお届けします。配信をご希望の会員様にのみお送りし、毎号のリンクからワンクリックで配信を停止できます。',
  'newsletter.optIn': 'メールマガジンを受け取る',
  'newsletter.sentTo': '{email} 宛に、アカウントの言語でお送りします。',
  'newsletter.save': '保存する',
  'newsletter.subscribed': 'メールマガジンの配信を登録しました。',
  'newsletter.unsubscribed': 'メールマガジンの配信を停止しました。',
  'newsletter.unverified':
    'メールアドレスの確認がまだ完了していません。メールマガジンは確認済みのアドレスにのみお送りします。',
  'newsletter.settingsLink': 'メールマガジンの設定',
  'newsletter.unsubscribeTitle': 'メールマガジンの配信停止',
  'newsletter.unsubscribeConfirm':
    'ボタンを押すと、お客様のアドレスへのメールマガジンの配信を停止します。ご注文やアカウントに関するメールは引き続きお送りします。',
  'newsletter.unsubscribeButton': '配信を停止する',
  'newsletter.unsubscribedTitle': 'メールマガジンの配信を停止しました',
  'newsletter.unsubscribedText':
    '今後、メールマガジンはお送りしません。ご注文やアカウントに関するメールは引き続きお届けします。再度ご希望の場合は、ログインして「マイページ」>「メールマガジンの設定」から登録してください。',
  'newsletter.badLinkTitle': 'この配信停止リンクは無効です',
  'newsletter.badLink':
    'コピーの際にリンクが途中で切れた可能性があります。メールマガジンのリンクをもう一度開くか、ログインして「マイページ」>「メールマガジンの設定」から変更してください。',
};
