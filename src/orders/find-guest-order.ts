import { eq } from 'drizzle-orm';
import { CODE_MINUTES, checkCode, issueCode } from '../accounts/verification-codes.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { type Order, orders } from './tables.ts';

/**
 * Mails an `order_lookup` code to an order's contact email if (and only if) the order number and
 * email belong together. Returns nothing, so the caller cannot answer differently either way.
 */
export async function sendOrderLookupCode(
  deps: { db: Db; clock: Clock },
  input: { number: string; email: string; locale: 'en' | 'ja' },
): Promise<void> {
  const [order] = await deps.db.select().from(orders).where(eq(orders.number, input.number));
  if (!order || order.contactEmail.toLowerCase() !== input.email.toLowerCase()) return;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const code = await issueCode(tx, {
      purpose: 'order_lookup',
      subjectId: order.id,
      email: order.contactEmail,
      now,
    });
    await enqueueMail(tx, {
      topic: 'verification_code',
      recipient: order.contactEmail,
      locale: input.locale,
      orderId: order.id,
      memberId: order.memberId,
      payload: { code, purpose: 'order_lookup', minutes: CODE_MINUTES },
      now,
    });
  });
}

/** The order a correct lookup code opens; null for every kind of failure, so nothing leaks. */
export async function findGuestOrder(
  deps: { db: Db; clock: Clock },
  input: { number: string; code: string },
): Promise<Order | null> {
  const [order] = await deps.db.select().from(orders).where(eq(orders.number, input.number));
  if (!order) return null;
  const check = await checkCode(deps.db, {
    purpose: 'order_lookup',
    subjectId: order.id,
    code: input.code,
    now: deps.clock.now(),
  });
  return check.ok ? order : null;
}
