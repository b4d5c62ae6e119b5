import { and, eq, inArray, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { unshippedStates } from '../orders/order-rules.ts';
import { type Order, orderEvents, orders } from '../orders/tables.ts';
import {
  movePayment,
  paymentFixDueAt,
  refundableStates,
  STALE_CAPTURE_MINUTES,
} from './payment-rules.ts';
import type { PaymentProvider } from './provider.ts';

type Deps = { db: Db; clock: Clock; payments: PaymentProvider };

export type CaptureResult =
  | { ok: true; order: Order; replayed: boolean }
  | { ok: false; reason: 'not_found' | 'not_capturable' | 'in_progress' }
  | { ok: false; reason: 'capture_failed'; detail: string; fixDueAt: Date };

/** Why the money is taken now; shipping records no event of its own (the shipped event says it). */
export type CaptureCause = 'shipping' | 'authorisation_age' | 'payment_fixed' | 'retry';

const causeNotes: Record<Exclude<CaptureCause, 'shipping'>, string> = {
  authorisation_age: 'authorisation older than the card hold',
  payment_fixed: 'new card',
  retry: 'capture retried after an unanswered attempt',
};

/** A claim older than this was left by a process that died; it may be claimed again. */
export function staleClaimBefore(now: Date): Date {
  return new Date(now.getTime() - STALE_CAPTURE_MINUTES * 60_000);
}

/** Payment states a capture may start from: an authorisation, or a claim nobody finished. */
export function claimable(now: Date) {
  return or(
    eq(orders.paymentState, 'authorised'),
    and(
      eq(orders.paymentState, 'capture_pending'),
      lt(orders.captureClaimedAt, staleClaimBefore(now)),
    ),
  );
}

/**
 * Captures an order's card payment exactly once, whoever asks (shipping, the early-capture job,
 * several workers at once): a conditional update claims the order first, the card network is
 * called outside any transaction, and the answer is recorded in one transaction. A failed
 * capture opens the customer's window to enter another card and queues the payment_failed mail.
 */
export async function captureOrderPayment(
  deps: Deps,
  input: { orderId: string; actor: string; cause: CaptureCause },
): Promise<CaptureResult> {
  const now = deps.clock.now();
  const claimed = await movePayment(deps.db, input.orderId, {
    to: 'capture_pending',
    from: ['authorised', 'capture_pending'],
    where: and(claimable(now), inArray(orders.state, [...unshippedStates])),
    set: { captureClaimedAt: now },
  });
  if (claimed) return finishCapture(deps, claimed, input);

  const [order] = await deps.db.select().from(orders).where(eq(orders.id, input.orderId));
  if (!order) return { ok: false, reason: 'not_found' };
  // Paid already, whether or not some of it has been refunded since.
  if (refundableStates.includes(order.paymentState)) return { ok: true, order, replayed: true };
  switch (order.paymentState) {
    case 'capture_pending':
      return { ok: false, reason: 'in_progress' };
    case 'capture_failed':
      return {
        ok: false,
        reason: 'capture_failed',
        detail: 'waiting_for_new_card',
        fixDueAt: order.paymentFixDueAt ?? now,
      };
    default:
      return { ok: false, reason: 'not_capturable' };
  }
}

/**
 * Asks the card network to capture an order this process has claimed, for the amount to charge
 * (less than the authorised total once points pay part), and records the answer.
 */
export async function finishCapture(
  deps: Deps,
  claimed: Order,
  input: { actor: string; cause: CaptureCause },
): Promise<CaptureResult> {
  const answer = await deps.payments.capture(claimed.paymentRef, claimed.chargeJpy);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx): Promise<CaptureResult> => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, claimed.id)).for('update');
    // Staff cancelled while the network answered: the cancellation's void releases the money.
    if (order?.paymentState !== 'capture_pending' || order.paymentRef !== claimed.paymentRef) {
      return { ok: false, reason: 'not_capturable' };
    }
    if (answer.ok) {
      const updated = await movePayment(tx, order.id, {
        to: 'captured',
        from: ['capture_pending'],
        set: {
          captureClaimedAt: null,
          paymentFixDueAt: null,
          capturedJpy: claimed.chargeJpy,
          updatedAt: now,
        },
      });
      if (input.cause !== 'shipping') {
        await tx.insert(orderEvents).values({
          orderId: order.id,
          state: 'payment_captured',
          actor: input.actor,
          note: causeNotes[input.cause],
          at: now,
        });
      }
      return { ok: true, order: updated!, replayed: false };
    }
    // The window opens at the first failure; a new card failing too does not extend it.
    const firstFailure = order.paymentFixDueAt === null;
    const fixDueAt = order.paymentFixDueAt ?? paymentFixDueAt(now);
    await movePayment(tx, order.id, {
      to: 'capture_failed',
      from: ['capture_pending'],
      set: { captureClaimedAt: null, paymentFixDueAt: fixDueAt },
    });
    await tx.insert(orderEvents).values({
      orderId: order.id,
      state: 'capture_failed',
      actor: input.actor,
      note: answer.reason,
      at: now,
    });
    if (firstFailure) {
      await enqueueMail(tx, {
        now,
        topic: 'payment_failed',
        orderId: order.id,
        memberId: order.memberId,
        recipient: order.contactEmail,
        locale: order.locale,
        payload: { orderNumber: order.number, fixDueAt: fixDueAt.toISOString() },
      });
    }
    return { ok: false, reason: 'capture_failed', detail: answer.reason, fixDueAt };
  });
}
