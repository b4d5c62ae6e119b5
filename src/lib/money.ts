/** Yen are stored as integers; this formats them for people. */
export function formatJpy(amount: number, locale: 'en' | 'ja'): string {
  const digits = amount.toLocaleString('en-US');
  return locale === 'ja' ? `${digits}円` : `¥${digits}`;
}

/** Japanese consumption tax included in a tax-inclusive price (10%), rounded down. */
export function includedTaxJpy(taxInclusive: number, ratePercent = 10): number {
  return Math.floor((taxInclusive * ratePercent) / (100 + ratePercent));
}
