import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { members } from '../accounts/tables.ts';
import type { Db } from '../db/client.ts';
import { isMessageId, type MailLogRow, searchMail } from '../mail/find-mail.ts';
import { outboxMessages } from '../mail/tables.ts';
import { findOrderById, type OrderDetail } from '../orders/find-orders.ts';
import { orders } from '../orders/tables.ts';
import { may } from '../staff/permissions.ts';
import { staff, staffRoles } from '../staff/tables.ts';
import { isInquiryNumber } from './next-inquiry-number.ts';
import {
  type Inquiry,
  type InquiryCategory,
  type InquiryMessage,
  type InquiryPhoto,
  type InquiryState,
  inquiries,
  inquiryMessages,
  inquiryPhotos,
} from './tables.ts';

export interface InquirySearch {
  category?: InquiryCategory | undefined;
  state?: InquiryState | undefined;
  /** 'unassigned', or a staff id (the route turns "mine" into the signed-in staff member's id). */
  assignee?: string | undefined;
  limit?: number;
  offset?: number;
}

export type InquiryRow = Pick<
  Inquiry,
  'id' | 'number' | 'category' | 'state' | 'name' | 'email' | 'createdAt'
> & {
  orderNumber: string | null;
  memberCode: string | null;
  assigneeEmail: string | null;
  assigneeName: string | null;
  lastActivityAt: Date;
};

/** The inbox for staff: newest first, filtered by category, state and assignee. */
export async function searchInquiries(db: Db, search: InquirySearch): Promise<InquiryRow[]> {
  const where: SQL[] = [];
  if (search.category) where.push(eq(inquiries.category, search.category));
  if (search.state) where.push(eq(inquiries.state, search.state));
  if (search.assignee === 'unassigned') where.push(isNull(inquiries.assigneeId));
  else if (search.assignee) where.push(eq(inquiries.assigneeId, search.assignee));
  const lastMessage = sql<
    Date | string | null
  >`(select max(${inquiryMessages.createdAt}) from ${inquiryMessages} where ${inquiryMessages.inquiryId} = ${inquiries.id})`;
  const rows = await db
    .select({
      id: inquiries.id,
      number: inquiries.number,
      category: inquiries.category,
      state: inquiries.state,
      name: inquiries.name,
      email: inquiries.email,
      createdAt: inquiries.createdAt,
      updatedAt: inquiries.updatedAt,
      orderNumber: orders.number,
      memberCode: members.memberCode,
      assigneeEmail: staff.email,
      assigneeName: staff.name,
      lastMessageAt: lastMessage,
    })
    .from(inquiries)
    .leftJoin(orders, eq(orders.id, inquiries.orderId))
    .leftJoin(members, eq(members.id, inquiries.memberId))
    .leftJoin(staff, eq(staff.id, inquiries.assigneeId))
    .where(where.length ? and(...where) : sql`true`)
    .orderBy(desc(inquiries.createdAt), desc(inquiries.id))
    .limit(search.limit ?? 50)
    .offset(search.offset ?? 0);
  return rows.map(({ lastMessageAt, updatedAt, ...row }) => {
    // A raw subquery comes back as text from node-postgres and as a Date from PGlite.
    const last = lastMessageAt ? new Date(lastMessageAt) : null;
    return { ...row, lastActivityAt: last && last > updatedAt ? last : updatedAt };
  });
}

export type ThreadEntry = InquiryMessage & {
  mail: Pick<MailLogRow, 'id' | 'state' | 'recipient' | 'sentAt'> | null;
};

export interface InquiryDetail {
  inquiry: Inquiry;
  /** Oldest first, each staff reply with the state of the mail that carried it. */
  thread: ThreadEntry[];
  photos: Pick<InquiryPhoto, 'id' | 'contentType' | 'sizeBytes' | 'createdAt'>[];
  order: OrderDetail | null;
  /** The member the inquiry is linked to (signed in, or a guest's typed ID with their email). */
  member: InquiryMember | null;
  assignee: { id: string; email: string; name: string } | null;
}

export interface InquiryMember {
  id: string;
  memberCode: string;
  email: string;
  name: string;
}

