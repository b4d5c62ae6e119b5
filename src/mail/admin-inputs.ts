import { z } from 'zod';
import { japanDayEnd, japanDayStart } from '../lib/japan-time.ts';
import {
  addressRule,
  day,
  formText,
  mailAddress,
  optionalText,
  page,
  requiredText,
} from '../web/admin-inputs.ts';
import { mailTopics } from './enqueue-mail.ts';
import { mailStates } from './tables.ts';

/** Filters of the delivery log; dates are Japanese calendar days, both ends included. */
export const mailFilterInput = z
  .object({
    recipient: optionalText(254),
    order: optionalText(40),
    topic: formText.pipe(z.enum(['', ...mailTopics], 'Choose a type from the list.')),
    state: formText.pipe(z.enum(['', ...mailStates], 'Choose a state from the list.')),
    from: day,
    to: day,
    page,
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.from > f.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: '"To" must not be before "from".' });
  })
  .transform((f) => ({
    recipient: f.recipient || undefined,
    orderNumber: f.order ? f.order.toUpperCase() : undefined,
    topic: f.topic || undefined,
    state: f.state || undefined,
    from: f.from ? japanDayStart(f.from) : undefined,
    to: f.to ? japanDayEnd(f.to) : undefined,
    page: f.page,
  }));

export const mailboxSearchInput = z.object({ q: optionalText(254), page });

/** A resend goes to the original recipient unless staff typed another address. */
export const resendInput = z.object({
  recipient: formText.pipe(z.union([z.literal(''), addressRule])).transform((v) => v || undefined),
});

export const suppressionSearchInput = z.object({ q: optionalText(254) });

export const addSuppressionInput = z.object({
  email: mailAddress,
  note: optionalText(500),
});

/** Removing takes the stored address as it is: it may predate today's address rules. */
export const removeSuppressionInput = z.object({ email: requiredText('the address', 254) });

export const noticeTargetKinds = ['order', 'product'] as const;

/** An important notice in both languages, to an order's customer or every customer of a product. */
export const noticeInput = z
  .object({
    subjectEn: requiredText('an English subject', 150),
    subjectJa: requiredText('a Japanese subject', 150),
    bodyEn: requiredText('the English text', 5000),
    bodyJa: requiredText('the Japanese text', 5000),
    targetKind: formText.pipe(z.enum(noticeTargetKinds, 'Choose who gets the notice.')),
    target: requiredText('an order number or a SKU', 40),
  })
  .transform(({ targetKind, target, ...notice }) => ({
    notice,
    target:
      targetKind === 'order'
        ? { kind: 'order' as const, orderNumber: target.toUpperCase() }
        : { kind: 'product' as const, sku: target },
  }));
