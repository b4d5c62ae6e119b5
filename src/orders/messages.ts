// Words for the order page, its mail, a contact change and finding an order.
// src/web/dictionary.ts gathers them.

export const ordersEn = {
  'order.title': 'Order {number}',
  'order.placedAt': 'Placed {date}',
  'order.status': 'Status',
  'order.items': 'Items',
  'order.shipTo': 'Ship to',
  'order.contactEmail': 'Contact email',
  'order.payment': 'Payment',
  'order.cancel': 'Cancel this order',
  'order.cancelConfirm': 'Cancel the whole order? Your card authorisation is released.',
  'order.cancelConfirmPaypal': 'Cancel the whole order? Your PayPal payment is refunded.',
  'order.paypal': 'PayPal',
  'order.paypalCapture': 'PayPal transaction ID: {id}',
  'order.paypalWaiting':
    'PayPal is still reviewing this payment. We start preparing your order once it clears.',
  'order.paypalRefunding': 'Being refunded to your PayPal account.',
  'order.paypalRefunded': 'Refunded to your PayPal account.',
  'order.cancelled': 'The order was cancelled.',
  'order.cannotCancel': 'This order can no longer be cancelled from here. Please contact us.',
  'order.track': 'Track the package',
  'order.tracking': '{carrier} tracking number {number}',
  'order.preorderLine': 'Pre-order, release {month}',
  'state.placed': 'Order placed',
  'state.payment_authorised': 'Payment authorised',
  'state.preparing': 'Preparing for shipment',
  'state.shipped': 'Shipped',
  'state.delivered': 'Delivered',
  'state.cancelled': 'Cancelled',
  'orderMail.title': 'Mail about this order',
  'orderMail.none': 'We have not sent any mail about this order yet.',
  'orderMail.resend': 'Resend',
  'orderMail.resendTo': 'Resend to {email}',
  'orderMail.resent': 'We sent it again to {email}. It should arrive within a few minutes.',
  'orderMail.resendLimited':
    'This order’s mail was resent several times in the last hour. You can resend again at {time}.',
  'orderMail.blocked':
    'We have stopped sending to {email} because earlier mail to it could not be delivered or was reported as spam. Send this order’s mails to another address below.',
  'contactChange.title': 'Send this order’s mails to another address',
  'contactChange.help':
    'We send a 6-digit code to the new address. Once you enter it here, mail about this order goes there, and we send the order confirmation there again.',
  'contactChange.onlyThisOrder':
    'This changes only this order’s contact email. Your member account email ({email}) stays the same.',
  'contactChange.onlyThisOrderGuest': 'This changes only this order’s contact email.',
  'contactChange.current': 'Mail about this order now goes to {email}.',
  'contactChange.newEmail': 'New email address',
  'contactChange.send': 'Send a code',
  'contactChange.same': 'This is already the contact email for this order.',
  'contactChange.suppressed':
    'We cannot send to this address because earlier mail to it failed. Please choose another one.',
  'contactChange.limited':
    'Too many codes were requested for this order. You can try again at {time}.',
  'contactChange.codeTitle': 'Enter the code',
  'contactChange.codeSent': 'We sent a 6-digit code to {email}. It works until {time}.',
  'contactChange.done':
    'From now on, mail about this order goes to {email}. We sent the order confirmation there again.',
  'contactChange.back': 'Back to the order',
  'v.orderNumber': 'Enter the order number, e.g. TP-261126-ABC123.',
  'findOrder.title': 'Find your order',
  'orderLink.goneTitle': 'This order link no longer works',
  'orderLink.replaced':
    "The order's mail was moved to another email address, so the links sent before the move stopped working. A new link was sent to the new address.",
  'orderLink.expired':
    'Order links stop working {days} days after the last change to the order (for example its delivery).',
  'orderLink.howToFind':
    'To open the order again, enter its order number and the email address that receives its mail: we send a code to that address, and the code opens the order.',
  'findOrder.intro':
    'Ordered without an account? Enter the order number and the email address you used. We will send a code to that address.',
  'findOrder.number': 'Order number',
  'findOrder.numberHelp': 'It starts with TP- and is in the order confirmation mail.',
  'findOrder.email': 'Email address used for the order',
  'findOrder.send': 'Send a code',
  'findOrder.sent':
    'If the order number and email match, we sent a code to that address. It works for 10 minutes.',
  'findOrder.wrongCode':
    'That code is not right or no longer valid. A code works for 10 minutes and for 5 tries; you can ask for a new one.',
  'findOrder.open': 'Open the order',
  'findOrder.newCode': 'Ask for a new code',
  'findOrder.members': 'Members: sign in to see all your orders on MyPage.',
  'findOrder.limited': 'Too many attempts. Please try again at {time}.',
} as const;

