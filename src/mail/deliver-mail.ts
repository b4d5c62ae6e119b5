import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { classifyStatus } from './bounces/parse-bounce.ts';
import { verpAddress } from './identity.ts';
import { recordDeliveryReport } from './record-delivery-report.ts';
import { type RenderDeps, renderMail } from './render-mail.ts';
import type { MailTransport } from './smtp-transport.ts';
import { findSuppression } from './suppressions.ts';
import { type MailState, mailEvents, type OutboxMessage, outboxMessages } from './tables.ts';

export interface MailerDeps extends RenderDeps {
  clock: Clock;
  log: Logger;
  transport: MailTransport;
  retryHours: number;
  softBounceLimit: number;
}

/**
 * How long a claim lasts. Longer than any single SMTP attempt can take (see smtp-transport.ts),
 * so a message is only claimed again when its worker died.
 */
export const CLAIM_LEASE_SECONDS = 300;

/** Claims up to `limit` due messages for this worker; other workers skip the locked rows. */
export async function claimDueMail(db: Db, now: Date, limit: number): Promise<OutboxMessage[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      update outbox_messages set state = 'sending', attempts = attempts + 1,
        locked_until = ${new Date(now.getTime() + CLAIM_LEASE_SECONDS * 1000).toISOString()}, updated_at = ${now.toISOString()}
      where id in (
        select id from outbox_messages
        where next_attempt_at <= ${now.toISOString()}
          and (state in ('queued', 'deferred') or (state = 'sending' and locked_until < ${now.toISOString()}))
        -- Transactional mail first: a newsletter backlog must never hold up an order mail.
        order by stream = 'broadcast', next_attempt_at
        limit ${limit}
        for update skip locked)
      returning id`),
  );
  if (rows.length === 0) return [];
  return db
    .select()
    .from(outboxMessages)
    .where(
      inArray(
        outboxMessages.id,
        rows.map((r) => r.id),
      ),
    );
}

/** Retry delay after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour, ±20 % jitter. */
export function retryDelayMs(attempt: number, random = Math.random): number {
  const base = Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Rows this worker still holds: its claim (state 'sending' with this lease) has not been taken over. */
function stillClaimed(message: OutboxMessage) {
  return and(
    eq(outboxMessages.id, message.id),
    eq(outboxMessages.state, 'sending'),
    eq(outboxMessages.lockedUntil, message.lockedUntil!),
  );
}

/**
 * Records the outcome of an attempt, but only while this worker still holds the claim; a worker
 * whose lease ran out records nothing (the one that took over will).
 */
async function finish(
  deps: MailerDeps,
  message: OutboxMessage,
  state: MailState,
  changes: Partial<typeof outboxMessages.$inferInsert>,
  event: { type: (typeof mailEvents.$inferInsert)['type']; detail: Record<string, unknown> },
): Promise<MailState | 'claim_lost'> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(outboxMessages)
      .set({ state, lockedUntil: null, updatedAt: now, ...changes })
      .where(stillClaimed(message))
      .returning({ id: outboxMessages.id });
    if (updated.length === 0) {
      deps.log.warn({ messageId: message.id, state }, 'claim lost before the outcome was recorded');
      return 'claim_lost' as const;
    }
    await tx.insert(mailEvents).values({ messageId: message.id, at: now, ...event });
    return state;
  });
}

/** Extends this worker's lease right before talking to the server; false when the claim was lost. */
async function renewClaim(deps: MailerDeps, message: OutboxMessage): Promise<boolean> {
  const lease = new Date(deps.clock.now().getTime() + CLAIM_LEASE_SECONDS * 1000);
  const renewed = await deps.db
    .update(outboxMessages)
    .set({ lockedUntil: lease })
    .where(stillClaimed(message))
    .returning({ id: outboxMessages.id });
  if (renewed.length === 0) return false;
  message.lockedUntil = lease;
  return true;
}

/** The longest one SMTP attempt may take; well inside the lease, so a slow server can't cause a double send. */
export const SEND_DEADLINE_MS = 120_000;

function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Sends one claimed message and records the outcome. At-least-once: if the process dies after
 * the server accepted the message and before this records it, the claim expires and the same
 * bytes (same Message-ID) are sent again.
 */
export async function deliverMessage(
  deps: MailerDeps,
  message: OutboxMessage,
): Promise<MailState | 'claim_lost'> {
  const suppression = await findSuppression(deps.db, message.recipient);
  if (suppression) {
    return finish(
      deps,
      message,
      'suppressed',
      {},
      {
        type: 'suppressed',
        detail: { reason: suppression.reason, since: suppression.createdAt.toISOString() },
      },
    );
  }
  let raw = message.rawSource;
  if (!raw) {
    try {
      const rendered = await renderMail(deps, message);
      raw = rendered.raw;
      await deps.db
        .update(outboxMessages)
        .set({ rawSource: raw, subject: rendered.subject })
        .where(eq(outboxMessages.id, message.id));
    } catch (error) {
      deps.log.error({ err: error, messageId: message.id }, 'mail could not be rendered');
      return finish(
        deps,
        message,
        'failed',
        { lastError: String(error) },
        {
          type: 'failed',
          detail: { reason: 'render_failed', error: String((error as Error).message ?? error) },
        },
      );
    }
  }
  if (!(await renewClaim(deps, message))) return 'claim_lost';
  const outcome = await withDeadline(
    deps.transport.send({
      envelopeFrom: verpAddress(deps.identity, message.id),
      to: message.recipient,
      raw,
    }),
    SEND_DEADLINE_MS,
    () => ({
      kind: 'temporary' as const,
      code: null,
      response: `no answer within ${SEND_DEADLINE_MS / 1000} s`,
    }),
  );
  const now = deps.clock.now();
  if (outcome.kind === 'accepted') {
    return finish(
      deps,
      message,
      'sent',
      { sentAt: now, smtpResponse: outcome.response, smtpHost: outcome.host, lastError: null },
      {
        type: 'sent',
        detail: { response: outcome.response, host: outcome.host, attempt: message.attempts },
      },
    );
  }
  if (outcome.kind === 'permanent') {
    const status =
      outcome.response.match(/\b([245]\.\d{1,3}\.\d{1,3})\b/)?.[1] ??
      `${String(outcome.code)[0]}.0.0`;
    const released = await deps.db
      .update(outboxMessages)
      .set({ lockedUntil: null, lastError: outcome.response })
      .where(stillClaimed(message))
      .returning({ id: outboxMessages.id });
    if (released.length === 0) return 'claim_lost';
    await recordDeliveryReport(
      { db: deps.db, softBounceLimit: deps.softBounceLimit, now },
      {
        kind: 'bounce',
        messageId: message.id,
        status,
        bounceClass: classifyStatus(status, outcome.response),
        diagnostic: `${outcome.code} ${outcome.response}`,
        source: 'smtp',
      },
    );
    return 'bounced';
  }
  const delay = retryDelayMs(message.attempts);
  const giveUpAt = message.createdAt.getTime() + deps.retryHours * 3600 * 1000;
  if (now.getTime() + delay > giveUpAt) {
    return finish(
      deps,
      message,
      'failed',
      { lastError: outcome.response },
      {
        type: 'failed',
        detail: {
          reason: 'retries_exhausted',
          code: outcome.code,
          response: outcome.response,
          attempts: message.attempts,
        },
      },
    );
  }
  const nextAttemptAt = new Date(now.getTime() + delay);
  return finish(
    deps,
    message,
    'deferred',
    { nextAttemptAt, lastError: outcome.response },
    {
      type: 'deferred',
      detail: {
        code: outcome.code,
        response: outcome.response,
        attempt: message.attempts,
        nextAttemptAt: nextAttemptAt.toISOString(),
      },
    },
  );
}

/** Claims and sends due mail until none is left or `maxBatches` batches were sent. */
export async function deliverDueMail(
  deps: MailerDeps,
  batchSize = 20,
  maxBatches = 50,
): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const claimed = await claimDueMail(deps.db, deps.clock.now(), batchSize);
    if (claimed.length === 0) break;
    await Promise.all(claimed.map((m) => deliverMessage(deps, m)));
    total += claimed.length;
  }
  return total;
}
