import { type CodeCheck, checkCode } from '../accounts/verification-codes.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { findSuppression } from '../mail/suppressions.ts';
import { maskEmail } from '../support/answer-address.ts';
import { changeOrderContactEmailIn } from './change-contact-email.ts';
import type { Order } from './tables.ts';

export type ConfirmContactChangeResult =
  /** `order` is the order after the move (its new link version included); null when unchanged. */
  { ok: true; email: string; order: Order | null } | Extract<CodeCheck, { ok: false }>;

/**
 * Checks the code the customer typed and, when it is right, moves the order's mail to the address
 * it was sent to, in one transaction: audit event, a fresh confirmation to the new address, and a
 * notice to the old one (as the inquiry desk sends), unless the shop no longer mails it.
 */
export async function confirmContactChange(
  deps: { db: Db; clock: Clock },
  input: { orderId: string; code: string },
): Promise<ConfirmContactChangeResult> {
  const now = deps.clock.now();
  const check = await checkCode(deps.db, {
    purpose: 'order_email_change',
    subjectId: input.orderId,
    code: input.code,
    now,
  });
  if (!check.ok) return check;
  return deps.db.transaction(async (tx): Promise<ConfirmContactChangeResult> => {
    const changed = await changeOrderContactEmailIn(tx, now, {
      orderId: input.orderId,
      newEmail: check.email,
      actor: 'customer',
    });
    // 'same_address': the order already mails there (e.g. a second tab confirmed first).
    if (!changed.ok)
      return changed.reason === 'not_found'
        ? { ok: false, reason: 'no_code' }
        : { ok: true, email: check.email, order: null };
    const { order, previousEmail } = changed;
    if (!(await findSuppression(tx, previousEmail)))
      await enqueueMail(tx, {
        now,
        topic: 'order_contact_moved',
        recipient: previousEmail,
        locale: order.locale,
        orderId: order.id,
        memberId: order.memberId,
        payload: { orderNumber: order.number, maskedEmail: maskEmail(check.email) },
      });
    return { ok: true, email: check.email, order };
  });
}
