import { eq, sql } from 'drizzle-orm';
import { members } from '../accounts/tables.ts';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { findSuppression } from '../mail/suppressions.ts';
import { orders } from '../orders/tables.ts';
import { type Locale, translator } from '../web/i18n.ts';
import { answerAddress, maskEmail } from './answer-address.ts';
import type { Photo } from './inputs.ts';
import { nextInquiryNumber } from './next-inquiry-number.ts';
import { type InquiryCategory, inquiries, inquiryMessages, inquiryPhotos } from './tables.ts';

export interface NewInquiry {
  category: InquiryCategory;
  name: string;
  /** The customer's address, already through the address policy. */
  email: string;
  locale: Locale;
  message: string;
  /** The signed-in member: the inquiry is theirs, and so is every order of theirs. */
  signedInMemberId: string | null;
  /** A member ID a guest typed; it links the inquiry only when that member uses `email`. */
  memberCode: string | null;
  orderNumber: string | null;
  /** The new contact address a contact-email inquiry asks for (ignored for other categories). */
  newEmail: string | null;
  guideSlug: string | null;
  photos: Photo[];
}

export type SubmitInquiryResult =
  | { ok: true; id: string; number: string }
  /** The order number is unknown or not this customer's; both look the same to them. */
  | { ok: false; reason: 'order_not_found' | 'new_email_same' };

/** How a thread's note begins when a guest's typed member ID linked the inquiry to a member. */
export const GUEST_LINKED_NOTE = 'Member ID typed by a guest who was not signed in';

/**
 * The order the inquiry is about, if the number belongs to this email address or to the
 * signed-in member.
 */
async function findOwnOrder(tx: Tx, input: NewInquiry) {
  if (!input.orderNumber) return null;
  const [order] = await tx
    .select({
      id: orders.id,
      number: orders.number,
      memberId: orders.memberId,
      contactEmail: orders.contactEmail,
      locale: orders.locale,
    })
    .from(orders)
    .where(eq(orders.number, input.orderNumber))
    .limit(1);
  if (!order) return null;
  const mine =
    (input.signedInMemberId !== null && order.memberId === input.signedInMemberId) ||
    order.contactEmail.toLowerCase() === input.email.toLowerCase();
  return mine ? order : null;
}

/**
 * The member a guest's typed member ID links to (only one who uses the same email address), and
 * a line for staff either way; the guest learns nothing.
 */
async function guestMember(tx: Tx, memberCode: string, email: string) {
  const [member] = await tx
    .select({ id: members.id, email: members.email })
    .from(members)
    .where(sql`lower(${members.memberCode}) = ${memberCode.toLowerCase()}`)
    .limit(1);
  const linked = member !== undefined && member.email.toLowerCase() === email.toLowerCase();
  return {
    memberId: linked ? member.id : null,
    note: linked
      ? `${GUEST_LINKED_NOTE} (${memberCode}); linked, because that member uses this email address. This does not show the guest is signed in.`
      : `Member ID typed on the form: ${memberCode} (not linked: no member with this ID uses this email address).`,
  };
}

/**
 * Records a customer's inquiry in one transaction: checks that the order named is theirs, links a
 * member, takes a number, and writes the inquiry, the first message of its thread, its photos and
 * the receipt mail. A request to move an order's mails also tells the order's current address.
 */
export async function submitInquiry(
  deps: { db: Db; clock: Clock },
  input: NewInquiry,
): Promise<SubmitInquiryResult> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx): Promise<SubmitInquiryResult> => {
    const order = await findOwnOrder(tx, input);
    if (input.orderNumber && !order) return { ok: false, reason: 'order_not_found' };
    const newEmail = input.category === 'contact_email' ? input.newEmail : null;
    if (order && newEmail && newEmail.toLowerCase() === order.contactEmail.toLowerCase())
      return { ok: false, reason: 'new_email_same' };
    const guest =
      !input.signedInMemberId && input.memberCode
        ? await guestMember(tx, input.memberCode, input.email)
        : null;
    const memberId = input.signedInMemberId ?? guest?.memberId ?? null;
    const orderId = order?.id ?? null;

    const number = await nextInquiryNumber(tx, now);
    const [inquiry] = await tx
      .insert(inquiries)
      .values({
        number,
        category: input.category,
        name: input.name,
        email: input.email,
        locale: input.locale,
        memberId,
        orderId,
        newEmail,
        guideSlug: input.guideSlug,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: inquiries.id });
    const inquiryId = inquiry!.id;
    await tx.insert(inquiryMessages).values({
      inquiryId,
      kind: 'customer',
      source: 'form',
      author: input.email,
      body: input.message,
      createdAt: now,
    });
    if (guest)
      await tx.insert(inquiryMessages).values({
        inquiryId,
        kind: 'event',
        source: 'form',
        author: input.email,
        body: guest.note,
        // After the customer's message, so the thread reads in order.
        createdAt: new Date(now.getTime() + 1),
      });
    if (input.photos.length > 0)
      await tx.insert(inquiryPhotos).values(
        input.photos.map((photo) => ({
          inquiryId,
          contentType: photo.contentType,
          sizeBytes: photo.data.length,
          data: photo.data,
          createdAt: now,
        })),
      );
    await enqueueMail(tx, {
      now,
      topic: 'inquiry_receipt',
      recipient: await answerAddress(tx, {
        category: input.category,
        email: input.email,
        newEmail,
      }),
      locale: input.locale,
      orderId,
      memberId,
      // Number and topic only: the customer's text never goes to an address nobody verified.
      payload: {
        inquiryNumber: number,
        category: translator(input.locale)(`inquiry.category.${input.category}`),
      },
    });
    if (order && newEmail && !(await findSuppression(tx, order.contactEmail)))
      await enqueueMail(tx, {
        now,
        topic: 'inquiry_contact_notice',
        recipient: order.contactEmail,
        locale: order.locale,
        orderId: order.id,
        memberId: order.memberId,
        payload: {
          stage: 'requested',
          inquiryNumber: number,
          orderNumber: order.number,
          maskedEmail: maskEmail(newEmail),
        },
      });
    return { ok: true, id: inquiryId, number };
  });
}