export const ordersJa: Record<keyof typeof ordersEn, string> = {
  'order.title': 'ご注文 {number}',
  'order.placedAt': 'ご注文日時 {date}',
  'order.status': '配送状況',
  'order.items': 'ご注文商品',
  'order.shipTo': 'お届け先',
  'order.contactEmail': '連絡先メールアドレス',
  'order.payment': 'お支払い',
  'order.cancel': 'この注文をキャンセルする',
  'order.cancelConfirm': 'ご注文全体をキャンセルしますか？カードの与信は解除されます。',
  'order.cancelConfirmPaypal': 'ご注文全体をキャンセルしますか？PayPalでのお支払いは返金されます。',
  'order.paypal': 'PayPal',
  'order.paypalCapture': 'PayPal取引ID：{id}',
  'order.paypalWaiting':
    'このお支払いはPayPalで確認中です。確認が済みしだい、ご注文の準備を始めます。',
  'order.paypalRefunding': 'PayPalアカウントへの返金を手続き中です。',
  'order.paypalRefunded': 'PayPalアカウントに返金しました。',
  'order.cancelled': 'ご注文をキャンセルしました。',
  'order.cannotCancel': 'このご注文はこちらからはキャンセルできません。お問い合わせください。',
  'order.track': '荷物を追跡する',
  'order.tracking': '{carrier} 追跡番号 {number}',
  'order.preorderLine': '予約商品・{month}発売予定',
  'state.placed': 'ご注文受付',
  'state.payment_authorised': 'お支払い承認済み',
  'state.preparing': '発送準備中',
  'state.shipped': '発送済み',
  'state.delivered': 'お届け済み',
  'state.cancelled': 'キャンセル済み',
  'orderMail.title': 'このご注文に関するメール',
  'orderMail.none': 'このご注文に関するメールはまだお送りしていません。',
  'orderMail.resend': '再送する',
  'orderMail.resendTo': '{email} に再送する',
  'orderMail.resent': '{email} にもう一度お送りしました。数分以内に届きます。',
  'orderMail.resendLimited':
    'このご注文のメールは直近1時間に何度も再送されています。{time} 以降に再送できます。',
  'orderMail.blocked':
    '以前のメールがお届けできなかった、または迷惑メールとして報告されたため、{email} への送信を停止しています。下のフォームから別のアドレスに送ってください。',
  'contactChange.title': 'このご注文のメールを別のアドレスに送る',
  'contactChange.help':
    '新しいアドレスに6桁の確認コードをお送りします。ここで入力すると、このご注文に関するメールはそのアドレスに届くようになり、ご注文確認メールもあらためてお送りします。',
  'contactChange.onlyThisOrder':
    'この操作で変わるのは、このご注文の連絡先メールアドレスだけです。会員情報のメールアドレス（{email}）は変わりません。',
  'contactChange.onlyThisOrderGuest':
    'この操作で変わるのは、このご注文の連絡先メールアドレスだけです。',
  'contactChange.current': 'このご注文に関するメールは現在 {email} にお送りしています。',
  'contactChange.newEmail': '新しいメールアドレス',
  'contactChange.send': 'コードを送る',
  'contactChange.same': 'すでにこのご注文の連絡先メールアドレスです。',
  'contactChange.suppressed':
    '以前メールをお届けできなかったため、このアドレスには送信できません。別のアドレスを入力してください。',
  'contactChange.limited':
    'このご注文では確認コードの送信が多すぎます。{time} 以降にもう一度お試しください。',
  'contactChange.codeTitle': '確認コードの入力',
  'contactChange.codeSent': '{email} に6桁の確認コードをお送りしました。{time} まで有効です。',
  'contactChange.done':
    '今後このご注文に関するメールは {email} にお送りします。ご注文確認メールもあらためてお送りしました。',
  'contactChange.back': 'ご注文に戻る',
  'v.orderNumber': 'ご注文番号を入力してください（例：TP-261126-ABC123）。',
  'findOrder.title': 'ご注文の確認',
  'orderLink.goneTitle': 'このご注文のリンクは使えなくなりました',
  'orderLink.replaced':
    'ご注文のメールの送り先が別のメールアドレスに変更されたため、変更前にお送りしたリンクは使えなくなりました。新しいアドレスに新しいリンクをお送りしています。',
  'orderLink.expired':
    'ご注文のリンクは、ご注文の最後の更新（お届けなど）から {days} 日で使えなくなります。',
  'orderLink.howToFind':
    'ご注文をもう一度ご覧になるには、注文番号と、ご注文のメールを受け取るメールアドレスを入力してください。そのアドレスに確認コードをお送りし、コードでご注文を開けます。',
  'findOrder.intro':
    '会員登録せずにご注文されたお客様は、ご注文番号とご注文時のメールアドレスを入力してください。そのアドレスに確認コードをお送りします。',
  'findOrder.number': 'ご注文番号',
  'findOrder.numberHelp': '「TP-」で始まる番号で、ご注文確認メールに記載されています。',
  'findOrder.email': 'ご注文時のメールアドレス',
  'findOrder.send': 'コードを送る',
  'findOrder.sent':
    'ご注文番号とメールアドレスが一致した場合は、そのアドレスに確認コードをお送りしました。有効期限は10分です。',
  'findOrder.wrongCode':
    'コードが正しくないか、有効期限が切れています。コードは10分間・5回まで有効です。新しいコードを受け取ることもできます。',
  'findOrder.open': 'ご注文を表示する',
  'findOrder.newCode': '新しいコードを受け取る',
  'findOrder.members': '会員の方はログインすると、マイページですべてのご注文をご確認いただけます。',
  'findOrder.limited': '試行回数が多すぎます。{time} 以降にもう一度お試しください。',
};
