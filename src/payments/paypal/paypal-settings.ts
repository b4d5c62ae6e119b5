import { z } from 'zod';

/** PayPal's settings, spread into the shop's settings schema in src/env.ts. */
export const paypalSettings = {
  /** REST app credentials from PayPal's developer dashboard; without them PayPal is not offered. */
  PAYPAL_CLIENT_ID: z.string().trim().min(1).optional(),
  PAYPAL_CLIENT_SECRET: z.string().trim().min(1).optional(),
  /** Which PayPal the credentials belong to: api-m.sandbox.paypal.com or api-m.paypal.com. */
  PAYPAL_ENV: z.enum(['sandbox', 'live']).default('sandbox'),
  /** The webhook's id as PayPal lists it, needed to verify the events it sends. */
  PAYPAL_WEBHOOK_ID: z
    .string()
    .regex(/^[A-Za-z0-9]+$/, 'must be the webhook id PayPal shows, letters and digits only')
    .optional(),
};

/** Refuses a client id without its secret or the reverse: half a credential is a typo. */
export function withPaypalPairing<
  S extends z.ZodType<{ PAYPAL_CLIENT_ID?: string; PAYPAL_CLIENT_SECRET?: string }>,
>(settings: S): S {
  return settings.refine((env) => !env.PAYPAL_CLIENT_ID === !env.PAYPAL_CLIENT_SECRET, {
    message: 'PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET go together: set both or neither',
    path: ['PAYPAL_CLIENT_SECRET'],
  });
}
