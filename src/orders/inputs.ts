import { z } from 'zod';
import { typedAddress } from '../email-policy/address-input.ts';
import { isSafeRecipient } from '../mail/render-mail.ts';

/**
 * An address an order's mail may move to: one plain, sendable address, normalised. The route
 * then runs the whole email address policy on it (checkEmailField), with DNS and warnings.
 */
export const newContactEmail = typedAddress.refine(isSafeRecipient, 'v.email');

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
  // Finds an existing order, so no policy rule applies: the address only has to be one address.
  email: typedAddress,
});

export const findOrderCodeInput = z.object({ number: orderNumber, code: verificationCode });
