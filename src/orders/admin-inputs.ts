import { z } from 'zod';
import { japanDayEnd, japanDayStart } from '../lib/japan-time.ts';
import { type ShippingMethodCode, shippingMethods } from '../shipping/rates.ts';
import {
  day,
  formText,
  mailAddress,
  optionalText,
  page,
  requiredText,
} from '../web/admin-inputs.ts';
import { orderStates } from './tables.ts';

/** Filters of the order list; dates are Japanese calendar days, both ends included. */
export const orderFilterInput = z
  .object({
    state: formText.pipe(z.enum(['', ...orderStates], 'Choose a state from the list.')),
    from: day,
    to: day,
    q: optionalText(254),
    page,
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.from > f.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: '"To" must not be before "from".' });
  })
  .transform((f) => ({
    state: f.state || undefined,
    from: f.from ? japanDayStart(f.from) : undefined,
    to: f.to ? japanDayEnd(f.to) : undefined,
    q: f.q || undefined,
    page: f.page,
  }));

export const carrierCodes = Object.keys(shippingMethods) as [
  ShippingMethodCode,
  ...ShippingMethodCode[],
];

export const shipInput = z.object({
  carrier: formText.pipe(z.enum(carrierCodes, 'Choose a carrier.')),
  trackingNumber: formText.pipe(
    z.string().regex(/^[A-Za-z0-9-]{4,40}$/, 'Use 4–40 letters, digits or "-".'),
  ),
});

export const cancelInput = z.object({
  reason: requiredText('a reason (the customer does not see it)', 500),
});

export const contactEmailInput = z.object({ email: mailAddress });
