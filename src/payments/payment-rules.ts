import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { type Order, orders, type PaymentState } from '../orders/tables.ts';
import type { RateLimitRule } from '../web/rate-limit.ts';

/**
 * The payment lifecycle: which payment state may follow which. A card payment starts authorised
 * when the order is placed; capture_pending is a claim (it may be claimed again when stale, or
 * after a failed capture once the customer enters another card); cancelling releases the money.
 * A PayPal payment is captured before its order exists, so it starts captured, or waiting while
 * PayPal holds the capture for review (voided when PayPal declines it: no money was taken).
 * Captured money goes back in one or more refunds: refund_pending while any is unconfirmed
 * (another may be added), then partially_refunded while some captured money remains, refunded
 * when none.
 */
export const paymentTransitions = {
  authorised: ['capture_pending', 'void_pending'],
  waiting: ['captured', 'refund_pending', 'voided'],
  capture_pending: ['capture_pending', 'captured', 'capture_failed', 'void_pending'],
  captured: ['refund_pending'],
  capture_failed: ['capture_pending', 'void_pending'],
  void_pending: ['voided'],
  voided: [],
  refund_pending: ['refund_pending', 'partially_refunded', 'refunded'],
  partially_refunded: ['refund_pending'],
  refunded: [],
} as const satisfies Record<PaymentState, readonly PaymentState[]>;

/** The state a card payment is in when its order is placed. */
export const initialPaymentState = 'authorised' satisfies PaymentState;

/** The state a PayPal payment starts in, from what its capture said: paid, or pending PayPal's review. */
export function paypalPaymentState(capture: 'paid' | 'pending'): 'captured' | 'waiting' {
  return capture === 'paid' ? 'captured' : 'waiting';
}

/** The states a payment may move to `to` from, by the table above. */
export type PaymentFrom<To extends PaymentState> = {
  [F in PaymentState]: To extends (typeof paymentTransitions)[F][number] ? F : never;
}[PaymentState];

export function canMovePayment(from: PaymentState, to: PaymentState): boolean {
  return (paymentTransitions[from] as readonly PaymentState[]).includes(to);
}

/** Every state the table allows a move to `to` from. */
export function paymentStatesBefore<To extends PaymentState>(to: To): PaymentFrom<To>[] {
  return (Object.keys(paymentTransitions) as PaymentState[]).filter((from) =>
    canMovePayment(from, to),
  ) as PaymentFrom<To>[];
}

/**
 * Moves an order's payment to `to` under a SQL guard (`payment_state in (froms)`), with any other
 * columns that change with it; returns the updated order, or null when the row was not in one of
 * the states (another process moved it first, or the table forbids the move). `from` narrows the
 * table's states, never widens them; `where` adds a use case's own condition (a stale claim).
 */
export async function movePayment<To extends PaymentState>(
  db: Db | Tx,
  orderId: string,
  move: {
    to: To;
    from?: readonly PaymentFrom<To>[];
    where?: SQL;
    set?: Partial<Omit<typeof orders.$inferInsert, 'id' | 'paymentState'>>;
  },
): Promise<Order | null> {
  const allowed: readonly PaymentState[] = paymentStatesBefore(move.to);
  const named: readonly PaymentState[] | undefined = move.from;
  const from = named ? allowed.filter((state) => named.includes(state)) : allowed;
  if (from.length === 0) return null;
  const [moved] = await db
    .update(orders)
    .set({ ...move.set, paymentState: move.to })
    .where(and(eq(orders.id, orderId), inArray(orders.paymentState, [...from]), move.where))
    .returning();
  return moved ?? null;
}

/** Payments holding captured money: a refund may start from each (the order is paid). */
export const refundableStates: readonly PaymentState[] = paymentStatesBefore('refund_pending');

/** Where a payment rests once no refund is pending: refunded when nothing captured remains. */
export function settledRefundState(
  capturedJpy: number,
  refundedJpy: number,
): 'partially_refunded' | 'refunded' {
  return refundedJpy >= capturedJpy ? 'refunded' : 'partially_refunded';
}

/** Card holds expire: an authorisation this old is captured even though the order has not shipped. */
export const CAPTURE_AFTER_DAYS = 25;

/** After a failed capture the customer has this long to enter another card; then the order is cancelled. */
export const FIX_PAYMENT_DAYS = 7;

/** Cards a customer may try on one order's payment page in an hour (each one reaches the card network). */
export const FIX_ATTEMPTS_PER_HOUR = 10;

/** Per order: each try reaches the card network, so the page cannot be used for card testing. */
export const FIX_ATTEMPT_LIMIT: RateLimitRule = { max: FIX_ATTEMPTS_PER_HOUR, windowSeconds: 3600 };

/** A capture claimed this long ago with no answer recorded (a crashed worker) is tried again. */
export const STALE_CAPTURE_MINUTES = 10;

const DAY_MS = 24 * 3600 * 1000;

/** Authorisations made at or before this instant are due for capture. */
export function captureDueBefore(now: Date): Date {
  return new Date(now.getTime() - CAPTURE_AFTER_DAYS * DAY_MS);
}

/** When the customer's window to fix a failed capture closes. */
export function paymentFixDueAt(failedAt: Date): Date {
  return new Date(failedAt.getTime() + FIX_PAYMENT_DAYS * DAY_MS);
}
