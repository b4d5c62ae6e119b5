import { and, asc, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { z } from 'zod';
import { products } from '../../catalog/tables.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { enqueueMail } from '../../mail/enqueue-mail.ts';
import { canMove } from '../../orders/order-rules.ts';
import { type Order, orderEvents, orderLines, orders } from '../../orders/tables.ts';
import { movePayment, refundableStates, settledRefundState } from '../payment-rules.ts';
import { refundableJpy } from '../refund-payment.ts';
import { paymentRefunds } from '../tables.ts';
import type { PaypalClient } from './paypal-client.ts';
import { paypalWebhookEvents } from './webhook-tables.ts';

/*
 * What PayPal tells the shop after checkout (issue 11, decision 0015): a capture it held for
 * review clears or is declined, or money is refunded or reversed in PayPal's dashboard. The
 * webhook (webhook-routes.ts) and the worker's check of waiting captures (for the in-shop sandbox,
 * which sends no webhooks) both end in the functions here, each in the caller's transaction with
 * the order row locked, so a second report of the same fact finds nothing left to do.
 */

/** What handling one event (or one check of a waiting capture) did; stored with the event. */
export type PaypalEventOutcome =
  /** A waiting capture cleared: the payment is captured and the order may be prepared. */
  | 'captured'
  /** PayPal declined a waiting capture: the order is cancelled, nothing was taken. */
  | 'cancelled'
  /** A refund made in PayPal's dashboard is recorded. */
  | 'refund_recorded'
  /** A refund the shop itself made (its refund id is recorded already). */
  | 'own_refund'
  /** Nothing to change: already captured, already cancelled, nothing left to refund… */
  | 'no_change'
  /** No PayPal order of the shop has this capture (another shop on the account, a test event). */
  | 'unknown_capture'
  /** An event type the shop does not act on. */
  | 'ignored';

/**
 * The shop's own refund of this amount is recorded but not yet confirmed: the event may be about
 * it, so it is not stored and PayPal is asked to send it again (any non-2xx answer does that).
 */
export class PaypalEventDeferred extends Error {
  constructor(readonly eventId: string) {
    super(`PayPal event ${eventId} waits for the shop's own refund to be confirmed`);
  }
}

const jpy = z.object({ currency_code: z.string(), value: z.string() });
const link = z.object({ href: z.string(), rel: z.string() });

/** The part of a webhook event the shop reads; PayPal sends much more, which is ignored. */
const eventSchema = z.object({
  id: z.string().min(1).max(255),
  event_type: z.string().min(1).max(255),
  resource: z
    .object({
      id: z.string().max(255).optional(),
      status: z.string().optional(),
      amount: jpy.optional(),
      links: z.array(link).optional(),
      supplementary_data: z
        .object({ related_ids: z.object({ capture_id: z.string().optional() }).optional() })
        .optional(),
    })
    .optional(),
});

export type PaypalWebhookEventBody = z.infer<typeof eventSchema>;

/** A verified event's JSON, or null when it lacks an id or type. */
export function parsePaypalEvent(rawBody: string): PaypalWebhookEventBody | null {
  try {
    const parsed = eventSchema.safeParse(JSON.parse(rawBody));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The capture a refund event is about: its `up` link, or supplementary_data. */
function refundedCaptureId(resource: NonNullable<PaypalWebhookEventBody['resource']>) {
  const related = resource.supplementary_data?.related_ids?.capture_id;
  if (related) return related;
  for (const l of resource.links ?? []) {
    const match = /\/v2\/payments\/captures\/([A-Z0-9]+)(?:$|[/?])/.exec(l.href);
    if (l.rel === 'up' && match) return match[1];
  }
  return undefined;
}

/** A whole number of yen from PayPal's amount, or undefined for another currency or form. */
function yenOf(amount: z.infer<typeof jpy> | undefined): number | undefined {
  if (amount?.currency_code !== 'JPY' || !/^\d+$/.test(amount.value)) return undefined;
  const yen = Number(amount.value);
  return Number.isSafeInteger(yen) && yen > 0 ? yen : undefined;
}

/** The PayPal order paid with this capture, locked for the rest of the transaction. */
async function lockPaypalOrder(tx: Tx, captureId: string): Promise<Order | undefined> {
  const [order] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.paymentProvider, 'paypal'), eq(orders.paymentRef, captureId)))
    .for('update');
  return order;
}

/**
 * A capture PayPal held for review cleared: the payment is captured and the order moves on to
 * payment_authorised (it may be prepared and shipped). Anything but `waiting` is left alone.
 */
