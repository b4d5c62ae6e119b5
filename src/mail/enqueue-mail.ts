import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import type { MailPayloads, MailTopic } from './payloads.ts';
import { mailEvents, type OutboxMessage, outboxMessages } from './tables.ts';

export { mailTopics } from './payloads.ts';
export type { MailPayloads, MailTopic };

/** The channel workers LISTEN on; a notification is delivered when the transaction commits. */
export const OUTBOX_CHANNEL = 'tenpo_outbox';

interface Envelope {
  recipient: string;
  locale: 'en' | 'ja';
  orderId?: string | null;
  memberId?: string | null;
  resendOf?: string | null;
  /** The business time of the change (the app clock), used as queue time and first due time. */
  now: Date;
}

/**
 * A mail of one topic with that topic's payload: a missing or mistyped field does not compile,
 * and neither does a topic only known as "some topic" with a payload not checked against it.
 */
export type MailToSend<T extends MailTopic = MailTopic> = {
  [K in T]: Envelope & { topic: K; payload: MailPayloads[K] };
}[T];

/**
 * Records a mail inside the caller's transaction, so it commits or rolls back with the change
 * that causes it, and wakes the workers once it commits.
 */
export async function enqueueMail<T extends MailTopic>(
  tx: Tx,
  mail: MailToSend<T>,
): Promise<string> {
  return writeOutbox(tx, mail);
}

/**
 * A copy of a stored message with its payload as stored (plus who asked): only for resending,
 * as the original payload was checked when it was queued and is checked again when rendered.
 */
export async function enqueueCopy(
  tx: Tx,
  original: Pick<OutboxMessage, 'id' | 'topic' | 'locale' | 'orderId' | 'memberId' | 'payload'>,
  copy: { recipient: string; resentBy: string; now: Date },
): Promise<string> {
  return writeOutbox(tx, {
    topic: original.topic,
    recipient: copy.recipient,
    locale: original.locale,
    orderId: original.orderId,
    memberId: original.memberId,
    payload: { ...original.payload, resentBy: copy.resentBy },
    resendOf: original.id,
    now: copy.now,
  });
}

async function writeOutbox(
  tx: Tx,
  mail: Envelope & { topic: MailTopic; payload: Record<string, unknown> },
): Promise<string> {
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      topic: mail.topic,
      recipient: mail.recipient,
      locale: mail.locale,
      orderId: mail.orderId ?? null,
      memberId: mail.memberId ?? null,
      payload: mail.payload,
      resendOf: mail.resendOf ?? null,
      createdAt: mail.now,
      nextAttemptAt: mail.now,
      updatedAt: mail.now,
    })
    .returning({ id: outboxMessages.id });
  await tx
    .insert(mailEvents)
    .values({ messageId: row!.id, type: 'queued', detail: { recipient: mail.recipient } });
  await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
  return row!.id;
}
