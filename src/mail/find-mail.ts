import { and, asc, desc, eq, gte, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { orders } from '../orders/tables.ts';
import type { MailTopic } from './payloads.ts';
import {
  type CaughtMail,
  caughtMails,
  type MailEvent,
  type MailState,
  mailEvents,
  type OutboxMessage,
  outboxMessages,
} from './tables.ts';

/** `%text%` for LIKE, with the pattern characters in `text` taken literally. */
function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** Ids arrive in URLs; anything that is not a UUID cannot name a row (and would make SQL fail). */
export function isMessageId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

export interface MailSearch {
  /** Part of the recipient address, any case. */
  recipient?: string | undefined;
  orderNumber?: string | undefined;
  topic?: MailTopic | undefined;
  state?: MailState | undefined;
  from?: Date | undefined;
  /** Exclusive upper bound. */
  to?: Date | undefined;
  limit?: number;
  offset?: number;
}

/** `orderAccessEpoch` tells which guest-link keys the mail may carry (mail-secrets.ts). */
export type MailLogRow = OutboxMessage & {
  orderNumber: string | null;
  orderAccessEpoch: number | null;
};

const withOrderNumber = {
  message: outboxMessages,
  orderNumber: orders.number,
  orderAccessEpoch: orders.accessEpoch,
};

/** The delivery log for staff: newest first, filtered. */
export async function searchMail(db: Db, search: MailSearch): Promise<MailLogRow[]> {
  const where: SQL[] = [];
  if (search.recipient) where.push(ilike(outboxMessages.recipient, contains(search.recipient)));
  if (search.orderNumber) where.push(eq(orders.number, search.orderNumber.toUpperCase()));
  if (search.topic) where.push(eq(outboxMessages.topic, search.topic));
  if (search.state) where.push(eq(outboxMessages.state, search.state));
  if (search.from) where.push(gte(outboxMessages.createdAt, search.from));
  if (search.to) where.push(lt(outboxMessages.createdAt, search.to));
  const rows = await db
    .select(withOrderNumber)
    .from(outboxMessages)
    .leftJoin(orders, eq(orders.id, outboxMessages.orderId))
    .where(where.length ? and(...where) : sql`true`)
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(search.limit ?? 50)
    .offset(search.offset ?? 0);
  return rows.map((r) => ({
    ...r.message,
    orderNumber: r.orderNumber,
    orderAccessEpoch: r.orderAccessEpoch,
  }));
}

export interface MailDetail {
  message: MailLogRow;
  events: MailEvent[];
  /** The message this one is a resend of. */
  original: OutboxMessage | null;
  resends: OutboxMessage[];
  /** What the embedded catcher received for this message (more than one after a retry). */
  caught: Pick<CaughtMail, 'id' | 'receivedAt'>[];
}

/** One message with its timeline, its resend links and its copies in the development mailbox. */
export async function loadMailDetail(db: Db, id: string): Promise<MailDetail | null> {
  if (!isMessageId(id)) return null;
  const [row] = await db
    .select(withOrderNumber)
    .from(outboxMessages)
    .leftJoin(orders, eq(orders.id, outboxMessages.orderId))
    .where(eq(outboxMessages.id, id));
  if (!row) return null;
  const message = {
    ...row.message,
    orderNumber: row.orderNumber,
    orderAccessEpoch: row.orderAccessEpoch,
  };
  const [events, original, resends, caught] = await Promise.all([
    db.select().from(mailEvents).where(eq(mailEvents.messageId, id)).orderBy(asc(mailEvents.id)),
    message.resendOf
      ? db.select().from(outboxMessages).where(eq(outboxMessages.id, message.resendOf))
      : Promise.resolve([]),
    db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.resendOf, id))
      .orderBy(asc(outboxMessages.createdAt)),
    db
      .select({ id: caughtMails.id, receivedAt: caughtMails.receivedAt })
      .from(caughtMails)
      // The Message-ID is `<message id@mail domain>` (see identity.ts).
      .where(ilike(caughtMails.messageId, `<${id}@%`))
      .orderBy(asc(caughtMails.receivedAt)),
  ]);
  return { message, events, original: original[0] ?? null, resends, caught };
}

export type OrderMail = OutboxMessage & { lastEvent: MailEvent | null };

/** Every message about an order, oldest first, each with its latest event. */
export async function listOrderMail(db: Db, orderId: string): Promise<OrderMail[]> {
  const messages = await db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.orderId, orderId))
    .orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id));
  if (messages.length === 0) return [];
  const events = await db
    .select()
    .from(mailEvents)
    .where(
      inArray(
        mailEvents.messageId,
        messages.map((m) => m.id),
      ),
    )
    .orderBy(asc(mailEvents.id));
  const last = new Map<string, MailEvent>();
  for (const event of events) last.set(event.messageId, event);
  return messages.map((m) => ({ ...m, lastEvent: last.get(m.id) ?? null }));
}

/** The development mailbox, newest first; `q` matches part of a recipient or the subject. */
export function listCaughtMail(
  db: Db,
  search: { q?: string | undefined; limit?: number; offset?: number },
) {
  const where = search.q
    ? or(
        ilike(caughtMails.subject, contains(search.q)),
        ilike(caughtMails.headerTo, contains(search.q)),
        sql`array_to_string(${caughtMails.envelopeTo}, ' ') ilike ${contains(search.q)}`,
      )!
    : sql`true`;
  return db
    .select({
      id: caughtMails.id,
      envelopeFrom: caughtMails.envelopeFrom,
      envelopeTo: caughtMails.envelopeTo,
      subject: caughtMails.subject,
      headerFrom: caughtMails.headerFrom,
      headerTo: caughtMails.headerTo,
      messageId: caughtMails.messageId,
      receivedAt: caughtMails.receivedAt,
    })
    .from(caughtMails)
    .where(where)
    .orderBy(desc(caughtMails.receivedAt), desc(caughtMails.id))
    .limit(search.limit ?? 50)
    .offset(search.offset ?? 0);
}

export async function findCaughtMail(db: Db, id: string): Promise<CaughtMail | null> {
  if (!isMessageId(id)) return null;
  const [row] = await db.select().from(caughtMails).where(eq(caughtMails.id, id));
  return row ?? null;
}

/** The outbox message a caught mail was sent for, from its X-Tenpo-Message-Id or Message-ID. */
export function outboxIdOf(mail: Pick<CaughtMail, 'messageId' | 'raw'>): string | null {
  const headers = mail.raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const header = /^X-Tenpo-Message-Id:\s*([0-9a-f-]{36})\s*$/im.exec(headers)?.[1];
  const fromMessageId = /^<([0-9a-f-]{36})@/i.exec(mail.messageId ?? '')?.[1];
  const id = header ?? fromMessageId ?? null;
  return id && isMessageId(id) ? id : null;
}
