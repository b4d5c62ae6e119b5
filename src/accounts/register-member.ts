import { and, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { hitRateLimits } from '../web/rate-limit.ts';
import { recordAccountEvent } from './account-events.ts';
import { normaliseEmail } from './email-address.ts';
import type { RegisterInput } from './inputs.ts';
import { identityKey, loginIdentity } from './login-identity.ts';
import { hashPassword } from './passwords.ts';
import { decoyHoldsMemberCode, releaseDecoys, startDecoy } from './registration-decoys.ts';
import { sendRegistrationCode } from './send-registration-code.ts';
import { type Member, members } from './tables.ts';

export type RegisterResult =
  /** `pendingId` is what the browser enters a code for: the new member, or a decoy (`member` null). */
  | { ok: true; pendingId: string; member: Member | null }
  | { ok: false; reason: 'member_code_taken' };

/** How long an unconfirmed registration holds its member ID and email against newcomers. */
export const UNVERIFIED_HOLD_HOURS = 24;

/** Mails about registration attempts one address gets per day; more are only recorded. */
export const ATTEMPT_MAILS_PER_DAY = 3;

// Advisory lock class for registering a member ID (the key is a hash of the lower-cased ID).
const REGISTRATION_LOCK = 7_261_127;

/**
 * Creates an unverified member and mails the code that confirms the address, in one transaction.
 * A member ID in use (case-insensitively) is refused; an email in use is not revealed: the visitor
 * gets a decoy that behaves like a new registration, and the address's owner gets a mail.
 */
export async function registerMember(
  deps: { db: Db; clock: Clock },
  input: RegisterInput,
  context: { clientAddress?: string | null } = {},
): Promise<RegisterResult> {
  // Hashed before anything is looked up, so a taken email costs the same time as a free one.
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  const clientAddress = context.clientAddress ?? null;
  return deps.db.transaction(async (tx): Promise<RegisterResult> => {
    // One registration of a member ID at a time, so a decoy and a member cannot both take it.
    await tx.execute(
      sql`select pg_advisory_xact_lock(${REGISTRATION_LOCK}, hashtext(${input.memberCode.trim().toLowerCase()}))`,
    );
    await releaseAbandonedRegistrations(tx, input, now);
    // A decoy holds its member ID like an unconfirmed member (see registration-decoys.ts).
    if (await decoyHoldsMemberCode(tx, input.memberCode))
      return { ok: false, reason: 'member_code_taken' };
    const member = await createMember(tx, input, { passwordHash, now, verifiedAt: null });
    if (member) {
      await recordAccountEvent(tx, { memberId: member.id, type: 'registered', clientAddress, now });
      await sendRegistrationCode(tx, { member, now });
      return { ok: true, pendingId: member.id, member };
    }
    if (await findHolder(tx, 'member_code', input.memberCode))
      return { ok: false, reason: 'member_code_taken' };
    const owner = await findHolder(tx, 'email', input.email);
    if (owner)
      await tellOwner(tx, { owner, attemptedMemberCode: input.memberCode, clientAddress, now });
    const pendingId = await startDecoy(tx, {
      memberCode: input.memberCode,
      email: normaliseEmail(input.email),
      passwordHash,
      now,
    });
    return { ok: true, pendingId, member: null };
  });
}

/** The member row (verified or not) holding a member ID or an address, case-insensitively. */
async function findHolder(
  tx: Tx,
  column: 'member_code' | 'email',
  value: string,
): Promise<Member | null> {
  const needle = value.trim().toLowerCase();
  const [row] = await tx
    .select()
    .from(members)
    .where(
      column === 'email'
        ? sql`lower(${members.email}) = ${needle}`
        : sql`lower(${members.memberCode}) = ${needle}`,
    );
  return row ?? null;
}

// The owner learns of the attempt (a few mails a day at most); staff see it on the account.
async function tellOwner(
  tx: Tx,
  input: { owner: Member; attemptedMemberCode: string; clientAddress: string | null; now: Date },
) {
  const { owner, now } = input;
  const limited = await hitRateLimits(
    tx,
    [
      {
        key: `registration-attempt:${identityKey(owner.email)}`,
        max: ATTEMPT_MAILS_PER_DAY,
        windowSeconds: 24 * 3600,
      },
    ],
    now,
  );
  if (limited.ok)
    await enqueueMail(tx, {
      topic: 'registration_attempt',
      recipient: owner.email,
      locale: owner.locale,
      memberId: owner.id,
      payload: {
        memberCode: owner.memberCode,
        at: now.toISOString(),
        confirmed: owner.emailVerifiedAt !== null,
        holdHours: UNVERIFIED_HOLD_HOURS,
      },
      now,
    });
  await recordAccountEvent(tx, {
    memberId: owner.id,
    type: 'registration_attempted',
    detail: { attemptedMemberCode: input.attemptedMemberCode, mailed: limited.ok },
    clientAddress: input.clientAddress,
    now,
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

// Someone who never confirmed an address must not keep it (or the member ID) from its owner;
// nor does a decoy keep its member ID longer.
async function releaseAbandonedRegistrations(tx: Tx, input: RegisterInput, now: Date) {
  const before = new Date(now.getTime() - UNVERIFIED_HOLD_HOURS * 3600_000);
  await releaseDecoys(tx, { memberCode: input.memberCode, email: input.email, before });
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
  const { column, needle } = loginIdentity(login);
  const compared = column === 'email' ? sql`lower(email)` : sql`lower(member_code)`;
  const [row] = await db
    .select()
    .from(members)
    .where(and(sql`${compared} = ${needle}`, isNull(members.cancelledAt)));
  return row ?? null;
}
