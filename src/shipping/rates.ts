import type { Country, ShippingZone } from './countries.ts';

/** The shipping methods (orders.shipping_method and orders.carrier). */
export const shippingMethodCodes = ['dhl_express', 'domestic'] as const;
export type ShippingMethodCode = (typeof shippingMethodCodes)[number];

export interface ShippingItem {
  weightG: number;
  lengthCm: number;
  widthCm: number;
  heightCm: number;
  quantity: number;
  kind: 'physical' | 'digital';
}

export interface ShippingQuote {
  method: ShippingMethodCode;
  feeJpy: number;
  billableWeightG: number;
  estimatedDays: { min: number; max: number };
}

export interface ZoneRate {
  /** Fee covering the first includedG grams. */
  baseJpy: number;
  includedG: number;
  /** Fee for each further 500 g step. */
  per500gJpy: number;
  estimatedDays: { min: number; max: number };
}

/** Largest billable weight one package may have. */
export const maxBillableWeightG = 30_000;

/**
 * Fees in yen by method and destination zone; operators change prices here.
 * A method is offered only in the zones listed under it.
 */
export const shippingRates: Record<ShippingMethodCode, Partial<Record<ShippingZone, ZoneRate>>> = {
  dhl_express: {
    asia: { baseJpy: 3000, includedG: 500, per500gJpy: 600, estimatedDays: { min: 2, max: 4 } },
    oceania_na_me: {
      baseJpy: 4200,
      includedG: 500,
      per500gJpy: 900,
      estimatedDays: { min: 3, max: 5 },
    },
    europe: { baseJpy: 4500, includedG: 500, per500gJpy: 1000, estimatedDays: { min: 3, max: 6 } },
    latam_africa: {
      baseJpy: 5500,
      includedG: 500,
      per500gJpy: 1300,
      estimatedDays: { min: 4, max: 8 },
    },
  },
  domestic: {
    domestic: { baseJpy: 800, includedG: 2000, per500gJpy: 300, estimatedDays: { min: 1, max: 3 } },
  },
};

export interface ShippingMethodInfo {
  code: ShippingMethodCode;
  nameEn: string;
  nameJa: string;
  carrierTrackingUrl: (trackingNumber: string) => string;
}

const dhlTrackingBase = 'https://www.dhl.com/global-en/home/tracking.html?tracking-id=';
const japanPostTrackingBase =
  'https://trackings.post.japanpost.jp/services/srv/search/?requestNo1=';

/** Display names and carrier tracking links per shipping method. */
export const shippingMethods: Record<ShippingMethodCode, ShippingMethodInfo> = {
  dhl_express: {
    code: 'dhl_express',
    nameEn: 'DHL Express',
    nameJa: 'DHL Express（国際宅配便）',
    carrierTrackingUrl: (n) => `${dhlTrackingBase}${encodeURIComponent(n.trim())}`,
  },
  domestic: {
    code: 'domestic',
    nameEn: 'Domestic delivery (Japan Post)',
    nameJa: '国内配送（日本郵便）',
    carrierTrackingUrl: (n) => `${japanPostTrackingBase}${encodeURIComponent(n.trim())}`,
  },
};

/** Billable weight is rounded up to steps of this many grams. */
export const weightStepG = 500;
/** Volumetric kilograms are L × W × H in cm divided by this. */
export const volumetricDivisor = 5000;
/** Volumetric weight adds this share for packing material. */
export const packingAllowancePercent = 10;

/** Billable grams of one package holding all items, rounded up to a 500 g step. */
export function billableWeightG(items: ShippingItem[]): number {
  const physical = items.filter((item) => item.kind === 'physical' && item.quantity > 0);
  if (physical.length === 0) return 0;
  let actualG = 0;
  let volumeCm3 = 0;
  for (const item of physical) {
    actualG += item.weightG * item.quantity;
    volumeCm3 += item.lengthCm * item.widthCm * item.heightCm * item.quantity;
  }
  // cm³ × 1000 / divisor gives grams, plus the packing allowance; one division keeps it exact.
  const volumetricG =
    (volumeCm3 * 1000 * (100 + packingAllowancePercent)) / (volumetricDivisor * 100);
  const grams = Math.max(actualG, volumetricG);
  // A parcel is never billed below the first step, even if its data says 0 g.
  return Math.max(weightStepG, Math.ceil(grams / weightStepG) * weightStepG);
}

/** Shipping methods that deliver to the country, in display order. */
export function availableMethods(country: Country): ShippingMethodCode[] {
  return shippingMethodCodes.filter((code) => shippingRates[code][country.zone] !== undefined);
}

/** Fee and delivery estimate for sending the items to the country by the method. */
export function quoteShipping(
  method: ShippingMethodCode,
  country: Country,
  items: ShippingItem[],
): ShippingQuote | { error: 'method_unavailable' | 'too_heavy' } {
  const rate = shippingRates[method][country.zone];
  if (rate === undefined) return { error: 'method_unavailable' };
  const weightG = billableWeightG(items);
  // Nothing to send: digital-only orders ship free and arrive by download.
  if (weightG === 0) {
    return { method, feeJpy: 0, billableWeightG: 0, estimatedDays: { min: 0, max: 0 } };
  }
  if (weightG > maxBillableWeightG) return { error: 'too_heavy' };
  const extraSteps = Math.max(0, Math.ceil((weightG - rate.includedG) / weightStepG));
  return {
    method,
    feeJpy: rate.baseJpy + extraSteps * rate.per500gJpy,
    billableWeightG: weightG,
    estimatedDays: { ...rate.estimatedDays },
  };
}