/** One inquiry with its thread, photo list, order, member and assignee; null for an unknown number. */
export async function loadInquiry(db: Db, number: string): Promise<InquiryDetail | null> {
  if (!isInquiryNumber(number)) return null;
  const [inquiry] = await db.select().from(inquiries).where(eq(inquiries.number, number));
  if (!inquiry) return null;
  const [thread, photos, order, member, assignee] = await Promise.all([
    db
      .select({
        message: inquiryMessages,
        mailId: outboxMessages.id,
        mailState: outboxMessages.state,
        mailRecipient: outboxMessages.recipient,
        mailSentAt: outboxMessages.sentAt,
      })
      .from(inquiryMessages)
      .leftJoin(outboxMessages, eq(outboxMessages.id, inquiryMessages.outboxMessageId))
      .where(eq(inquiryMessages.inquiryId, inquiry.id))
      // Within one instant (one transaction), the reply comes before the state change it caused.
      .orderBy(
        asc(inquiryMessages.createdAt),
        asc(sql`case when ${inquiryMessages.kind} = 'event' then 1 else 0 end`),
        asc(inquiryMessages.id),
      ),
    db
      .select({
        id: inquiryPhotos.id,
        contentType: inquiryPhotos.contentType,
        sizeBytes: inquiryPhotos.sizeBytes,
        createdAt: inquiryPhotos.createdAt,
      })
      .from(inquiryPhotos)
      .where(eq(inquiryPhotos.inquiryId, inquiry.id))
      .orderBy(asc(inquiryPhotos.createdAt), asc(inquiryPhotos.id)),
    inquiry.orderId ? findOrderById(db, inquiry.orderId) : Promise.resolve(null),
    inquiry.memberId
      ? db
          .select({
            id: members.id,
            memberCode: members.memberCode,
            email: members.email,
            name: members.name,
          })
          .from(members)
          .where(eq(members.id, inquiry.memberId))
      : Promise.resolve([]),
    inquiry.assigneeId
      ? db
          .select({ id: staff.id, email: staff.email, name: staff.name })
          .from(staff)
          .where(eq(staff.id, inquiry.assigneeId))
      : Promise.resolve([]),
  ]);
  return {
    inquiry,
    thread: thread.map((r) => ({
      ...r.message,
      mail:
        r.mailId && r.mailState && r.mailRecipient
          ? { id: r.mailId, state: r.mailState, recipient: r.mailRecipient, sentAt: r.mailSentAt }
          : null,
    })),
    photos,
    order,
    member: member[0] ?? null,
    assignee: assignee[0] ?? null,
  };
}

/** A photo of an inquiry; a photo of another inquiry is simply not found. */
export async function findInquiryPhoto(
  db: Db,
  inquiryId: string,
  photoId: string,
): Promise<InquiryPhoto | null> {
  if (!isMessageId(photoId)) return null;
  const [photo] = await db
    .select()
    .from(inquiryPhotos)
    .where(and(eq(inquiryPhotos.inquiryId, inquiryId), eq(inquiryPhotos.id, photoId)));
  return photo ?? null;
}

/**
 * The customer's mail log beside an inquiry: every message to the inquiry's address or to the
 * order's contact address (exactly, any case), newest first.
 */
export async function customerMailLog(
  db: Db,
  addresses: readonly string[],
  limit = 30,
): Promise<MailLogRow[]> {
  const wanted = [...new Set(addresses.map((a) => a.toLowerCase()))];
  const found = await Promise.all(
    wanted.map((address) => searchMail(db, { recipient: address, limit: limit * 2 })),
  );
  const byId = new Map<string, MailLogRow>();
  for (const row of found.flat())
    if (wanted.includes(row.recipient.toLowerCase())) byId.set(row.id, row);
  return [...byId.values()]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
    .slice(0, limit);
}

/** Staff who may answer inquiries, for the "assign to" list. */
export function listInquiryStaff(db: Db) {
  return db
    .select({ id: staff.id, email: staff.email, name: staff.name })
    .from(staff)
    .where(
      inArray(
        staff.role,
        staffRoles.filter((role) => may(role, 'answer_inquiries')),
      ),
    )
    .orderBy(asc(staff.name), asc(staff.email));
}
