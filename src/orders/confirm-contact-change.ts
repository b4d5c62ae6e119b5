import { type CodeCheck, checkCode } from '../accounts/verification-codes.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { changeOrderContactEmail } from './change-contact-email.ts';

export type ConfirmContactChangeResult =
  | { ok: true; email: string }
  | Extract<CodeCheck, { ok: false }>;

/**
 * Checks the code the customer typed and, when it is right, moves the order's mail to the address
 * it was sent to (audit event and a fresh confirmation included).
 */
export async function confirmContactChange(
  deps: { db: Db; clock: Clock },
  input: { orderId: string; code: string },
): Promise<ConfirmContactChangeResult> {
  const check = await checkCode(deps.db, {
    purpose: 'order_email_change',
    subjectId: input.orderId,
    code: input.code,
    now: deps.clock.now(),
  });
  if (!check.ok) return check;
  const changed = await changeOrderContactEmail(deps, {
    orderId: input.orderId,
    newEmail: check.email,
    actor: 'customer',
  });
  // 'same_address': the order already mails there (e.g. a second tab confirmed first).
  if (!changed.ok && changed.reason === 'not_found') return { ok: false, reason: 'no_code' };
  return { ok: true, email: check.email };
}
