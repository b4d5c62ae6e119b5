/** Yen are stored as integers; this formats them for people. */
export function formatJpy(amount: number, locale: 'en' | 'ja'): string {
  const digits = amount.toLocaleString('en-US');
  return locale === 'ja' ? `${digits}円` : `¥${digits}`;
}

/** Japanese consumption tax, included in every price. */
export const TAX_RATE_PERCENT = 10;

/** Japanese consumption tax included in a tax-inclusive price, rounded down. */
export function includedTaxJpy(taxInclusive: number, ratePercent = TAX_RATE_PERCENT): number {
  return Math.floor((taxInclusive * ratePercent) / (100 + ratePercent));
}
