import { z } from 'zod';
import type { OrderAddress } from '../orders/shipping-address.ts';
import { shippingMethodCodes } from '../shipping/rates.ts';

/** Every mail the shop sends, by topic (outbox_messages.topic); the admin filters list them in this order. */
export const mailTopics = [
  'order_placed',
  'order_cancelled',
  'checkout_refunded',
  'order_shipped',
  'important_notice',
  'verification_code',
  'registration_code',
  'registration_attempt',
  'email_change_code',
  'email_changed',
  'password_reset',
  'member_lookup',
  'newsletter',
  'payment_failed',
  'paypal_declined',
  'order_address_changed',
  'order_contact_moved',
  'password_changed',
  'membership_cancelled',
  'inquiry_receipt',
  'inquiry_reply',
  'inquiry_contact_notice',
  'staff_locked',
] as const;
export type MailTopic = (typeof mailTopics)[number];

export function isMailTopic(topic: string): topic is MailTopic {
  return (mailTopics as readonly string[]).includes(topic);
}

/** A time as the caller wrote it with `Date.toISOString()`. */
const isoTime = z.iso.datetime();

const address = z.object({
  name: z.string(),
  line1: z.string(),
  line2: z.string(),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
  country: z.string(),
  phone: z.string(),
}) satisfies z.ZodType<OrderAddress>;

/**
 * What each topic's payload holds. Fields marked "record" are written for the outbox row's own
 * sake (staff, audits); no template reads them, so they may be left out.
 */
const payloadSchemas = {
  order_placed: z.object({
    orderNumber: z.string().optional(), // record
    /** record: a copy to the order's new contact email. */
    reason: z.literal('contact_email_changed').optional(),
    paypalCaptureId: z.string().optional(), // record: the template reads the order's payment
  }),
  order_cancelled: z.object({
    orderNumber: z.string().optional(), // record
    // Rows queued before refunds existed lack the next two: the order was voided, for no stated reason.
    refunded: z.boolean().default(false),
    why: z.literal('payment_not_fixed').nullable().default(null),
    paypalCaptureId: z.string().optional(), // record: the refunded PayPal capture
  }),
  /** A PayPal payment taken for a checkout that could not become an order, given back. */
  checkout_refunded: z.object({
    name: z.string(),
    amountJpy: z.number(),
    paypalCaptureId: z.string(),
    checkoutId: z.string().optional(), // record
  }),
  order_shipped: z.object({
    orderNumber: z.string().optional(), // record
    carrier: z.enum(shippingMethodCodes).nullish(), // record
    trackingNumber: z.string().nullish(), // record
  }),
  important_notice: z.object({
    subjectEn: z.string(),
    subjectJa: z.string(),
    bodyEn: z.string(),
    bodyJa: z.string(),
    sentBy: z.string().optional(), // record
  }),
  verification_code: z.object({
    code: z.string(),
    purpose: z.enum(['order_email_change', 'order_lookup']),
    minutes: z.number(),
  }),
  registration_code: z.object({ code: z.string(), minutes: z.number(), memberCode: z.string() }),
  registration_attempt: z.object({
    memberCode: z.string(),
    at: isoTime,
    /** Whether the member holding the address has confirmed it. */
    confirmed: z.boolean(),
    holdHours: z.number(),
  }),
  email_change_code: z.object({ code: z.string(), minutes: z.number(), memberCode: z.string() }),
  email_changed: z.object({
    memberCode: z.string(),
    newEmail: z.string(),
    oldEmail: z.string().optional(), // record
  }),
  /** An address no member uses is told so, with nothing else. */
  password_reset: z.discriminatedUnion('registered', [
    z.object({
      registered: z.literal(true),
      code: z.string(),
      token: z.string(),
      minutes: z.number(),
      memberCode: z.string(),
    }),
    z.object({ registered: z.literal(false) }),
  ]),
  member_lookup: z.discriminatedUnion('registered', [
    z.object({ registered: z.literal(true), code: z.string(), minutes: z.number() }),
    z.object({ registered: z.literal(false) }),
  ]),
  newsletter: z.object({
    newsletterId: z.string(),
    subject: z.string(),
    body: z.string(),
    unsubscribeToken: z.string(),
  }),
  payment_failed: z.object({
    orderNumber: z.string().optional(), // record
    fixDueAt: isoTime,
  }),
  paypal_declined: z.object({
    orderNumber: z.string().optional(), // record
    paypalCaptureId: z.string().optional(), // record: the capture PayPal declined
  }),
  order_address_changed: z.object({
    orderNumber: z.string(),
    previous: address,
    current: address,
    by: z.enum(['customer', 'staff']),
  }),
  order_contact_moved: z.object({ orderNumber: z.string(), maskedEmail: z.string() }),
  password_changed: z.object({
    memberCode: z.string(),
    at: isoTime,
    how: z.literal('reset').optional(), // record
  }),
  membership_cancelled: z.object({ memberCode: z.string(), name: z.string(), at: isoTime }),
  inquiry_receipt: z.object({
    inquiryNumber: z.string(),
    /** The category's label in the mail's language. */
    category: z.string(),
  }),
  inquiry_reply: z.object({ inquiryNumber: z.string(), name: z.string(), body: z.string() }),
  inquiry_contact_notice: z.object({
    stage: z.enum(['requested', 'applied']),
    inquiryNumber: z.string(),
    orderNumber: z.string(),
    maskedEmail: z.string(),
  }),
  staff_locked: z.object({
    name: z.string(),
    failures: z.number(),
    at: isoTime,
    clientAddress: z.string(),
  }),
} satisfies Record<MailTopic, z.ZodType>;

/** The payload of each topic: `enqueueMail` takes it, the topic's template gets it. */
export type MailPayloads = { [T in MailTopic]: z.output<(typeof payloadSchemas)[T]> };

const schemas: { [T in MailTopic]: z.ZodType<MailPayloads[T], unknown> } = payloadSchemas;

/**
 * A stored payload, checked against its topic's schema before a template reads it: a row that
 * does not match fails to render (recorded as render_failed) instead of going out with blanks.
 */
export function parseMailPayload<T extends MailTopic>(topic: T, payload: unknown): MailPayloads[T] {
  const parsed = schemas[topic].safeParse(payload);
  if (!parsed.success)
    throw new Error(`${topic} payload does not match: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
