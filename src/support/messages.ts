// The inquiry desk's words in both languages; src/web/i18n.ts merges them into the one dictionary.

export const supportEn = {
  'inquiry.title': 'Inquiry',
} as const;

export const supportJa: Record<keyof typeof supportEn, string> = {
  'inquiry.title': 'お問い合わせ',
};
