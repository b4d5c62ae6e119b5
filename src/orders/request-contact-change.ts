import { and, desc, eq, isNull } from 'drizzle-orm';
import {
  CODE_MAX_ATTEMPTS,
  CODE_MINUTES,
  issueCode,
  verificationCodes,
} from '../accounts/verification-codes.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { findSuppression } from '../mail/suppressions.ts';
import type { Order } from './tables.ts';

export type RequestContactChangeResult =
  | { ok: true }
  | { ok: false; reason: 'same_address' | 'suppressed' };

/**
 * Mails a six-digit code to the address a customer wants this order's mail moved to; nothing
 * changes until the code comes back. The code and its mail are written in one transaction.
 */
export async function requestContactChange(
  deps: { db: Db; clock: Clock },
  input: {
    order: Pick<Order, 'id' | 'contactEmail' | 'memberId'>;
    newEmail: string;
    locale: 'en' | 'ja';
  },
): Promise<RequestContactChangeResult> {
  const { order, newEmail } = input;
  if (order.contactEmail.toLowerCase() === newEmail.toLowerCase())
    return { ok: false, reason: 'same_address' };
  // The code would never arrive: say so now rather than leave the customer waiting.
  if (await findSuppression(deps.db, newEmail)) return { ok: false, reason: 'suppressed' };
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const code = await issueCode(tx, {
      purpose: 'order_email_change',
      subjectId: order.id,
      email: newEmail,
      now,
    });
    await enqueueMail(tx, {
      topic: 'verification_code',
      recipient: newEmail,
      locale: input.locale,
      orderId: order.id,
      memberId: order.memberId,
      payload: { code, purpose: 'order_email_change', minutes: CODE_MINUTES },
      now,
    });
  });
  return { ok: true };
}

export interface PendingContactChange {
  email: string;
  expiresAt: Date;
  state: 'live' | 'expired' | 'used_up';
}

/** The newest unconfirmed address change on an order, if one was asked for. */
export async function findPendingContactChange(
  db: Db,
  orderId: string,
  now: Date,
): Promise<PendingContactChange | null> {
  const [row] = await db
    .select()
    .from(verificationCodes)
    .where(
      and(
        eq(verificationCodes.purpose, 'order_email_change'),
        eq(verificationCodes.subjectId, orderId),
        isNull(verificationCodes.usedAt),
      ),
    )
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1);
  if (!row) return null;
  const state =
    row.expiresAt <= now ? 'expired' : row.attempts >= CODE_MAX_ATTEMPTS ? 'used_up' : 'live';
  return { email: row.email, expiresAt: row.expiresAt, state };
}
