import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { inquiryNumberOf } from '../mail/inquiry-reply-address.ts';
import { resendMail } from '../mail/resend-mail.ts';
import { findSuppression } from '../mail/suppressions.ts';
import { outboxMessages } from '../mail/tables.ts';
import type { Order } from './tables.ts';

export type ResendOrderMailResult =
  | { ok: true; recipient: string }
  | { ok: false; reason: 'not_found' | 'suppressed' };

/**
 * Whether the order page may send a mail again to the order's current contact email. Not
 * verification codes: an old code may be used up, so a new one is asked for. Not mail about an
 * inquiry: it belongs to whoever wrote the inquiry, who may not be the order's contact, and its
 * Reply-To lets the reader answer into that inquiry.
 */
export function isResendableOrderMail(message: {
  topic: string;
  payload: Record<string, unknown>;
}): boolean {
  if (message.topic === 'verification_code') return false;
  return !message.topic.startsWith('inquiry_') && !inquiryNumberOf(message.payload);
}

/** Sends one of an order's mails again at its customer's request, to the order's current contact email. */
export async function resendOrderMail(
  deps: { db: Db; clock: Clock },
  input: { order: Pick<Order, 'id' | 'contactEmail'>; messageId: string },
): Promise<ResendOrderMailResult> {
  const [message] = await deps.db
    .select({ id: outboxMessages.id, topic: outboxMessages.topic, payload: outboxMessages.payload })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.id, input.messageId), eq(outboxMessages.orderId, input.order.id)));
  if (!message || !isResendableOrderMail(message)) return { ok: false, reason: 'not_found' };
  if (await findSuppression(deps.db, input.order.contactEmail))
    return { ok: false, reason: 'suppressed' };
  const result = await resendMail(deps, {
    messageId: message.id,
    recipient: input.order.contactEmail,
    actor: 'customer',
  });
  return result.ok
    ? { ok: true, recipient: input.order.contactEmail }
    : { ok: false, reason: 'not_found' };
}
