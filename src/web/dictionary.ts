// Every domain keeps its words beside its pages; this file only gathers them for the translator.

import { accountsEn, accountsJa } from '../accounts/messages.ts';
import { cartEn, cartJa } from '../cart/messages.ts';
import { catalogEn, catalogJa } from '../catalog/messages.ts';
import { giftEn, giftJa } from '../checkout/gift-messages.ts';
import { checkoutEn, checkoutJa } from '../checkout/messages.ts';
import { policyEn, policyJa } from '../email-policy/policy-messages.ts';
import { caseEn, caseJa } from '../guide/case-messages.ts';
import { guideEn, guideJa } from '../guide/messages.ts';
import { mailEn, mailJa } from '../mail/messages.ts';
import { newsletterEn, newsletterJa } from '../newsletter/messages.ts';
import { orderAddressEn, orderAddressJa } from '../orders/address-messages.ts';
import { ordersEn, ordersJa } from '../orders/messages.ts';
import { cardEn, cardJa } from '../payments/card-messages.ts';
import { fixPaymentEn, fixPaymentJa } from '../payments/fix-payment-messages.ts';
import { shippingEn, shippingJa } from '../shipping/messages.ts';
import { supportEn, supportJa } from '../support/messages.ts';
import { webEn, webJa } from './messages.ts';

/**
 * Words that change with a number: `plural` names the parameter holding it, and each other key is
 * an `Intl.PluralRules` category of the locale (English: one, other; Japanese needs only a string).
 */
export type PluralMessage = { readonly plural: string; readonly other: string } & {
  readonly [form in Intl.LDMLPluralRule]?: string;
};
export type Message = string | PluralMessage;

const englishParts = [
  webEn,
  accountsEn,
  cartEn,
  catalogEn,
  checkoutEn,
  giftEn,
  policyEn,
  guideEn,
  caseEn,
  mailEn,
  newsletterEn,
  ordersEn,
  orderAddressEn,
  cardEn,
  fixPaymentEn,
  shippingEn,
  supportEn,
] as const;

const japaneseParts = [
  webJa,
  accountsJa,
  cartJa,
  catalogJa,
  checkoutJa,
  giftJa,
  policyJa,
  guideJa,
  caseJa,
  mailJa,
  newsletterJa,
  ordersJa,
  orderAddressJa,
  cardJa,
  fixPaymentJa,
  shippingJa,
  supportJa,
] as const;

/** `true` when no key is in two parts; otherwise the keys found twice, so `true` does not fit. */
export type EachKeyOnce<Parts extends readonly object[], Seen = never> = Parts extends readonly [
  infer First,
  ...infer Rest extends readonly object[],
]
  ? [keyof First & Seen] extends [never]
    ? EachKeyOnce<Rest, Seen | keyof First>
    : { keysInTwoDomains: keyof First & Seen }
  : true;

type Gathered<Parts extends readonly object[]> = Parts extends readonly [
  infer First,
  ...infer Rest extends readonly object[],
]
  ? First & Gathered<Rest>
  : unknown;

// A key that two domains both define stops the build here, naming the key.
true satisfies EachKeyOnce<typeof englishParts>;

export type MessageKey = keyof Gathered<typeof englishParts>;

function gather<Parts extends readonly object[]>(parts: Parts): Gathered<Parts> {
  return Object.assign({}, ...parts);
}

// Typed per key, so a Japanese part left out of its list stops the build too.
export const en: Record<MessageKey, Message> = gather(englishParts);
export const ja: Record<MessageKey, Message> = gather(japaneseParts);
