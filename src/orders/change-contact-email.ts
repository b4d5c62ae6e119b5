import { and, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { outboxMessages } from '../mail/tables.ts';
import { type Order, orderEvents, orders } from './tables.ts';

export type ChangeContactResult =
  | { ok: true; order: Order; previousEmail: string; resentMessageId: string | null }
  | { ok: false; reason: 'not_found' | 'same_address' };

/**
 * Moves an order's mail to a new address: the contact email changes (the member's own email does
 * not), the guest link gets a new version (old links stop working), an audit event records who
 * did it and the old address, and the order confirmation is sent again to the new address (with
 * the new link), all in one transaction.
 */
export function changeOrderContactEmail(
  deps: { db: Db; clock: Clock },
  input: { orderId: string; newEmail: string; actor: string },
): Promise<ChangeContactResult> {
  const now = deps.clock.now();
  return deps.db.transaction((tx) => changeOrderContactEmailIn(tx, now, input));
}

/** The same change inside a caller's transaction (the inquiry desk applies it with its own rows). */
export async function changeOrderContactEmailIn(
  tx: Tx,
  now: Date,
  input: { orderId: string; newEmail: string; actor: string },
): Promise<ChangeContactResult> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId)).for('update');
  if (!order) return { ok: false, reason: 'not_found' };
  if (order.contactEmail.toLowerCase() === input.newEmail.toLowerCase())
    return { ok: false, reason: 'same_address' };
  const [updated] = await tx
    .update(orders)
    // A new link version: links mailed to the old address stop working (0012-guest-order-links).
    .set({ contactEmail: input.newEmail, accessEpoch: order.accessEpoch + 1, updatedAt: now })
    .where(eq(orders.id, order.id))
    .returning();
  await tx.insert(orderEvents).values({
    orderId: order.id,
    state: 'contact_email_changed',
    actor: input.actor,
    note: `${order.contactEmail} → ${input.newEmail}`,
    at: now,
  });
  const [confirmation] = await tx
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orderId, order.id), eq(outboxMessages.topic, 'order_placed')))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(1);
  const resentMessageId = await enqueueMail(tx, {
    now,
    topic: 'order_placed',
    recipient: input.newEmail,
    locale: order.locale,
    orderId: order.id,
    memberId: order.memberId,
    payload: { orderNumber: order.number, reason: 'contact_email_changed' },
    resendOf: confirmation?.id ?? null,
  });
  return { ok: true, order: updated!, previousEmail: order.contactEmail, resentMessageId };
}
