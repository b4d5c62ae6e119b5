import { and, eq, inArray, sql } from 'drizzle-orm';
import { products } from '../catalog/tables.ts';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { movePayment, refundableStates } from '../payments/payment-rules.ts';
import type { PaypalClient } from '../payments/paypal/paypal-client.ts';
import type { PaymentProvider } from '../payments/provider.ts';
import { recordRefund, refundableJpy, sendPendingRefunds } from '../payments/refund-payment.ts';
import { canMove, customerMayCancel } from './order-rules.ts';
import { type Order, orderEvents, orderLines, orders } from './tables.ts';

export type CancelResult =
  | { ok: true; order: Order }
  | { ok: false; reason: 'not_cancellable' | 'not_found' };

/**
 * Cancels a whole order: stock goes back, the cancellation mail is queued, and the card
 * authorisation is released, or the money refunded when it was already captured (early capture).
 * Customers may cancel only while the rules allow; staff until it ships.
 */
export async function cancelOrder(
  deps: { db: Db; clock: Clock; payments: PaymentProvider; paypal?: PaypalClient | undefined },
  input: {
    orderId: string;
    actor: 'customer' | 'system' | `staff:${string}`;
    reason?: string;
    /** Why, for the customer's mail: the payment was not fixed in time. */
    why?: 'payment_not_fixed';
    /** Checked once the order is locked: cancel only if this still holds (e.g. a payment fix is overdue). */
    onlyIf?: (order: Order) => boolean;
  },
): Promise<CancelResult> {
  const { db, clock } = deps;
  const now = clock.now();
  const result = await db.transaction(async (tx): Promise<CancelResult> => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(eq(orders.id, input.orderId))
      .for('update');
    if (!order) return { ok: false, reason: 'not_found' };
    if (input.onlyIf && !input.onlyIf(order)) return { ok: false, reason: 'not_cancellable' };
    const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id));
    const allowed =
      input.actor === 'customer'
        ? customerMayCancel(order, lines, now)
        : canMove(order.state, 'cancelled');
    if (!allowed) return { ok: false, reason: 'not_cancellable' };
    for (const line of [...lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
      await tx
        .update(products)
        .set({ stock: sql`${products.stock} + ${line.quantity}` })
        .where(eq(products.id, line.productId));
    }
    // Captured money (an early capture) is refunded, all that is left of it; a hold is voided.
    const refund =
      order.paymentState === 'refunded' || refundableStates.includes(order.paymentState);
    const updated = refund
      ? await refundRemainder(tx, order, now)
      : await movePayment(tx, order.id, {
          to: 'void_pending',
          set: { state: 'cancelled', updatedAt: now },
        });
    // The order is locked, so only a payment state the table does not release can refuse.
    if (!updated)
      throw new Error(`order ${order.id}: payment ${order.paymentState} cannot be released`);
    await tx.insert(orderEvents).values({
      orderId: order.id,
      state: 'cancelled',
      actor: input.actor,
      note: input.reason ?? '',
      at: now,
    });
    await enqueueMail(tx, {
      now,
      topic: 'order_cancelled',
      orderId: order.id,
      memberId: order.memberId,
      recipient: order.contactEmail,
      locale: order.locale,
      payload: {
        orderNumber: order.number,
        refunded: refund,
        why: input.why ?? null,
        ...(order.paymentProvider === 'paypal' ? { paypalCaptureId: order.paymentRef } : {}),
      },
    });
    return { ok: true, order: updated };
  });
  if (result.ok) await releasePendingVoids(deps, [result.order.id]);
  return result;
}

/** Records the refund of whatever the order's capture has left and marks the order cancelled. */
async function refundRemainder(tx: Tx, order: Order, now: Date): Promise<Order | null> {
  const left = await refundableJpy(tx, order);
  if (left > 0) {
    const recorded = await recordRefund(tx, order, {
      amountJpy: left,
      reason: 'order cancelled',
      idempotencyKey: cancellationRefundKey(order.id),
      now,
    });
    if (!recorded.ok) throw new Error(`order ${order.id}: refund refused (${recorded.reason})`);
  }
  const [updated] = await tx
    .update(orders)
    .set({ state: 'cancelled', updatedAt: now })
    .where(eq(orders.id, order.id))
    .returning();
  return updated ?? null;
}

/**
 * Voids the authorisations of cancelled orders and sends their pending refunds. Called right
 * after a cancellation and by the worker, so a crash between commit and the card network only
 * delays the release; a void is idempotent and a refund moves money once per key.
 */
export async function releasePendingVoids(
  deps: { db: Db; clock: Clock; payments: PaymentProvider; paypal?: PaypalClient | undefined },
  orderIds?: string[],
): Promise<number> {
  const waiting = eq(orders.paymentState, 'void_pending');
  const pending = await deps.db
    .select({ id: orders.id, ref: orders.paymentRef })
    .from(orders)
    .where(orderIds ? and(waiting, inArray(orders.id, orderIds)) : waiting)
    .limit(100);
  for (const { id, ref } of pending) {
    await deps.payments.void(ref);
    await movePayment(deps.db, id, { to: 'voided', from: ['void_pending'] });
  }
  return pending.length + (await sendPendingRefunds(deps, orderIds));
}

/** The idempotency key of a cancelled order's refund (PayPal's PayPal-Request-Id): the same on every try. */
export function cancellationRefundKey(orderId: string): string {
  return `cancel:${orderId}`;
}