export async function settleWaitingCapture(
  tx: Tx,
  input: { captureId: string; now: Date; actor: string },
): Promise<PaypalEventOutcome> {
  const order = await lockPaypalOrder(tx, input.captureId);
  if (!order) return 'unknown_capture';
  if (order.paymentState !== 'waiting') return 'no_change';
  const advance = canMove(order.state, 'payment_authorised');
  const moved = await movePayment(tx, order.id, {
    to: 'captured',
    from: ['waiting'],
    set: { updatedAt: input.now, ...(advance ? { state: 'payment_authorised' as const } : {}) },
  });
  if (!moved) return 'no_change';
  await tx.insert(orderEvents).values([
    ...(advance
      ? [
          {
            orderId: order.id,
            state: 'payment_authorised' as const,
            actor: input.actor,
            note: 'PayPal',
            at: input.now,
          },
        ]
      : []),
    {
      orderId: order.id,
      state: 'payment_captured' as const,
      actor: input.actor,
      note: `PayPal capture ${input.captureId} cleared`,
      at: input.now,
    },
  ]);
  return 'captured';
}

/**
 * PayPal declined a capture it held for review: no money was taken, so the order is cancelled
 * without a refund (the payment is voided), its stock goes back and the customer is told.
 */
export async function declineWaitingCapture(
  tx: Tx,
  input: { captureId: string; now: Date; actor: string },
): Promise<PaypalEventOutcome> {
  const order = await lockPaypalOrder(tx, input.captureId);
  if (!order) return 'unknown_capture';
  if (order.paymentState !== 'waiting' || !canMove(order.state, 'cancelled')) return 'no_change';
  const moved = await movePayment(tx, order.id, {
    to: 'voided',
    from: ['waiting'],
    set: { state: 'cancelled', updatedAt: input.now },
  });
  if (!moved) return 'no_change';
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id));
  // Products in id order, as cancellation locks them, so the two never deadlock.
  for (const line of [...lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
    await tx
      .update(products)
      .set({ stock: sql`${products.stock} + ${line.quantity}` })
      .where(eq(products.id, line.productId));
  }
  await tx.insert(orderEvents).values({
    orderId: order.id,
    state: 'cancelled',
    actor: input.actor,
    note: `PayPal declined capture ${input.captureId}`,
    at: input.now,
  });
  await enqueueMail(tx, {
    now: input.now,
    topic: 'paypal_declined',
    orderId: order.id,
    memberId: order.memberId,
    recipient: order.contactEmail,
    locale: order.locale,
    payload: { orderNumber: order.number, paypalCaptureId: input.captureId },
  });
  return 'cancelled';
}

/**
 * Money given back in PayPal's dashboard (a refund, or a reversal after a dispute) is recorded as
 * a confirmed refund under `key`, and the payment rests as partially_refunded or refunded. A
 * refund the shop made itself is recognised by its PayPal refund id and left alone.
 */
export async function recordOutsideRefund(
  tx: Tx,
  input: {
    captureId: string;
    refundId: string;
    amountJpy: number;
    key: string;
    reason: string;
    now: Date;
    eventId: string;
  },
): Promise<PaypalEventOutcome> {
  const order = await lockPaypalOrder(tx, input.captureId);
  if (!order) return 'unknown_capture';
  const refunds = await tx
    .select()
    .from(paymentRefunds)
    .where(eq(paymentRefunds.orderId, order.id));
  if (
    refunds.some((r) => r.providerRefundRef === input.refundId || r.idempotencyKey === input.key)
  ) {
    return 'own_refund';
  }
  // The shop's own refund may be this one, answered by PayPal but not yet recorded: ask again later.
  if (refunds.some((r) => r.state === 'pending' && r.amountJpy === input.amountJpy)) {
    throw new PaypalEventDeferred(input.eventId);
  }
  const recordable =
    refundableStates.includes(order.paymentState) && order.paymentState !== 'waiting';
  const left = await refundableJpy(tx, order);
  if (!recordable || left <= 0) return 'no_change';
  const amountJpy = Math.min(input.amountJpy, left);
  await tx.insert(paymentRefunds).values({
    orderId: order.id,
    paymentRef: order.paymentRef,
    amountJpy,
    reason: input.reason,
    idempotencyKey: input.key,
    providerRefundRef: input.refundId,
    state: 'refunded',
    createdAt: input.now,
    refundedAt: input.now,
  });
  // By the table: through refund_pending, then where it rests unless another refund is pending.
  await movePayment(tx, order.id, { to: 'refund_pending', set: { updatedAt: input.now } });
  if (!refunds.some((r) => r.state === 'pending')) {
    const refundedJpy = refunds.reduce((sum, r) => sum + r.amountJpy, amountJpy);
    await movePayment(tx, order.id, {
      to: settledRefundState(order.capturedJpy, refundedJpy),
      from: ['refund_pending'],
      set: { updatedAt: input.now },
    });
  }
  return 'refund_recorded';
}

