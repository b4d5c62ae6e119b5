import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { formatJapanTime } from '../lib/japan-time.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { type CaptureResult, captureOrderPayment } from '../payments/capture-order-payment.ts';
import type { PaymentProvider } from '../payments/provider.ts';
import type { ShippingMethodCode } from '../shipping/rates.ts';
import { canMove } from './order-rules.ts';
import { type Order, orderEvents, orders } from './tables.ts';

export type AdvanceResult =
  | { ok: true; order: Order }
  | { ok: false; reason: 'not_found' | 'invalid_transition' | 'capture_failed'; detail?: string };

type Deps = { db: Db; clock: Clock; payments: PaymentProvider };

/** Staff start packing an order. */
export function markPreparing(deps: Deps, orderId: string, actor: string) {
  return move(deps, orderId, 'preparing', actor, {});
}

/** Staff mark an order delivered (carrier confirmed). */
export function markDelivered(deps: Deps, orderId: string, actor: string) {
  return move(deps, orderId, 'delivered', actor, {});
}

/**
 * Ships an order: the payment is captured first (an order never leaves unpaid), then the state,
 * carrier and tracking number are saved with the shipping mail in one transaction.
 */
export async function shipOrder(
  deps: Deps,
  input: { orderId: string; carrier: ShippingMethodCode; trackingNumber: string; actor: string },
): Promise<AdvanceResult> {
  const [order] = await deps.db.select().from(orders).where(eq(orders.id, input.orderId));
  if (!order) return { ok: false, reason: 'not_found' };
  if (!canMove(order.state, 'shipped')) return { ok: false, reason: 'invalid_transition' };
  // An early capture (old authorisation) already took the money; that is never done twice.
  if (order.paymentState !== 'captured') {
    const capture = await captureOrderPayment(deps, {
      orderId: order.id,
      actor: input.actor,
      cause: 'shipping',
    });
    if (!capture.ok) {
      return { ok: false, reason: 'capture_failed', detail: captureProblem(capture) };
    }
  }
  return move(deps, order.id, 'shipped', input.actor, {
    carrier: input.carrier,
    trackingNumber: input.trackingNumber,
  });
}

async function move(
  deps: Deps,
  orderId: string,
  to: 'preparing' | 'shipped' | 'delivered',
  actor: string,
  extra: Partial<Pick<Order, 'carrier' | 'trackingNumber'>>,
): Promise<AdvanceResult> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx): Promise<AdvanceResult> => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!order) return { ok: false, reason: 'not_found' };
    if (!canMove(order.state, to)) return { ok: false, reason: 'invalid_transition' };
    const [updated] = await tx
      .update(orders)
      .set({ state: to, updatedAt: now, ...extra })
      .where(and(eq(orders.id, orderId), eq(orders.state, order.state)))
      .returning();
    const note = extra.trackingNumber ? `${extra.carrier} ${extra.trackingNumber}` : '';
    await tx.insert(orderEvents).values({ orderId, state: to, actor, note, at: now });
    if (to === 'shipped') {
      await enqueueMail(tx, {
        now,
        topic: 'order_shipped',
        orderId,
        memberId: order.memberId,
        recipient: order.contactEmail,
        locale: order.locale,
        payload: {
          orderNumber: order.number,
          carrier: extra.carrier,
          trackingNumber: extra.trackingNumber,
        },
      });
    }
    return { ok: true, order: updated! };
  });
}

/** Why the payment blocks shipping, in words staff can act on. */
function captureProblem(result: Exclude<CaptureResult, { ok: true }>): string {
  switch (result.reason) {
    case 'capture_failed':
      return result.detail === 'waiting_for_new_card'
        ? `an earlier capture failed; the customer has until ${formatJapanTime(result.fixDueAt)} JST to enter another card on the order page, and the order can ship once that succeeds`
        : `${result.detail}; the customer has until ${formatJapanTime(result.fixDueAt)} JST to enter another card on the order page, and the order can ship once that succeeds`;
    case 'in_progress':
      return 'a capture is in progress right now; try again in a minute';
    default:
      return `the payment is ${result.reason === 'not_found' ? 'missing' : 'not capturable'}`;
  }
}
