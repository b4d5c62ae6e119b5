import { and, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { typedAddress } from '../email-policy/address-input.ts';
import type { Clock } from '../lib/clock.ts';
import { recordAccountEvent } from './account-events.ts';
import { normaliseEmail } from './email-address.ts';
import type { RegisterInput } from './inputs.ts';
import { hashPassword } from './passwords.ts';
import { sendRegistrationCode } from './send-registration-code.ts';
import { type Member, members } from './tables.ts';

export type RegisterResult = { ok: true; member: Member } | { ok: false; reason: 'taken' };

/** How long an unconfirmed registration holds its member ID and email against newcomers. */
export const UNVERIFIED_HOLD_HOURS = 24;

/**
 * Creates an unverified member and mails the code that confirms the address, in one transaction;
 * a member ID or email already in use (case-insensitively) is refused.
 */
export async function registerMember(
  deps: { db: Db; clock: Clock },
  input: RegisterInput,
  context: { clientAddress?: string | null } = {},
): Promise<RegisterResult> {
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx): Promise<RegisterResult> => {
    await releaseAbandonedRegistrations(tx, input, now);
    const member = await createMember(tx, input, { passwordHash, now, verifiedAt: null });
    if (!member) return { ok: false, reason: 'taken' };
    await recordAccountEvent(tx, {
      memberId: member.id,
      type: 'registered',
      clientAddress: context.clientAddress ?? null,
      now,
    });
    await sendRegistrationCode(tx, { member, now });
    return { ok: true, member };
  });
}

/** Inserts a member row; null when the member ID or email is taken. */
export async function createMember(
  db: Db | Tx,
  input: Omit<RegisterInput, 'password' | 'newsletter'> & { newsletter?: boolean },
  options: { passwordHash: string; now: Date; verifiedAt: Date | null },
): Promise<Member | null> {
  const [member] = await db
    .insert(members)
    .values({
      memberCode: input.memberCode,
      email: normaliseEmail(input.email),
      passwordHash: options.passwordHash,
      name: input.name,
      locale: input.locale,
      emailVerifiedAt: options.verifiedAt,
      newsletterOptIn: input.newsletter === true,
      createdAt: options.now,
      updatedAt: options.now,
    })
    .onConflictDoNothing()
    .returning();
  return member ?? null;
}

// Someone who never confirmed an address must not keep it (or the member ID) from its owner.
async function releaseAbandonedRegistrations(tx: Tx, input: RegisterInput, now: Date) {
  const before = new Date(now.getTime() - UNVERIFIED_HOLD_HOURS * 3600_000);
  await tx
    .delete(members)
    .where(
      and(
        isNull(members.emailVerifiedAt),
        isNull(members.cancelledAt),
        lt(members.createdAt, before),
        or(
          sql`lower(${members.email}) = ${input.email.trim().toLowerCase()}`,
          sql`lower(${members.memberCode}) = ${input.memberCode.toLowerCase()}`,
        ),
      ),
    );
}

/** A current member by member ID or email, both case-insensitive; cancelled memberships never match. */
export async function findMemberByLogin(db: Db | Tx, login: string): Promise<Member | null> {
  // An address is compared as the policy stores it (e.g. a Unicode domain in A-labels).
  const address = login.includes('@') ? typedAddress.safeParse(login) : null;
  const needle = (address?.success ? address.data : login).trim().toLowerCase();
  const column = needle.includes('@') ? sql`lower(email)` : sql`lower(member_code)`;
  const [row] = await db
    .select()
    .from(members)
    .where(and(sql`${column} = ${needle}`, isNull(members.cancelledAt)));
  return row ?? null;
}
