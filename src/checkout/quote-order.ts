import type { CartLine } from '../cart/find-cart.ts';
import { checkPurchase, type PurchaseProblem } from '../cart/purchase-rules.ts';
import { findCountry, regionMismatch } from '../shipping/countries.ts';
import { availableMethods, quoteShipping, type ShippingMethodCode } from '../shipping/rates.ts';
import { giftWrapFee } from './gift-options.ts';

export interface QuotedLine {
  productId: string;
  sku: string;
  titleEn: string;
  titleJa: string;
  kind: 'physical' | 'digital';
  unitPriceJpy: number;
  quantity: number;
  lineTotalJpy: number;
  isPreorder: boolean;
  releaseMonth: string | null;
  preorderClosesAt: Date | null;
}

export type QuoteProblem =
  | { code: 'empty_cart' }
  | { code: 'unknown_country' }
  | { code: 'method_unavailable' }
  | { code: 'too_heavy' }
  | { code: 'domestic_only'; title: string }
  | (PurchaseProblem & { title: string });

export interface Quote {
  lines: QuotedLine[];
  subtotalJpy: number;
  shippingFeeJpy: number;
  /** Gift wrapping for the whole order: the fee, or 0 when not chosen or nothing can be wrapped. */
  giftWrapJpy: number;
  totalJpy: number;
  shippingMethod: ShippingMethodCode;
  estimatedDays: { min: number; max: number };
  /** Discs whose region code does not match the destination: a warning, not a refusal. */
  regionWarnings: { title: string; code: string }[];
}

/** Prices a cart for a destination and method, or says every reason it cannot be bought. */
export function quoteOrder(
  cart: CartLine[],
  destination: { country: string; method: ShippingMethodCode },
  buyer: { isMember: boolean },
  now: Date,
  gift: { wrap: boolean } = { wrap: false },
): { ok: true; quote: Quote } | { ok: false; problems: QuoteProblem[] } {
  if (cart.length === 0) return { ok: false, problems: [{ code: 'empty_cart' }] };
  const country = findCountry(destination.country);
  if (!country) return { ok: false, problems: [{ code: 'unknown_country' }] };
  const problems: QuoteProblem[] = [];
  for (const { product, quantity } of cart) {
    const problem = checkPurchase(product, quantity, buyer, now);
    if (problem) problems.push({ ...problem, title: product.titleEn });
    if (product.domesticOnly && country.code !== 'JP') {
      problems.push({ code: 'domestic_only', title: product.titleEn });
    }
  }
  if (!availableMethods(country).includes(destination.method)) {
    problems.push({ code: 'method_unavailable' });
  }
  if (problems.length > 0) return { ok: false, problems };
  const shipping = quoteShipping(
    destination.method,
    country,
    cart.map(({ product, quantity }) => ({ ...product, quantity })),
  );
  if ('error' in shipping) return { ok: false, problems: [{ code: shipping.error }] };
  const lines = cart.map(({ product, quantity }) => ({
    productId: product.id,
    sku: product.sku,
    titleEn: product.titleEn,
    titleJa: product.titleJa,
    kind: product.kind,
    unitPriceJpy: product.priceJpy,
    quantity,
    lineTotalJpy: product.priceJpy * quantity,
    isPreorder: product.status === 'preorder',
    releaseMonth: product.releaseMonth,
    preorderClosesAt: product.preorderClosesAt,
  }));
  const subtotalJpy = lines.reduce((sum, l) => sum + l.lineTotalJpy, 0);
  const giftWrapJpy = giftWrapFee(gift.wrap, lines);
  const regionWarnings = cart
    .filter(({ product }) => regionMismatch(product.regionCode, country))
    .map(({ product }) => ({ title: product.titleEn, code: product.regionCode! }));
  return {
    ok: true,
    quote: {
      lines,
      subtotalJpy,
      shippingFeeJpy: shipping.feeJpy,
      giftWrapJpy,
      totalJpy: subtotalJpy + shipping.feeJpy + giftWrapJpy,
      shippingMethod: destination.method,
      estimatedDays: shipping.estimatedDays,
      regionWarnings,
    },
  };
}
