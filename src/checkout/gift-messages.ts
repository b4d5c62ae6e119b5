// Words for gift wrapping and message cards (checkout, order page).
// src/web/dictionary.ts gathers them.

export const giftEn = {
  'gift.legend': 'Gift options',
  'gift.wrap': 'Gift wrapping (+{fee})',
  'gift.wrapHelp':
    'We wrap the whole order as one gift; it ships as one package. Digital items are not wrapped.',
  'gift.card': 'Message card (optional)',
  'gift.cardHelp': 'Up to {max} characters, printed on a card and put in the package. No fee.',
  'gift.wrapFee': 'Gift wrapping',
  'gift.cardReview': 'Message card (no fee)',
  'gift.orderHeading': 'Gift options',
  'gift.orderWrapped': 'Gift wrapped',
  'gift.orderCard': 'Message card',
  'gift.v.cardLong': 'Use at most {max} characters (you entered {count}).',
  'gift.v.wrapDigital':
    'Gift wrapping is only for goods we ship; this order has only digital items.',
  'gift.v.cardDigital':
    'A message card travels in the package; this order has only digital items, so there is none.',
} as const;

export const giftJa: Record<keyof typeof giftEn, string> = {
  'gift.legend': 'ギフトオプション',
  'gift.wrap': 'ギフトラッピング（+{fee}）',
  'gift.wrapHelp':
    'ご注文全体をひとつのギフトとしてラッピングし、1つの荷物でお届けします。デジタル商品はラッピングの対象外です。',
  'gift.card': 'メッセージカード（任意）',
  'gift.cardHelp': '{max}文字まで。カードに印刷して荷物に同梱します。料金はかかりません。',
  'gift.wrapFee': 'ギフトラッピング',
  'gift.cardReview': 'メッセージカード（無料）',
  'gift.orderHeading': 'ギフトオプション',
  'gift.orderWrapped': 'ギフトラッピングあり',
  'gift.orderCard': 'メッセージカード',
  'gift.v.cardLong': '{max}文字以内にしてください（現在{count}文字）。',
  'gift.v.wrapDigital':
    'ギフトラッピングは配送する商品が対象です。このご注文はデジタル商品のみのため、お選びいただけません。',
  'gift.v.cardDigital':
    'メッセージカードは荷物に同梱します。このご注文はデジタル商品のみのため、お付けできません。',
};
