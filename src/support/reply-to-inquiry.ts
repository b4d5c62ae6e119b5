import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { answerAddress } from './answer-address.ts';
import { lockInquiryById } from './lock-inquiry.ts';
import { moveInquiryState } from './set-inquiry-state.ts';
import { type Inquiry, inquiries, inquiryMessages } from './tables.ts';

export type ReplyResult =
  | { ok: true; messageId: string; mailId: string }
  /** The same form was sent again (a double click, a reload): the first one is the reply. */
  | { ok: false; reason: 'not_found' | 'already_sent' };

/**
 * Stores a staff answer in the thread and queues it as mail (topic inquiry_reply, the number in
 * the subject) in the locked inquiry's language; the inquiry then waits for the customer, or is
 * closed. Used by the reply form and by "apply new contact email".
 */
export async function writeInquiryReply(
  tx: Tx,
  inquiry: Inquiry,
  reply: {
    body: string;
    recipient: string;
    actor: string;
    close: boolean;
    now: Date;
    formNonce?: string | null;
  },
): Promise<{ messageId: string; mailId: string }> {
  const mailId = await enqueueMail(tx, {
    now: reply.now,
    topic: 'inquiry_reply',
    recipient: reply.recipient,
    locale: inquiry.locale,
    // Tied to the order so it shows in the order's own mail list too.
    orderId: inquiry.orderId,
    memberId: inquiry.memberId,
    payload: { inquiryNumber: inquiry.number, name: inquiry.name, body: reply.body },
  });
  const [message] = await tx
    .insert(inquiryMessages)
    .values({
      inquiryId: inquiry.id,
      kind: 'staff',
      source: 'admin',
      author: reply.actor,
      body: reply.body,
      outboxMessageId: mailId,
      formNonce: reply.formNonce ?? null,
      createdAt: reply.now,
    })
    .returning({ id: inquiryMessages.id });
  await tx.update(inquiries).set({ updatedAt: reply.now }).where(eq(inquiries.id, inquiry.id));
  await moveInquiryState(tx, inquiry, reply.close ? 'closed' : 'waiting', {
    actor: reply.actor,
    source: 'admin',
    why: 'reply sent',
    now: reply.now,
  });
  return { messageId: message!.id, mailId };
}

/**
 * Staff answer an inquiry by mail to the inquiry's address (see answerAddress). The reply form's
 * one-time token is kept with the reply, so the same form sent twice sends one mail.
 */
export async function replyToInquiry(
  deps: { db: Db; clock: Clock },
  input: {
    inquiryId: string;
    body: string;
    close: boolean;
    actor: string;
    formNonce?: string | null;
  },
): Promise<ReplyResult> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx): Promise<ReplyResult> => {
    // The lock makes a second copy of the form wait for the first, then find its row.
    const inquiry = await lockInquiryById(tx, input.inquiryId);
    if (!inquiry) return { ok: false, reason: 'not_found' };
    if (input.formNonce) {
      const [earlier] = await tx
        .select({ id: inquiryMessages.id })
        .from(inquiryMessages)
        .where(
          and(
            eq(inquiryMessages.inquiryId, inquiry.id),
            eq(inquiryMessages.formNonce, input.formNonce),
          ),
        )
        .limit(1);
      if (earlier) return { ok: false, reason: 'already_sent' };
    }
    const written = await writeInquiryReply(tx, inquiry, {
      body: input.body,
      recipient: await answerAddress(tx, inquiry),
      actor: input.actor,
      close: input.close,
      now,
      formNonce: input.formNonce ?? null,
    });
    return { ok: true, ...written };
  });
}
