import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { type Order, orders } from '../orders/tables.ts';
import { movePayment, refundableStates, settledRefundState } from './payment-rules.ts';
import type { PaypalClient } from './paypal/paypal-client.ts';
import type { PaymentProvider, RefundRefusal } from './provider.ts';
import { type PaymentRefund, paymentRefunds } from './tables.ts';

type Deps = { db: Db; clock: Clock; payments: PaymentProvider; paypal?: PaypalClient | undefined };

export type RecordRefundResult =
  | { ok: true; refund: PaymentRefund; replayed: boolean }
  /** Nothing captured to give back (only authorised, voided, fully refunded…). */
  | { ok: false; reason: 'not_refundable' }
  /** The key was used for another order or amount. */
  | { ok: false; reason: 'key_reused' }
  | { ok: false; reason: 'exceeds_captured'; refundableJpy: number };

export type RefundResult =
  | RecordRefundResult
  | { ok: false; reason: 'not_found' }
  /** Recorded, but the card network refused it; it stays pending and the worker tries again. */
  | { ok: false; reason: 'provider_refused'; detail: RefundDetail; refund: PaymentRefund };

/** Why a provider did not refund: the card network's refusal, or PayPal's failure kind and issue. */
export type RefundDetail = RefundRefusal | `paypal:${string}`;

/**
 * Gives back part or all of what an order's card was charged (a cancellation, later a claim).
 * The refund is recorded under the order's row lock, so concurrent refunds together never exceed
 * the capture; the card network is asked after commit with the refund's idempotency key, so money
 * moves once per key however often this is called.
 */
export async function refundPayment(
  deps: Deps,
  input: { orderId: string; amountJpy: number; reason: string; idempotencyKey: string },
): Promise<RefundResult> {
  const now = deps.clock.now();
  const recorded = await deps.db.transaction(async (tx): Promise<RefundResult> => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(eq(orders.id, input.orderId))
      .for('update');
    if (!order) return { ok: false, reason: 'not_found' };
    return recordRefund(tx, order, { ...input, now });
  });
  if (!recorded.ok || recorded.refund.state === 'refunded') return recorded;
  const sent = await sendRefund(deps, recorded.refund);
  return sent.ok ? { ...sent, replayed: recorded.replayed } : sent;
}

/** What an order's capture has left to refund: captured, less every refund recorded so far. */
export async function refundableJpy(tx: Db | Tx, order: Order): Promise<number> {
  const [row] = await tx
    .select({ total: sql<number>`coalesce(sum(${paymentRefunds.amountJpy}), 0)::int` })
    .from(paymentRefunds)
    .where(eq(paymentRefunds.orderId, order.id));
  return order.capturedJpy - Number(row?.total ?? 0);
}

/**
 * Records a pending refund in the caller's transaction, which must hold the order's row lock (as
 * cancellation does), and moves the payment to refund_pending. The money moves in sendRefund.
 */
export async function recordRefund(
  tx: Tx,
  order: Order,
  input: { amountJpy: number; reason: string; idempotencyKey: string; now: Date },
): Promise<RecordRefundResult> {
  if (!Number.isInteger(input.amountJpy) || input.amountJpy <= 0) {
    throw new RangeError(`refund of ${input.amountJpy} yen: amounts are positive whole yen`);
  }
  const [earlier] = await tx
    .select()
    .from(paymentRefunds)
    .where(eq(paymentRefunds.idempotencyKey, input.idempotencyKey));
  if (earlier) {
    const same = earlier.orderId === order.id && earlier.amountJpy === input.amountJpy;
    return same
      ? { ok: true, refund: earlier, replayed: true }
      : { ok: false, reason: 'key_reused' };
  }
  if (!refundableStates.includes(order.paymentState))
    return { ok: false, reason: 'not_refundable' };
  const left = await refundableJpy(tx, order);
  if (input.amountJpy > left) return { ok: false, reason: 'exceeds_captured', refundableJpy: left };
  const [refund] = await tx
    .insert(paymentRefunds)
    .values({
      orderId: order.id,
      paymentRef: order.paymentRef,
      amountJpy: input.amountJpy,
      reason: input.reason,
      idempotencyKey: input.idempotencyKey,
      state: 'pending',
      createdAt: input.now,
    })
    // The same key racing on another order waits for it here, then finds the key taken.
    .onConflictDoNothing()
    .returning();
  if (!refund) return { ok: false, reason: 'key_reused' };
  const moved = await movePayment(tx, order.id, {
    to: 'refund_pending',
    set: { updatedAt: input.now },
  });
  if (!moved) throw new Error(`order ${order.id}: payment ${order.paymentState} cannot refund`);
  return { ok: true, refund, replayed: false };
}

