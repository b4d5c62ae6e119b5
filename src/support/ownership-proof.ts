import type { InquiryDetail } from './find-inquiries.ts';
import { GUEST_LINKED_NOTE } from './submit-inquiry.ts';

/**
 * How the customer showed, when sending the form, that the order is theirs: signed in as the
 * member who owns it ('member'), or only by typing the order's contact email ('contact_email',
 * weak: anyone holding a forwarded confirmation can). Null when the inquiry names no order.
 * Derived from the rows (a guest's typed member ID that got linked leaves a note in the thread).
 */
export function ownershipProof(
  detail: Pick<InquiryDetail, 'inquiry' | 'order' | 'thread'>,
): 'member' | 'contact_email' | null {
  const { inquiry, order, thread } = detail;
  if (!order) return null;
  const guestLinked = thread.some(
    (entry) => entry.kind === 'event' && entry.body.startsWith(GUEST_LINKED_NOTE),
  );
  return inquiry.memberId !== null && order.order.memberId === inquiry.memberId && !guestLinked
    ? 'member'
    : 'contact_email';
}