/** Acts on one verified event in the caller's transaction. */
async function applyPaypalEvent(
  tx: Tx,
  event: PaypalWebhookEventBody,
  now: Date,
): Promise<PaypalEventOutcome> {
  const resource = event.resource;
  const actor = 'paypal-webhook';
  switch (event.event_type) {
    case 'PAYMENT.CAPTURE.COMPLETED':
      return resource?.id
        ? settleWaitingCapture(tx, { captureId: resource.id, now, actor })
        : 'ignored';
    case 'PAYMENT.CAPTURE.DENIED':
    case 'PAYMENT.CAPTURE.DECLINED':
      return resource?.id
        ? declineWaitingCapture(tx, { captureId: resource.id, now, actor })
        : 'ignored';
    case 'PAYMENT.CAPTURE.REFUNDED':
    case 'PAYMENT.CAPTURE.REVERSED': {
      const captureId = resource && refundedCaptureId(resource);
      const amountJpy = yenOf(resource?.amount);
      if (!resource?.id || !captureId || !amountJpy) return 'ignored';
      return recordOutsideRefund(tx, {
        captureId,
        refundId: resource.id,
        amountJpy,
        key: `paypal-event:${event.id}`,
        reason:
          event.event_type === 'PAYMENT.CAPTURE.REVERSED'
            ? 'reversed by PayPal'
            : 'refunded in PayPal',
        now,
        eventId: event.id,
      });
    }
    default:
      return 'ignored';
  }
}

export type HandledPaypalEvent =
  | { kind: 'handled'; outcome: PaypalEventOutcome }
  /** The event id was stored before: a repeated delivery, which changes nothing. */
  | { kind: 'replayed' }
  /** Not stored; PayPal should send it again later (see PaypalEventDeferred). */
  | { kind: 'deferred' };

/**
 * Stores a verified event by its id and acts on it, in one transaction: a delivery of an id seen
 * before (or racing the first one) finds the row taken and does nothing.
 */
export async function handlePaypalEvent(
  deps: { db: Db; clock: Clock },
  event: PaypalWebhookEventBody,
): Promise<HandledPaypalEvent> {
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx): Promise<HandledPaypalEvent> => {
      const [stored] = await tx
        .insert(paypalWebhookEvents)
        .values({
          id: event.id,
          eventType: event.event_type,
          resourceId: event.resource?.id ?? null,
          receivedAt: now,
          outcome: 'received',
        })
        .onConflictDoNothing()
        .returning({ id: paypalWebhookEvents.id });
      if (!stored) return { kind: 'replayed' };
      const outcome = await applyPaypalEvent(tx, event, now);
      await tx
        .update(paypalWebhookEvents)
        .set({ outcome })
        .where(eq(paypalWebhookEvents.id, event.id));
      return { kind: 'handled', outcome };
    });
  } catch (error) {
    if (error instanceof PaypalEventDeferred) return { kind: 'deferred' };
    throw error;
  }
}

/**
 * Asks PayPal about every waiting capture and settles the ones it decided, as the webhook would:
 * the in-shop sandbox sends no webhooks, and a webhook PayPal never delivered is caught here too.
 * Returns how many orders changed.
 */
export async function resolveWaitingPaypalCaptures(deps: {
  db: Db;
  clock: Clock;
  paypal?: PaypalClient | undefined;
  log?: Logger;
}): Promise<number> {
  const { paypal } = deps;
  if (!paypal) return 0;
  const waiting = await deps.db
    .select({ ref: orders.paymentRef })
    .from(orders)
    .where(and(eq(orders.paymentProvider, 'paypal'), eq(orders.paymentState, 'waiting')))
    .orderBy(asc(orders.updatedAt))
    .limit(50);
  let changed = 0;
  for (const { ref } of waiting) {
    const read = await paypal.getCapture(ref);
    if (!read.ok) {
      deps.log?.warn({ captureId: ref, issue: read.issue }, 'PayPal capture could not be read');
      continue;
    }
    const { state } = read.capture;
    if (state === 'pending') continue;
    const input = { captureId: ref, now: deps.clock.now(), actor: 'paypal-check' };
    const outcome = await deps.db.transaction((tx) =>
      state === 'paid' ? settleWaitingCapture(tx, input) : declineWaitingCapture(tx, input),
    );
    if (outcome === 'captured' || outcome === 'cancelled') changed += 1;
  }
  return changed;
}
