import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { resendMail } from '../mail/resend-mail.ts';
import { findSuppression } from '../mail/suppressions.ts';
import { outboxMessages } from '../mail/tables.ts';
import type { Order } from './tables.ts';

export type ResendOrderMailResult =
  | { ok: true; recipient: string }
  | { ok: false; reason: 'not_found' | 'suppressed' };

/**
 * Sends one of an order's mails again at its customer's request, to the order's current contact
 * email. Verification codes are not resent: an old code may be used up, so a new one is asked for.
 */
export async function resendOrderMail(
  deps: { db: Db; clock: Clock },
  input: { order: Pick<Order, 'id' | 'contactEmail'>; messageId: string },
): Promise<ResendOrderMailResult> {
  const [message] = await deps.db
    .select({ id: outboxMessages.id, topic: outboxMessages.topic })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.id, input.messageId), eq(outboxMessages.orderId, input.order.id)));
  if (!message || message.topic === 'verification_code') return { ok: false, reason: 'not_found' };
  if (await findSuppression(deps.db, input.order.contactEmail))
    return { ok: false, reason: 'suppressed' };
  const result = await resendMail(deps, {
    messageId: message.id,
    recipient: input.order.contactEmail,
    actor: 'customer',
  });
  return result.ok ? { ok: true, recipient: input.order.contactEmail } : result;
}
