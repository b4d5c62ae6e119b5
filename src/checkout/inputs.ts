import { z } from 'zod';
import { typedAddress } from '../email-policy/address-input.ts';
import { findCountry, normalisePostalCode } from '../shipping/countries.ts';
import { shippingMethodCodes } from '../shipping/rates.ts';
import { messageCardInput } from './gift-options.ts';

const text = (max: number) => z.string().trim().min(1, 'v.required').max(max, 'v.tooLong');

export const addressInput = z
  .object({
    name: text(100),
    line1: text(200),
    line2: z.string().trim().max(200).default(''),
    city: text(100),
    region: z.string().trim().max(100).default(''),
    postalCode: z.string().trim().max(20).default(''),
    country: z.string().trim().length(2, 'v.country').toUpperCase(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'v.phone'),
  })
  .transform((a, ctx) => {
    const country = findCountry(a.country);
    if (!country) {
      ctx.addIssue({
        code: 'custom',
        path: ['country'],
        message: 'error.unknownCountry',
      });
      return z.NEVER;
    }
    if (!country.postal) return { ...a, postalCode: a.postalCode };
    const postal = normalisePostalCode(country, a.postalCode);
    if (!postal.ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['postalCode'],
        message: 'v.postal',
      });
      return z.NEVER;
    }
    return { ...a, postalCode: postal.value };
  });

export const cardInput = z.object({
  number: z
    .string()
    .trim()
    .regex(/^[0-9 -]{12,23}$/, 'v.cardNumber'),
  holder: text(100),
  expiry: z
    .string()
    .trim()
    .regex(/^(0[1-9]|1[0-2])\s*\/\s*(\d{2}|\d{4})$/, 'v.expiry'),
  cvc: z
    .string()
    .trim()
    .regex(/^\d{3,4}$/, 'v.cvc'),
});

export const paymentMethods = ['card', 'paypal'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const checkoutInput = z
  .object({
    // One plain address here; the form also runs the whole policy (checkEmailField) on it.
    email: typedAddress.optional(),
    address: addressInput,
    shippingMethod: z.enum(shippingMethodCodes, 'v.method'),
    /** A card (the default) or PayPal, which sends the customer to PayPal to approve the payment. */
    paymentMethod: z.enum(paymentMethods, 'v.paymentMethod').default('card'),
    /** Required for card payments; ignored for PayPal. */
    card: cardInput.optional(),
    /** Gift wrapping for the whole order; only when it has physical goods. */
    giftWrap: z.boolean('v.required').optional(),
    /** A printed message card; blank or missing means none. */
    messageCard: messageCardInput.nullable().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.paymentMethod === 'card' && !input.card) {
      ctx.addIssue({ code: 'custom', path: ['card', 'number'], message: 'v.cardNumber' });
    }
  });

export type CheckoutInput = z.infer<typeof checkoutInput>;
export type ShippingAddress = z.infer<typeof addressInput>;

/** Splits 'MM/YY' into numbers for the payment provider. */
export function parseExpiry(expiry: string): { expMonth: number; expYear: number } {
  const [m, y] = expiry.split('/').map((s) => Number(s.trim()));
  return { expMonth: m!, expYear: y! < 100 ? 2000 + y! : y! };
}

/** The flat checkout form, mapped onto the same shape the API takes. */
export const checkoutForm = z
  .object({
    email: z.string().optional(),
    name: z.string().default(''),
    line1: z.string().default(''),
    line2: z.string().default(''),
    city: z.string().default(''),
    region: z.string().default(''),
    postalCode: z.string().default(''),
    country: z.string().default(''),
    phone: z.string().default(''),
    shippingMethod: z.string().default(''),
    cardNumber: z.string().default(''),
    cardHolder: z.string().default(''),
    cardExpiry: z.string().default(''),
    cardCvc: z.string().default(''),
    paymentMethod: z.string().default('card'),
    giftWrap: z.string().default(''),
    messageCard: z.string().default(''),
  })
  .transform((f) => ({
    email: f.email?.trim() || undefined,
    address: {
      name: f.name,
      line1: f.line1,
      line2: f.line2,
      city: f.city,
      region: f.region,
      postalCode: f.postalCode,
      country: f.country,
      phone: f.phone,
    },
    shippingMethod: f.shippingMethod,
    paymentMethod: f.paymentMethod,
    // The card fields are on the page whichever method is chosen; PayPal ignores them.
    card:
      f.paymentMethod === 'paypal'
        ? undefined
        : { number: f.cardNumber, holder: f.cardHolder, expiry: f.cardExpiry, cvc: f.cardCvc },
    // An unchecked checkbox sends nothing; a checked one sends its value.
    giftWrap: f.giftWrap !== '',
    messageCard: f.messageCard,
  }));

/** Maps nested error paths back to the form's flat field names. */
export function formFieldName(path: string): string {
  const map: Record<string, string> = {
    'card.number': 'cardNumber',
    'card.holder': 'cardHolder',
    'card.expiry': 'cardExpiry',
    'card.cvc': 'cardCvc',
  };
  return map[path] ?? path.replace(/^address\./, '');
}
