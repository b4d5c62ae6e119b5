import { and, desc, eq, inArray, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { findSuppression } from './suppressions.ts';
import { type MailEvent, type MailState, mailEvents, outboxMessages } from './tables.ts';

/**
 * A message as its customer may see it: what it was about, where it went and what happened to
 * it. Never its subject, payload or source, which for a verification code contain the code.
 */
export interface CustomerMail {
  id: string;
  topic: string;
  recipient: string;
  state: MailState;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
  resendOf: string | null;
  /** The order the message was about, if any. */
  orderId: string | null;
  /** What a verification code was for (e.g. 'order_lookup'); null for other topics. */
  purpose: string | null;
  /** An important notice's subject in both languages; null for other topics. */
  noticeSubject: { en: string; ja: string } | null;
  /** The delivery timeline, oldest first. */
  events: Pick<MailEvent, 'type' | 'detail' | 'at'>[];
}

const isCode = sql`${outboxMessages.topic} = 'verification_code'`;
const isNotice = sql`${outboxMessages.topic} = 'important_notice'`;

async function findCustomerMail(db: Db, where: SQL, limit: number): Promise<CustomerMail[]> {
  const rows = await db
    .select({
      id: outboxMessages.id,
      topic: outboxMessages.topic,
      recipient: outboxMessages.recipient,
      state: outboxMessages.state,
      createdAt: outboxMessages.createdAt,
      sentAt: outboxMessages.sentAt,
      nextAttemptAt: outboxMessages.nextAttemptAt,
      resendOf: outboxMessages.resendOf,
      orderId: outboxMessages.orderId,
      purpose: sql<
        string | null
      >`case when ${isCode} then ${outboxMessages.payload}->>'purpose' end`,
      subjectEn: sql<
        string | null
      >`case when ${isNotice} then ${outboxMessages.payload}->>'subjectEn' end`,
      subjectJa: sql<
        string | null
      >`case when ${isNotice} then ${outboxMessages.payload}->>'subjectJa' end`,
    })
    .from(outboxMessages)
    .where(where)
    // Messages queued in one transaction share a time; the queued event's serial id breaks ties.
    .orderBy(
      desc(outboxMessages.createdAt),
      desc(
        sql`(select min(${mailEvents.id}) from ${mailEvents} where ${mailEvents.messageId} = ${outboxMessages.id})`,
      ),
    )
    .limit(limit);
  if (rows.length === 0) return [];
  const events = await db
    .select({
      messageId: mailEvents.messageId,
      type: mailEvents.type,
      detail: mailEvents.detail,
      at: mailEvents.at,
    })
    .from(mailEvents)
    .where(
      inArray(
        mailEvents.messageId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(mailEvents.id);
  return rows.map(({ subjectEn, subjectJa, ...row }) => ({
    ...row,
    noticeSubject:
      subjectEn !== null || subjectJa !== null
        ? { en: subjectEn ?? '', ja: subjectJa ?? '' }
        : null,
    events: events
      .filter((e) => e.messageId === row.id)
      .map(({ type, detail, at }) => ({ type, detail, at })),
  }));
}

/** Every message about an order, newest first, with its events. */
export function findOrderMail(db: Db, orderId: string, limit = 100): Promise<CustomerMail[]> {
  return findCustomerMail(db, eq(outboxMessages.orderId, orderId), limit);
}

/** The newest messages to a member: linked to them, or sent to their address. */
export function findRecentMail(
  db: Db,
  member: { id: string; email: string },
  limit = 5,
): Promise<CustomerMail[]> {
  return findCustomerMail(
    db,
    or(
      eq(outboxMessages.memberId, member.id),
      sql`lower(${outboxMessages.recipient}) = ${member.email.toLowerCase()}`,
    )!,
    limit,
  );
}

export type AddressProblem =
  | {
      kind: 'suppressed';
      since: Date;
      suppression: { reason: string; detail: string };
    }
  | { kind: 'bouncing'; since: Date; mail: CustomerMail };

/**
 * Whether mail to an address is not getting through: it is on the suppression list, or the most
 * recent message to it (that has an outcome yet) bounced or could not be delivered.
 */
export async function findAddressProblem(db: Db, email: string): Promise<AddressProblem | null> {
  const suppression = await findSuppression(db, email);
  if (suppression)
    return {
      kind: 'suppressed',
      since: suppression.createdAt,
      suppression: { reason: suppression.reason, detail: suppression.detail },
    };
  const [latest] = await findCustomerMail(
    db,
    and(
      sql`lower(${outboxMessages.recipient}) = ${email.toLowerCase()}`,
      notInArray(outboxMessages.state, ['queued', 'sending']),
    )!,
    1,
  );
  if (!latest || (latest.state !== 'bounced' && latest.state !== 'failed')) return null;
  const lastFailure = latest.events.findLast((e) => e.type === 'bounced' || e.type === 'failed');
  const since = (await firstFailureSinceSent(db, email)) ?? lastFailure?.at ?? latest.createdAt;
  return { kind: 'bouncing', since, mail: latest };
}

/** When the current run of failures to an address began: its first failure after the last success. */
async function firstFailureSinceSent(db: Db, email: string): Promise<Date | null> {
  const address = email.toLowerCase();
  const [row] = await db
    .select({ since: sql<Date | string>`min(${mailEvents.at})` })
    .from(mailEvents)
    .innerJoin(outboxMessages, eq(outboxMessages.id, mailEvents.messageId))
    .where(
      and(
        sql`lower(${outboxMessages.recipient}) = ${address}`,
        inArray(mailEvents.type, ['bounced', 'failed']),
        sql`${outboxMessages.createdAt} > coalesce((select max(m.created_at) from outbox_messages m
          where lower(m.recipient) = ${address} and m.state = 'sent'), '-infinity')`,
      ),
    );
  return row?.since ? new Date(row.since) : null;
}
