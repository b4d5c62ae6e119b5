/** Card brands the shop accepts (orders.card_brand). */
export const cardBrands = ['visa', 'mastercard', 'jcb', 'amex'] as const;
export type CardBrand = (typeof cardBrands)[number];

export const brandNames: Record<CardBrand, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  jcb: 'JCB',
  amex: 'American Express',
};

/** Digits only: customers type spaces and dashes. */
export function cardDigits(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

export function passesLuhn(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The brand from the number's prefix (IIN ranges), or null when we do not accept it. */
export function detectBrand(digits: string): CardBrand | null {
  if (/^4\d{12}(\d{3}){0,2}$/.test(digits)) return 'visa';
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (digits.length === 16 && ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720))) {
    return 'mastercard';
  }
  if (digits.length >= 16 && digits.length <= 19 && four >= 3528 && four <= 3589) return 'jcb';
  if (digits.length === 15 && (two === 34 || two === 37)) return 'amex';
  return null;
}
