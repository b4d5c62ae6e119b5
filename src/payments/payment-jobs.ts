import { and, asc, eq, inArray, lte, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { cancelOrder } from '../orders/cancel-order.ts';
import { unshippedStates } from '../orders/order-rules.ts';
import { orders } from '../orders/tables.ts';
import { captureOrderPayment, claimable } from './capture-order-payment.ts';
import { captureDueBefore, FIX_PAYMENT_DAYS } from './payment-rules.ts';
import type { PaymentProvider } from './provider.ts';

type Deps = { db: Db; clock: Clock; payments: PaymentProvider };

const BATCH = 100;

/**
 * Captures the authorisations of unshipped orders (pre-orders waiting for release) once they are
 * older than the card hold, and retries captures a crashed worker left unanswered. Several
 * workers may run it at once: each order is claimed by one conditional update before the network.
 */
export async function captureAgedAuthorisations(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db
    .select({ id: orders.id, paymentState: orders.paymentState })
    .from(orders)
    .where(
      and(
        inArray(orders.state, [...unshippedStates]),
        claimable(now),
        or(
          eq(orders.paymentState, 'capture_pending'),
          lte(orders.createdAt, captureDueBefore(now)),
        ),
      ),
    )
    .orderBy(asc(orders.createdAt))
    .limit(BATCH);
  let attempted = 0;
  for (const order of due) {
    const result = await captureOrderPayment(deps, {
      orderId: order.id,
      actor: 'system',
      cause: order.paymentState === 'capture_pending' ? 'retry' : 'authorisation_age',
    });
    // Another worker's claim (in_progress) or a replay is not this run's work.
    if ((result.ok && !result.replayed) || (!result.ok && result.reason === 'capture_failed')) {
      attempted += 1;
    }
  }
  return attempted;
}

/**
 * Cancels orders whose customer did not fix a failed capture in time, through the usual
 * cancellation (stock back, authorisation released, cancellation mail). The check is repeated
 * under the order's lock, so a card entered at the last moment wins or loses cleanly.
 */
export async function cancelOverduePaymentFixes(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const overdue = await deps.db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.paymentState, 'capture_failed'),
        lte(orders.paymentFixDueAt, now),
        inArray(orders.state, [...unshippedStates]),
      ),
    )
    .limit(BATCH);
  let cancelled = 0;
  for (const { id } of overdue) {
    const result = await cancelOrder(deps, {
      orderId: id,
      actor: 'system',
      reason: `payment not fixed within ${FIX_PAYMENT_DAYS} days of the failed capture`,
      why: 'payment_not_fixed',
      onlyIf: (order) =>
        order.paymentState === 'capture_failed' &&
        order.paymentFixDueAt !== null &&
        order.paymentFixDueAt.getTime() <= now.getTime(),
    });
    if (!result.ok) continue;
    cancelled += 1;
    // A new card's authorisation left at its 3-D Secure page is released too.
    if (result.order.paymentFixRef) {
      await deps.payments.void(result.order.paymentFixRef);
      await deps.db.update(orders).set({ paymentFixRef: null }).where(eq(orders.id, id));
    }
  }
  return cancelled;
}
