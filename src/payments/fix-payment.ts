import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { unshippedStates } from '../orders/order-rules.ts';
import { type Order, orderEvents, orders } from '../orders/tables.ts';
import { finishCapture } from './capture-order-payment.ts';
import type { CardBrand } from './cards.ts';
import { movePayment } from './payment-rules.ts';
import type { CardInput, DeclineReason, PaymentProvider } from './provider.ts';

type Deps = { db: Db; clock: Clock; payments: PaymentProvider };

export type FixPaymentResult =
  | { kind: 'fixed'; order: Order }
  | { kind: 'challenge'; url: string }
  | { kind: 'declined'; reason: DeclineReason | 'challenge_failed' }
  /** The new card was authorised but its capture failed too; the window stays as it was. */
  | { kind: 'capture_failed'; fixDueAt: Date }
  | { kind: 'not_needed' }
  | { kind: 'too_late' };

/** Whether the customer may still pay this order with another card. */
export function fixState(order: Order, now: Date): 'open' | 'not_needed' | 'too_late' {
  if (order.paymentState !== 'capture_failed' || !unshippedStates.includes(order.state)) {
    return 'not_needed';
  }
  if (!order.paymentFixDueAt || order.paymentFixDueAt.getTime() <= now.getTime()) return 'too_late';
  return 'open';
}

/**
 * Pays an order whose capture failed with another card: authorise the amount to charge (3-D
 * Secure when the issuer asks, returning to `returnUrl`), then capture it at once; it can then ship.
 */
export async function fixPayment(
  deps: Deps,
  input: { orderId: string; card: CardInput; returnUrl: string; actor: string },
): Promise<FixPaymentResult> {
  const [order] = await deps.db.select().from(orders).where(eq(orders.id, input.orderId));
  if (!order) return { kind: 'not_needed' };
  const state = fixState(order, deps.clock.now());
  if (state !== 'open') return { kind: state };
  const auth = await deps.payments.authorise({
    amountJpy: order.chargeJpy,
    card: input.card,
    returnUrl: input.returnUrl,
  });
  if (auth.status === 'declined') return { kind: 'declined', reason: auth.reason };
  if (auth.status === 'challenge_required') {
    const parked = await parkForChallenge(deps, order.id, auth.ref);
    if (parked !== 'open') {
      await deps.payments.void(auth.ref);
      return { kind: parked };
    }
    return { kind: 'challenge', url: auth.challengeUrl };
  }
  return completeFix(deps, order.id, auth, input.actor);
}

/** Finishes a payment fix after the issuer's 3-D Secure page sent the customer back. */
export async function resumePaymentFix(
  deps: Deps,
  input: { orderId: string; actor: string },
): Promise<FixPaymentResult> {
  const [order] = await deps.db.select().from(orders).where(eq(orders.id, input.orderId));
  if (!order) return { kind: 'not_needed' };
  // A reload of the return page after success lands here: the order is paid.
  if (order.paymentState === 'captured') return { kind: 'fixed', order };
  const ref = order.paymentFixRef;
  if (!ref) return { kind: 'declined', reason: 'challenge_failed' };
  const status = await deps.payments.status(ref);
  if (status.status !== 'authorised') {
    await deps.db
      .update(orders)
      .set({ paymentFixRef: null })
      .where(and(eq(orders.id, order.id), eq(orders.paymentFixRef, ref)));
    return { kind: 'declined', reason: 'challenge_failed' };
  }
  return completeFix(
    deps,
    order.id,
    { ref, brand: status.brand, last4: status.last4 },
    input.actor,
  );
}

/** Remembers the new card's authorisation while the customer is at the 3-D Secure page. */
async function parkForChallenge(
  deps: Deps,
  orderId: string,
  ref: string,
): Promise<'open' | 'not_needed' | 'too_late'> {
  const now = deps.clock.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!order) return { state: 'not_needed' as const, previous: null };
    const state = fixState(order, now);
    if (state !== 'open') return { state, previous: null };
    await tx.update(orders).set({ paymentFixRef: ref }).where(eq(orders.id, orderId));
    return { state, previous: order.paymentFixRef };
  });
  // An earlier attempt's challenge that was never answered is released.
  if (outcome.previous) await deps.payments.void(outcome.previous);
  return outcome.state;
}

/**
 * Swaps the order onto the new authorisation and claims its capture in one transaction (so the
 * expiry job cannot cancel it halfway), then captures. The failed authorisation is released.
 */
async function completeFix(
  deps: Deps,
  orderId: string,
  card: { ref: string; brand: CardBrand | null; last4: string },
  actor: string,
): Promise<FixPaymentResult> {
  const now = deps.clock.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!order) return { state: 'not_needed' as const };
    const state = fixState(order, now);
    if (state !== 'open') return { state };
    const claimed = await movePayment(tx, orderId, {
      to: 'capture_pending',
      from: ['capture_failed'],
      set: {
        captureClaimedAt: now,
        paymentRef: card.ref,
        cardBrand: card.brand,
        cardLast4: card.last4,
        paymentFixRef: null,
        updatedAt: now,
      },
    });
    await tx.insert(orderEvents).values({
      orderId,
      state: 'card_changed',
      actor,
      note: `${card.brand} •••• ${card.last4}`,
      at: now,
    });
    return { state, claimed: claimed!, previousRef: order.paymentRef };
  });
  if (outcome.state !== 'open') {
    await deps.payments.void(card.ref);
    return { kind: outcome.state };
  }
  if (outcome.previousRef !== card.ref) await deps.payments.void(outcome.previousRef);
  const result = await finishCapture(deps, outcome.claimed, { actor, cause: 'payment_fixed' });
  if (result.ok) return { kind: 'fixed', order: result.order };
  if (result.reason === 'capture_failed')
    return { kind: 'capture_failed', fixDueAt: result.fixDueAt };
  return { kind: 'not_needed' };
}
