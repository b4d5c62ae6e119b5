import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { mailEvents, outboxMessages } from './tables.ts';

import type { MailTopic } from './templates/registry.ts';

export { mailTopics } from './templates/registry.ts';
export type { MailTopic };

/** The channel workers LISTEN on; a notification is delivered when the transaction commits. */
export const OUTBOX_CHANNEL = 'tenpo_outbox';

export interface MailToSend {
  topic: MailTopic;
  recipient: string;
  locale: 'en' | 'ja';
  orderId?: string | null;
  memberId?: string | null;
  payload?: Record<string, unknown>;
  resendOf?: string | null;
  /** The business time of the change (the app clock), used as queue time and first due time. */
  now: Date;
}

/**
 * Records a mail inside the caller's transaction, so it commits or rolls back with the change
 * that causes it, and wakes the workers once it commits.
 */
export async function enqueueMail(tx: Tx, mail: MailToSend): Promise<string> {
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      topic: mail.topic,
      recipient: mail.recipient,
      locale: mail.locale,
      orderId: mail.orderId ?? null,
      memberId: mail.memberId ?? null,
      payload: mail.payload ?? {},
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
