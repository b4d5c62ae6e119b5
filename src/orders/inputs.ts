import { z } from 'zod';
import { isSafeRecipient } from '../mail/render-mail.ts';

/**
 * The rule an address must pass before an order's mail can move to it. The only place it is
 * written, so the full address policy can replace it.
 */
export const newContactEmail = z
  .string('v.required')
  .trim()
  .min(1, 'v.required')
  .max(254, 'v.tooLong')
  .pipe(z.email('v.email'))
  .refine(isSafeRecipient, 'v.email');

export const contactChangeInput = z.object({ email: newContactEmail });

/** Six digits as typed: full-width digits, spaces and hyphens are forgiven. */
export const verificationCode = z
  .string('v.code')
  .transform((s) => s.normalize('NFKC').replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'v.code'));

export const codeInput = z.object({ code: verificationCode });

/** An order number as typed, e.g. 'tp-261126-abc123 ' or in full-width letters. */
export const orderNumber = z
  .string('v.orderNumber')
  .transform((s) => s.normalize('NFKC').trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9-]{4,40}$/, 'v.orderNumber'));

export const findOrderInput = z.object({
  number: orderNumber,
  email: z
    .string('v.required')
    .trim()
    .min(1, 'v.required')
    .max(254, 'v.tooLong')
    .pipe(z.email('v.email')),
});

export const findOrderCodeInput = z.object({ number: orderNumber, code: verificationCode });
