import { and, eq, inArray, sql } from 'drizzle-orm';
import { products } from '../catalog/tables.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { cancellationRefunds, movePayment } from '../payments/payment-rules.ts';
import type { PaypalClient } from '../payments/paypal/paypal-client.ts';
import type { PaymentProvider } from '../payments/provider.ts';
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
    const refund = cancellationRefunds(order.paymentState);
    const updated = await movePayment(tx, order.id, {
      to: refund ? 'refund_pending' : 'void_pending',
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

/**
 * Voids the authorisations of cancelled orders and refunds those already captured (a PayPal order
 * through PayPal). Called right after a cancellation and by the worker, so a crash between commit
 * and the provider only delays the release; void and refund are idempotent (a PayPal refund sends
 * the same PayPal-Request-Id every time), so doing one twice is harmless.
 */
export async function releasePendingVoids(
  deps: { db: Db; payments: PaymentProvider; paypal?: PaypalClient | undefined },
  orderIds?: string[],
): Promise<number> {
  const waiting = inArray(orders.paymentState, ['void_pending', 'refund_pending']);
  const pending = await deps.db
    .select({
      id: orders.id,
      provider: orders.paymentProvider,
      ref: orders.paymentRef,
      state: orders.paymentState,
      totalJpy: orders.totalJpy,
    })
    .from(orders)
    .where(orderIds ? and(waiting, inArray(orders.id, orderIds)) : waiting)
    .limit(100);
  let done = 0;
  for (const { id, provider, ref, state, totalJpy } of pending) {
    if (provider === 'paypal') {
      // Without a PayPal client (settings removed) the refund waits for one; PayPal only refunds.
      if (state !== 'refund_pending' || !deps.paypal) continue;
      const refunded = await deps.paypal.refundCapture(ref, {
        amountJpy: totalJpy,
        requestId: paypalRefundRequestId(id),
      });
      // Refused or unanswered (a capture still PENDING at PayPal, an outage): the next round tries again.
      if (!refunded.ok) continue;
      await movePayment(deps.db, id, { to: 'refunded' });
    } else if (state === 'refund_pending') {
      // A refused refund stays pending and is tried again by the next worker round.
      const refunded = await deps.payments.refund(ref, totalJpy);
      if (!refunded.ok) continue;
      await movePayment(deps.db, id, { to: 'refunded' });
    } else {
      await deps.payments.void(ref);
      await movePayment(deps.db, id, { to: 'voided' });
    }
    done += 1;
  }
  return done;
}

/** The PayPal-Request-Id of a cancelled order's refund: the same on every try, so PayPal refunds once. */
export function paypalRefundRequestId(orderId: string): string {
  return `cancel-refund-${orderId}`;
}
