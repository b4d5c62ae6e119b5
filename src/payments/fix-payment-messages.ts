// Words for paying an order again after a failed capture; src/web/dictionary.ts gathers them.

export const fixPaymentEn = {
  'fixPayment.title': 'Payment for order {number}',
  'fixPayment.banner': 'Payment failed: enter another card by {date}.',
  'fixPayment.bannerLink': 'Enter another card',
  'fixPayment.why':
    'We could not charge your card {card} for this order: the card issuer refused the charge. Your order is still reserved for you.',
  'fixPayment.how':
    'Enter another card below. The total of {amount} is charged to it straight away, and your order then ships as usual. If no card works by {date}, the order is cancelled and you are not charged.',
  'fixPayment.threeDs':
    'Your card issuer may ask you to confirm the payment on its own page (3-D Secure); you then come back here.',
  'fixPayment.submit': 'Pay {amount} with this card',
  'fixPayment.back': 'Back to your order',
  'fixPayment.done':
    'Thank you: {amount} was charged to {card}. Your order ships as usual, and we will mail you when it does.',
  'fixPayment.declined':
    'This card was not accepted: {reason}. Check what you typed, or use another card.',
  'fixPayment.challengeFailed':
    'The card issuer could not confirm this payment. Try again, or use another card.',
  'fixPayment.captureFailed':
    'This card was accepted, but the charge did not go through. Please use another card by {date}.',
  'fixPayment.tooLate':
    'The time to enter another card has passed, so this order is being cancelled. You are not charged.',
  'fixPayment.limited': 'Too many attempts for this order. Try again at {time}.',
  'fixPayment.japanTime': '{date} (Japan time)',
} as const;

export const fixPaymentJa: Record<keyof typeof fixPaymentEn, string> = {
  'fixPayment.title': 'ご注文 {number} のお支払い',
  'fixPayment.banner': 'カード決済ができませんでした。{date}までに別のカードをご登録ください。',
  'fixPayment.bannerLink': '別のカードを登録する',
  'fixPayment.why':
    'このご注文の代金を、お客様のカード（{card}）にご請求できませんでした。カード会社に承認されなかったためです。ご注文はそのまま確保しております。',
  'fixPayment.how':
    '下記に別のカードをご入力ください。ご注文合計 {amount} をただちにご請求し、通常どおり発送いたします。{date}までにご請求できるカードのご登録がない場合、ご注文はキャンセルとなり、ご請求は発生しません。',
  'fixPayment.threeDs':
    'カード会社のページで本人確認（3-Dセキュア）を求められる場合があります。確認後、このページに戻ります。',
  'fixPayment.submit': 'このカードで {amount} を支払う',
  'fixPayment.back': 'ご注文ページに戻る',
  'fixPayment.done':
    'ありがとうございます。{card} に {amount} をご請求しました。ご注文は通常どおり発送し、発送時にメールでお知らせします。',
  'fixPayment.declined':
    'このカードはご利用いただけませんでした（{reason}）。入力内容をご確認いただくか、別のカードをご利用ください。',
  'fixPayment.challengeFailed':
    'カード会社による本人確認ができませんでした。もう一度お試しいただくか、別のカードをご利用ください。',
  'fixPayment.captureFailed':
    'このカードは承認されましたが、ご請求ができませんでした。{date}までに別のカードをご利用ください。',
  'fixPayment.tooLate':
    'カード変更の期限を過ぎたため、このご注文はキャンセルとなります。ご請求は発生しません。',
  'fixPayment.limited':
    'このご注文へのお試し回数が上限に達しました。{time}以降にもう一度お試しください。',
  'fixPayment.japanTime': '{date}（日本時間）',
};
