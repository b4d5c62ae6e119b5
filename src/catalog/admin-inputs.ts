import { z } from 'zod';
import {
  checkbox,
  formText,
  japanTime,
  optionalText,
  optionalWholeNumber,
  page,
  requiredText,
  wholeNumber,
} from '../web/admin-inputs.ts';
import { categories } from './demo-catalog.ts';

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
