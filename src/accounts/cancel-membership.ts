import { and, asc, count, eq, notInArray } from 'drizzle-orm';
import { carts } from '../cart/tables.ts';
import type { Db, Tx } from '../db/client.ts';
import { guideFeedback } from '../guide/tables.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { orders } from '../orders/tables.ts';
import { inquiries } from '../support/tables.ts';
import { accountEvents, recordAccountEvent } from './account-events.ts';
import { memberAddresses } from './address-book-tables.ts';
import { verifyPassword } from './passwords.ts';
import { members, sessions } from './tables.ts';
import { verificationCodes } from './verification-codes.ts';

/** Orders in these states are finished; any other state keeps the membership open. */
const FINISHED_STATES = ['delivered', 'cancelled'] as const;

/** Not a scrypt hash, so no password ever matches it. */
export const UNUSABLE_PASSWORD_HASH = 'cancelled';

export type CancelMembershipResult =
  | { ok: true; memberCode: string }
  | { ok: false; reason: 'wrong_password' | 'not_found' }
  | { ok: false; reason: 'open_orders'; orderNumbers: string[] };

/** The numbers of a member's orders that are not delivered or cancelled yet, oldest first. */
export async function findOpenOrderNumbers(db: Db | Tx, memberId: string): Promise<string[]> {
  const rows = await db
    .select({ number: orders.number })
    .from(orders)
    .where(and(eq(orders.memberId, memberId), notInArray(orders.state, [...FINISHED_STATES])))
    .orderBy(asc(orders.createdAt), asc(orders.number));
  return rows.map((r) => r.number);
}

/**
 * Ends a membership, confirmed with the password, unless an order is still open. In one
 * transaction: the farewell mail is queued to the address while it is still known, the address
 * book, cart, sessions and pending codes go, earlier account events lose their client address
 * and details, and the member row keeps only what links past orders to it; the member ID and
 * email become free to register again. Orders keep their own copy of the contact email and
 * shipping address, as the law requires for order records.
 */
export async function cancelMembership(
  deps: { db: Db; clock: Clock },
  input: { memberId: string; password: string; clientAddress?: string | null },
): Promise<CancelMembershipResult> {
  const [found] = await deps.db.select().from(members).where(eq(members.id, input.memberId));
  if (!found) return { ok: false, reason: 'not_found' };
  if (!(await verifyPassword(input.password, found.passwordHash)))
    return { ok: false, reason: 'wrong_password' };
  const now = deps.clock.now();
  return deps.db.transaction(async (tx): Promise<CancelMembershipResult> => {
    // Locked, and read again: a concurrent change (or cancellation) cannot slip in between.
    const [member] = await tx
      .select()
      .from(members)
      .where(eq(members.id, input.memberId))
      .for('update');
    if (!member || member.passwordHash !== found.passwordHash)
      return { ok: false, reason: 'not_found' };
    const open = await findOpenOrderNumbers(tx, member.id);
    if (open.length > 0) return { ok: false, reason: 'open_orders', orderNumbers: open };

    await enqueueMail(tx, {
      topic: 'membership_cancelled',
      recipient: member.email,
      locale: member.locale,
      memberId: member.id,
      payload: { memberCode: member.memberCode, name: member.name, at: now.toISOString() },
      now,
    });
    await tx.delete(memberAddresses).where(eq(memberAddresses.memberId, member.id));
    await tx.delete(carts).where(eq(carts.memberId, member.id));
    await tx.delete(sessions).where(eq(sessions.memberId, member.id));
    await tx.delete(verificationCodes).where(eq(verificationCodes.subjectId, member.id));
    // Earlier events may name old addresses (an email change) or where the member signed in from.
    await tx
      .update(accountEvents)
      .set({ detail: {}, clientAddress: null })
      .where(eq(accountEvents.memberId, member.id));
    // Inquiries stay as the record of what we answered, and guide answers as counts; neither
    // points at the account any more.
    await tx.update(inquiries).set({ memberId: null }).where(eq(inquiries.memberId, member.id));
    await tx
      .update(guideFeedback)
      .set({ memberId: null })
      .where(eq(guideFeedback.memberId, member.id));
    // A code longer than the 20 characters registration allows, so nobody can take it first.
    const shortId = member.id.replaceAll('-', '').slice(0, 12);
    await tx
      .update(members)
      .set({
        email: `cancelled-${member.id}@invalid`,
        memberCode: `cancelled-${shortId}`,
        name: '',
        passwordHash: UNUSABLE_PASSWORD_HASH,
        newsletterOptIn: false,
        emailVerifiedAt: null,
        cancelledAt: now,
        updatedAt: now,
      })
      .where(eq(members.id, member.id));
    await recordAccountEvent(tx, {
      memberId: member.id,
      type: 'membership_cancelled',
      detail: { keptOrders: await countOrders(tx, member.id) },
      clientAddress: input.clientAddress ?? null,
      now,
    });
    return { ok: true, memberCode: member.memberCode };
  });
}

async function countOrders(tx: Tx, memberId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(orders).where(eq(orders.memberId, memberId));
  return row?.n ?? 0;
}
