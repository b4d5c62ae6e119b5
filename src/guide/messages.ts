// The guide's words in both languages; src/web/i18n.ts merges them into the one dictionary.

export const guideEn = {
  'guide.title': 'Help guide',
  'footer.shippingInfo': 'Shipping info',
  'footer.points': 'How to use your points',
  'footer.privacy': 'Privacy policy',
  'footer.terms': 'Terms of use',
} as const;

export const guideJa: Record<keyof typeof guideEn, string> = {
  'guide.title': 'ご利用ガイド',
  'footer.shippingInfo': '配送について',
  'footer.points': 'ポイントの使い方',
  'footer.privacy': 'プライバシーポリシー',
  'footer.terms': '利用規約',
};
