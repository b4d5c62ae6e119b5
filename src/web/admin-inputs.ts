import { z } from 'zod';
import { categories } from '../catalog/demo-catalog.ts';
import { isCalendarDay, japanDayEnd, japanDayStart, parseJapanLocal } from '../lib/japan-time.ts';
import { mailTopics } from '../mail/enqueue-mail.ts';
import { isSafeRecipient } from '../mail/render-mail.ts';
import { mailStates } from '../mail/tables.ts';
import { orderStates } from '../orders/tables.ts';
import { type ShippingMethodCode, shippingMethods } from '../shipping/rates.ts';

/** Form and query values arrive as strings (or not at all); both become a trimmed string. */
const formText = z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string());

const requiredText = (label: string, max: number) =>
  formText.pipe(z.string().min(1, `Enter ${label}.`).max(max, `Use at most ${max} characters.`));

const optionalText = (max: number) =>
  formText.pipe(z.string().max(max, `Use at most ${max} characters.`));

function wholeNumber(min: number, max: number) {
  const message = `Enter a whole number from ${min} to ${max}.`;
  return formText
    .refine((v) => /^\d{1,9}$/.test(v), message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);
}

function optionalWholeNumber(min: number, max: number) {
  const message = `Leave empty or enter a whole number from ${min} to ${max}.`;
  return formText
    .refine((v) => v === '' || /^\d{1,9}$/.test(v), message)
    .transform((v) => (v === '' ? null : Number(v)))
    .refine((n) => n === null || (n >= min && n <= max), message);
}

/** An unticked checkbox is simply missing from the form. */
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean());

const japanTime = formText
  .refine((v) => v === '' || parseJapanLocal(v) !== null, 'Use a date and time in Japan time.')
  .transform((v) => (v === '' ? null : parseJapanLocal(v)));

const page = formText
  .refine((v) => v === '' || /^[1-9]\d{0,4}$/.test(v), 'Page must be a whole number from 1.')
  .transform((v) => (v === '' ? 1 : Number(v)));

export const staffSignInInput = z.object({
  email: requiredText('your email', 254),
  password: z.string().min(1, 'Enter your password.').max(200),
});

const day = formText.refine((v) => v === '' || isCalendarDay(v), 'Use a date like 2026-11-26.');

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

export const productSearchInput = z.object({ q: optionalText(200), page });

export const productKinds = ['physical', 'digital'] as const;
export const productStatuses = ['on_sale', 'preorder', 'sold_out', 'ended'] as const;

const isDate = (v: unknown): v is Date => v instanceof Date;
const isObject = (payload: { value: unknown }) =>
  typeof payload.value === 'object' && payload.value !== null;

/** Everything staff edit on a product; `saveProduct` takes the result as it is. */
export const productInput = z
  .object({
    sku: formText
      .pipe(
        z
          .string()
          .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/, 'Use 2–40 letters, digits, "-" or "_".'),
      )
      // '/admin/products/new' is the form for a new product, so no product may be called that.
      .refine((v) => v.toLowerCase() !== 'new', 'This SKU is reserved; choose another.'),
    slug: formText.pipe(
      z
        .string()
        .regex(
          /^[a-z0-9][a-z0-9_-]{0,99}$/,
          'Use up to 100 lower-case letters, digits, "-" or "_".',
        ),
    ),
    category: formText.pipe(z.enum(categories, 'Choose a category.')),
    kind: formText.pipe(z.enum(productKinds, 'Choose a kind.')),
    status: formText.pipe(z.enum(productStatuses, 'Choose a status.')),
    titleEn: requiredText('an English title', 200),
    titleJa: requiredText('a Japanese title', 200),
    descriptionEn: optionalText(5000),
    descriptionJa: optionalText(5000),
    priceJpy: wholeNumber(0, 10_000_000),
    stock: wholeNumber(0, 1_000_000),
    purchaseLimit: optionalWholeNumber(1, 1000),
    preorderOpensAt: japanTime,
    preorderClosesAt: japanTime,
    releaseMonth: formText
      .refine((v) => v === '' || /^\d{4}-(0[1-9]|1[0-2])$/.test(v), 'Use YYYY-MM, e.g. 2027-03.')
      .transform((v) => v || null),
    regionCode: formText
      .transform((v) => v.toUpperCase())
      .refine(
        (v) => v === '' || /^[A-Z0-9][A-Z0-9 ,/]{0,11}$/.test(v),
        'Use a code such as A, B, ABC, 2 or ALL.',
      )
      .transform((v) => v || null),
    domesticOnly: checkbox,
    memberOnly: checkbox,
    weightG: wholeNumber(0, 100_000),
    lengthCm: wholeNumber(0, 500),
    widthCm: wholeNumber(0, 500),
    heightCm: wholeNumber(0, 500),
  })
  // Cross-field rules are checked even when another field failed, so staff see every problem at once.
  .refine(
    (p) =>
      !(isDate(p.preorderOpensAt) && isDate(p.preorderClosesAt)) ||
      p.preorderOpensAt < p.preorderClosesAt,
    {
      path: ['preorderClosesAt'],
      message: 'Closing must be after opening.',
      when: isObject,
    },
  )
  .refine((p) => p.status !== 'preorder' || Boolean(p.preorderClosesAt), {
    path: ['preorderClosesAt'],
    message: 'A pre-order needs a closing time.',
    when: isObject,
  })
  .refine((p) => p.status !== 'preorder' || Boolean(p.releaseMonth), {
    path: ['releaseMonth'],
    message: 'A pre-order needs a release month.',
    when: isObject,
  });

export type ProductInput = z.infer<typeof productInput>;

/** An address we can send to: valid, and plain enough that no header can ride along. */
const addressRule = z
  .email('Enter an email address like name@example.com.')
  .max(254, 'Use at most 254 characters.')
  .refine(isSafeRecipient, 'This address cannot be used for mail.');
const mailAddress = formText.pipe(addressRule);

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

export const contactEmailInput = z.object({ email: mailAddress });

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
