// Words for the delivery-address fields and what cannot be shipped.
// src/web/dictionary.ts gathers them.

export const shippingEn = {
  'error.methodUnavailable':
    'The chosen shipping method does not deliver to this country. Please choose another.',
  'error.tooHeavy':
    'This order is too heavy to ship as one package. Please split it into several orders.',
  'error.unknownCountry': 'We do not ship to this country.',
  'checkout.name': 'Full name',
  'checkout.line1': 'Address line 1',
  'checkout.line2': 'Address line 2 (optional)',
  'checkout.city': 'City',
  'checkout.region': 'State / prefecture',
  'checkout.postal': 'Postal code',
  'checkout.postalExample': 'e.g. {example}',
  'checkout.country': 'Country',
  'checkout.phone': 'Phone',
} as const;

export const shippingJa: Record<keyof typeof shippingEn, string> = {
  'error.methodUnavailable':
    '選択した配送方法はこの国・地域へはお届けできません。別の方法をお選びください。',
  'error.tooHeavy': 'このご注文は重すぎて1つの荷物で発送できません。複数のご注文に分けてください。',
  'error.unknownCountry': 'この国・地域へはお届けしていません。',
  'checkout.name': 'お名前',
  'checkout.line1': '住所1',
  'checkout.line2': '住所2（任意）',
  'checkout.city': '市区町村',
  'checkout.region': '都道府県・州',
  'checkout.postal': '郵便番号',
  'checkout.postalExample': '例：{example}',
  'checkout.country': '国・地域',
  'checkout.phone': '電話番号',
};
