// Words for the card fields and why a card was declined; src/web/dictionary.ts gathers them.

export const cardEn = {
  'checkout.payment': 'Payment',
  'checkout.cardNumber': 'Card number',
  'checkout.cardHolder': 'Name on card',
  'checkout.cardExpiry': 'Expiry (MM/YY)',
  'checkout.cardCvc': 'Security code',
  'decline.card_declined': 'declined by the issuer',
  'decline.insufficient_funds': 'insufficient funds',
  'decline.invalid_card': 'the number is not a valid card of an accepted brand',
  'decline.expired_card': 'the card has expired',
} as const;

export const cardJa: Record<keyof typeof cardEn, string> = {
  'checkout.payment': 'お支払い',
  'checkout.cardNumber': 'カード番号',
  'checkout.cardHolder': 'カード名義',
  'checkout.cardExpiry': '有効期限（MM/YY）',
  'checkout.cardCvc': 'セキュリティコード',
  'decline.card_declined': 'カード会社により承認されませんでした',
  'decline.insufficient_funds': 'ご利用可能額が不足しています',
  'decline.invalid_card': 'ご利用いただけるカードの番号ではありません',
  'decline.expired_card': 'カードの有効期限が切れています',
};
