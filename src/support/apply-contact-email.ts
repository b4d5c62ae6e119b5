import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { findSuppression } from '../mail/suppressions.ts';
import { changeOrderContactEmailIn } from '../orders/change-contact-email.ts';
import { orders } from '../orders/tables.ts';
import { maskEmail } from './answer-address.ts';
import { lockInquiryById } from './lock-inquiry.ts';
import { writeInquiryReply } from './reply-to-inquiry.ts';
import { type Inquiry, inquiries, inquiryMessages } from './tables.ts';

export type ApplyContactEmailResult =
  | { ok: true; orderNumber: string; newEmail: string; replyMailId: string }
  | {
      ok: false;
      reason:
        | 'not_found'
        /** Not a contact-email inquiry, or it names no new address. */
        | 'not_applicable'
        | 'already_applied'
        | 'order_gone'
        | 'same_address';
    };

/** Whether the inquiry asks for a contact-email change that has not been applied yet. */
export function canApplyContactEmail(
  inquiry: Pick<Inquiry, 'category' | 'newEmail' | 'orderId' | 'appliedAt'>,
): boolean {
  return (
    inquiry.category === 'contact_email' &&
    !!inquiry.newEmail &&
    !!inquiry.orderId &&
    !inquiry.appliedAt
  );
}

/** What the customer is told once the new address is on the order, in the inquiry's language. */
export function appliedReplyText(locale: 'en' | 'ja', orderNumber: string, newEmail: string) {
  return locale === 'ja'
    ? `ご注文 ${orderNumber} の連絡先メールアドレスを ${newEmail} に変更しました。今後、このご注文に関するメールはこのアドレスにお送りします。\n\nご注文確認メールを新しいアドレスに再送しましたので、あわせてご確認ください。`
    : `We have changed the contact email of order ${orderNumber} to ${newEmail}. From now on, every mail about this order goes to this address.\n\nWe have sent the order confirmation again to the new address, so you have it there too.`;
}

/**
 * Applies the new address a contact-email inquiry asks for, in one transaction: the order's
 * contact email changes (order event + confirmation resent to the new address), the inquiry
 * records who applied it and when, an event joins the thread, and the customer gets a reply.
 *
 * The reply goes to the NEW address: that is where the customer asked us to write, and the old
 * one is often the reason they asked (a typo, a dead mailbox). The OLD address (unless the shop
 * no longer mails it) gets a short notice with the new one masked, so an owner who did not ask
 * can object by replying.
 */
export async function applyContactEmail(
  deps: { db: Db; clock: Clock },
  input: { inquiryId: string; actor: string; close: boolean },
): Promise<ApplyContactEmailResult> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    // The row lock makes a double click wait for the first, which then sees applied_at.
    const inquiry = await lockInquiryById(tx, input.inquiryId);
    if (!inquiry) return { ok: false, reason: 'not_found' };
    if (inquiry.appliedAt) return { ok: false, reason: 'already_applied' };
    if (inquiry.category !== 'contact_email' || !inquiry.newEmail)
      return { ok: false, reason: 'not_applicable' };
    // The order reference is cleared when an order is deleted (on delete set null).
    if (!inquiry.orderId) return { ok: false, reason: 'order_gone' };
    // Locked before the change, so the address read here is the one the change replaces.
    const [before] = await tx
      .select({ contactEmail: orders.contactEmail })
      .from(orders)
      .where(eq(orders.id, inquiry.orderId))
      .for('update');
    const changed = await changeOrderContactEmailIn(tx, now, {
      orderId: inquiry.orderId,
      newEmail: inquiry.newEmail,
      actor: input.actor,
    });
    if (!changed.ok)
      return { ok: false, reason: changed.reason === 'not_found' ? 'order_gone' : 'same_address' };
    await tx
      .update(inquiries)
      .set({ appliedAt: now, appliedBy: input.actor, updatedAt: now })
      .where(eq(inquiries.id, inquiry.id));
    const orderNumber = changed.order.number;
    await tx.insert(inquiryMessages).values({
      inquiryId: inquiry.id,
      kind: 'event',
      source: 'admin',
      author: input.actor,
      body: `Applied the new contact email to order ${orderNumber}: now ${inquiry.newEmail}; the order confirmation was queued to it again.`,
      createdAt: now,
    });
    const reply = await writeInquiryReply(tx, inquiry, {
      body: appliedReplyText(inquiry.locale, orderNumber, inquiry.newEmail),
      recipient: inquiry.newEmail,
      actor: input.actor,
      close: input.close,
      now,
    });
    const oldEmail = before!.contactEmail;
    if (!(await findSuppression(tx, oldEmail)))
      await enqueueMail(tx, {
        now,
        topic: 'inquiry_contact_notice',
        recipient: oldEmail,
        locale: changed.order.locale,
        orderId: changed.order.id,
        memberId: changed.order.memberId,
        payload: {
          stage: 'applied',
          inquiryNumber: inquiry.number,
          orderNumber,
          maskedEmail: maskEmail(inquiry.newEmail),
        },
      });
    return { ok: true, orderNumber, newEmail: inquiry.newEmail, replyMailId: reply.mailId };
  });
}
