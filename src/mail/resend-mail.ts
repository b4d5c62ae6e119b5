import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueCopy } from './enqueue-mail.ts';
import { isSecretTopic } from './mail-secrets.ts';
import { outboxMessages } from './tables.ts';

export type ResendResult =
  | { ok: true; messageId: string }
  | { ok: false; reason: 'not_found' | 'secret_elsewhere' };

/**
 * Queues a new copy of a message, linked to the original. The copy goes to `recipient` if given
 * (e.g. the order's new contact email), else to the original recipient; its content is rendered
 * afresh, so it reflects the order as it is now. A one-time code or link goes only to the address it
 * was made for: sent elsewhere it would hand over the account (docs/decisions/0014).
 */
export async function resendMail(
  deps: { db: Db; clock: Clock },
  input: { messageId: string; recipient?: string; actor: string },
): Promise<ResendResult> {
  return deps.db.transaction(async (tx) => {
    const [original] = await tx
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, input.messageId));
    if (!original) return { ok: false, reason: 'not_found' };
    const recipient = input.recipient ?? original.recipient;
    if (
      isSecretTopic(original.topic) &&
      recipient.toLowerCase() !== original.recipient.toLowerCase()
    )
      return { ok: false, reason: 'secret_elsewhere' };
    const messageId = await enqueueCopy(tx, original, {
      recipient,
      resentBy: input.actor,
      now: deps.clock.now(),
    });
    return { ok: true, messageId };
  });
}