/**
 * Asks the card network for a recorded refund and records its answer: the refund is confirmed,
 * and once none of the order's refunds is pending the payment rests as partially_refunded or
 * refunded. A refusal leaves the refund pending for the worker's next round.
 */
export async function sendRefund(
  deps: Deps,
  refund: PaymentRefund,
): Promise<
  | { ok: true; refund: PaymentRefund }
  | { ok: false; reason: 'provider_refused'; detail: RefundDetail; refund: PaymentRefund }
> {
  const answer = await askProvider(deps, refund);
  if (!answer.ok) return { ok: false, reason: 'provider_refused', detail: answer.detail, refund };
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(eq(orders.id, refund.orderId))
      .for('update');
    const [confirmed] = await tx
      .update(paymentRefunds)
      .set({ state: 'refunded', providerRefundRef: answer.refundRef, refundedAt: now })
      .where(and(eq(paymentRefunds.id, refund.id), eq(paymentRefunds.state, 'pending')))
      .returning();
    if (!confirmed || !order) {
      // Another process recorded the same answer first.
      const [settled] = await tx
        .select()
        .from(paymentRefunds)
        .where(eq(paymentRefunds.id, refund.id));
      return { ok: true as const, refund: settled ?? refund };
    }
    const refunds = await tx
      .select({ state: paymentRefunds.state, amountJpy: paymentRefunds.amountJpy })
      .from(paymentRefunds)
      .where(eq(paymentRefunds.orderId, order.id));
    if (refunds.every((r) => r.state === 'refunded')) {
      const refundedJpy = refunds.reduce((sum, r) => sum + r.amountJpy, 0);
      await movePayment(tx, order.id, {
        to: settledRefundState(order.capturedJpy, refundedJpy),
        from: ['refund_pending'],
        set: { updatedAt: now },
      });
    }
    return { ok: true as const, refund: confirmed };
  });
}

/**
 * Asks whoever took the money: the card network, or PayPal for a PayPal capture (the refund's key
 * is its PayPal-Request-Id, so a retry never refunds twice). Without a PayPal client (its
 * settings removed) a PayPal refund waits for one.
 */
async function askProvider(
  deps: Deps,
  refund: PaymentRefund,
): Promise<{ ok: true; refundRef: string } | { ok: false; detail: RefundDetail }> {
  const [order] = await deps.db
    .select({ provider: orders.paymentProvider })
    .from(orders)
    .where(eq(orders.id, refund.orderId));
  if (order?.provider === 'paypal') {
    if (!deps.paypal) return { ok: false, detail: 'paypal:not_configured' };
    const answer = await deps.paypal.refundCapture(refund.paymentRef, {
      amountJpy: refund.amountJpy,
      requestId: refund.idempotencyKey,
    });
    return answer.ok
      ? { ok: true, refundRef: answer.refundId }
      : { ok: false, detail: `paypal:${answer.issue ?? answer.kind}` };
  }
  const answer = await deps.payments.refund(refund.paymentRef, {
    amountJpy: refund.amountJpy,
    idempotencyKey: refund.idempotencyKey,
  });
  return answer.ok
    ? { ok: true, refundRef: answer.refundRef }
    : { ok: false, detail: answer.reason };
}

/**
 * Sends every pending refund (of `orderIds`, or all): right after the change that recorded them,
 * and on every worker round, so a crash or a refusal only delays the money. Returns how many the
 * card network confirmed.
 */
export async function sendPendingRefunds(deps: Deps, orderIds?: string[]): Promise<number> {
  const pending = eq(paymentRefunds.state, 'pending');
  const waiting = await deps.db
    .select()
    .from(paymentRefunds)
    .where(orderIds ? and(pending, inArray(paymentRefunds.orderId, orderIds)) : pending)
    .orderBy(asc(paymentRefunds.createdAt))
    .limit(100);
  let confirmed = 0;
  for (const refund of waiting) {
    if ((await sendRefund(deps, refund)).ok) confirmed += 1;
  }
  return confirmed;
}

/** An order's refunds, oldest first: what staff and the customer see. */
export function refundsOf(db: Db, orderId: string): Promise<PaymentRefund[]> {
  return db
    .select()
    .from(paymentRefunds)
    .where(eq(paymentRefunds.orderId, orderId))
    .orderBy(asc(paymentRefunds.createdAt), asc(paymentRefunds.id));
}
