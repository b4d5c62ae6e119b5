import { eq } from 'drizzle-orm';
import { products } from '../catalog/tables.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { findCountry } from '../shipping/countries.ts';
import { availableMethods } from '../shipping/rates.ts';
import { mayChangeAddress, shipsParcel } from './order-rules.ts';
import {
  addressColumns,
  addressSummary,
  type OrderAddress,
  orderAddress,
  sameAddress,
} from './shipping-address.ts';
import { type Order, orderEvents, orderLines, orders } from './tables.ts';

export type ChangeShippingAddressResult =
  | { ok: true; order: Order }
  | {
      ok: false;
      reason:
        | 'not_found'
        /** Being prepared, shipped or cancelled: a concurrent "preparing" wins. */
        | 'not_changeable'
        /** Digital only: nothing is shipped. */
        | 'no_shipping'
        | 'unchanged'
        /** Another shipping zone, so the authorised fee would change. */
        | 'other_zone'
        /** The order's shipping method does not deliver there. */
        | 'method_unavailable';
    }
  | { ok: false; reason: 'domestic_only'; titles: { en: string; ja: string }[] };

/**
 * Moves an order's parcel to another address without changing what the customer pays: same
 * shipping zone, same method, domestic-only goods stay in Japan. Writes the address, an
 * `address_changed` event and the confirmation mail in one transaction.
 */
export function changeShippingAddress(
  deps: { db: Db; clock: Clock },
  input: { orderId: string; address: OrderAddress; actor: 'customer' | `staff:${string}` },
): Promise<ChangeShippingAddressResult> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx): Promise<ChangeShippingAddressResult> => {
    // The lock makes staff's "preparing" and this change run one after the other.
    const [order] = await tx
      .select()
      .from(orders)
      .where(eq(orders.id, input.orderId))
      .for('update');
    if (!order) return { ok: false, reason: 'not_found' };
    const lines = await tx
      .select({
        kind: orderLines.kind,
        titleEn: orderLines.titleEn,
        titleJa: orderLines.titleJa,
        domesticOnly: products.domesticOnly,
      })
      .from(orderLines)
      .innerJoin(products, eq(products.id, orderLines.productId))
      .where(eq(orderLines.orderId, order.id));
    if (!shipsParcel(lines)) return { ok: false, reason: 'no_shipping' };
    if (!mayChangeAddress(order, lines)) return { ok: false, reason: 'not_changeable' };

    const previous = orderAddress(order);
    const next = input.address;
    if (sameAddress(previous, next)) return { ok: false, reason: 'unchanged' };
    const from = findCountry(previous.country);
    const to = findCountry(next.country);
    const domesticOnly = lines.filter((l) => l.domesticOnly);
    if (domesticOnly.length > 0 && to?.code !== 'JP') {
      return {
        ok: false,
        reason: 'domestic_only',
        titles: domesticOnly.map((l) => ({ en: l.titleEn, ja: l.titleJa })),
      };
    }
    if (!from || !to || from.zone !== to.zone) return { ok: false, reason: 'other_zone' };
    if (!availableMethods(to).includes(order.shippingMethod))
      return { ok: false, reason: 'method_unavailable' };

    const [updated] = await tx
      .update(orders)
      .set({ ...addressColumns(next), updatedAt: now })
      .where(eq(orders.id, order.id))
      .returning();
    await tx.insert(orderEvents).values({
      orderId: order.id,
      state: 'address_changed',
      actor: input.actor,
      note: `${addressSummary(previous)} → ${addressSummary(next)}`,
      at: now,
    });
    // The mail carries both addresses: a later change must not rewrite what this one says.
    await enqueueMail(tx, {
      now,
      topic: 'order_address_changed',
      orderId: order.id,
      memberId: order.memberId,
      recipient: order.contactEmail,
      locale: order.locale,
      payload: {
        orderNumber: order.number,
        previous,
        current: next,
        by: input.actor === 'customer' ? 'customer' : 'staff',
      },
    });
    return { ok: true, order: updated! };
  });
}
