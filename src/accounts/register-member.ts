import { and, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { hitRateLimits } from '../web/rate-limit.ts';
import { recordAccountEvent } from './account-events.ts';
import { normaliseEmail } from './email-address.ts';
import type { RegisterInput } from './inputs.ts';
import { REGISTRATION_MAIL_LIMIT } from './limits.ts';
import { identityKey, loginIdentity } from './login-identity.ts';
import { hashPassword } from './passwords.ts';
import {
  decoyHoldsMemberCode,
  issueDecoyCode,
  releaseDecoys,
  startDecoy,
} from './registration-decoys.ts';
import { sendRegistrationCode } from './send-registration-code.ts';
import { type Member, members } from './tables.ts';

export type RegisterResult =
  /** `pendingId` is what the browser enters a code for: the new member, or a decoy (`member` null). */
  | { ok: true; pendingId: string; member: Member | null }
  | { ok: false; reason: 'member_code_taken' };

/** How long an unconfirmed registration holds its member ID and email against newcomers. */
export const UNVERIFIED_HOLD_HOURS = 24;

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
  const email = normaliseEmail(input.email);
  return deps.db.transaction(async (tx): Promise<RegisterResult> => {
    // One registration of a member ID at a time, so a decoy and a member cannot both take it.
    await tx.execute(
      sql`select pg_advisory_xact_lock(${REGISTRATION_LOCK}, hashtext(${input.memberCode.trim().toLowerCase()}))`,
    );
    await releaseAbandonedRegistrations(tx, input, now);
    // A decoy holds its member ID like an unconfirmed member (see registration-decoys.ts).
    if (await decoyHoldsMemberCode(tx, input.memberCode))
      return { ok: false, reason: 'member_code_taken' };
    // From here on a new address and a member's address run the same statements in the same
    // order (registration-work.test.ts), so neither the answer nor its timing tells them apart;
    // only which rows they write differs. A taken member ID is said openly, as it always was.
    const member = await createMember(tx, input, { passwordHash, now, verifiedAt: null });
    const holders = await findHolders(tx, input);
    const codeHolder = holders.find((h) => sameText(h.memberCode, input.memberCode));
    if (codeHolder && codeHolder.id !== member?.id)
      return { ok: false, reason: 'member_code_taken' };
    const owner = member ? null : (holders.find((h) => sameText(h.email, email)) ?? null);
    // Mails about registrations to one address a day, codes included, so a new address and a
    // taken one reach the limit after the same number of tries.
    const mailable = await hitRateLimits(
      tx,
      [{ key: `registration-mail:${identityKey(email)}`, ...REGISTRATION_MAIL_LIMIT }],
      now,
    );
    const pendingId = member?.id ?? crypto.randomUUID();
    await recordAccountEvent(
      tx,
      member
        ? { memberId: member.id, type: 'registered', clientAddress, now }
        : {
            memberId: owner?.id ?? null,
            type: 'registration_attempted',
            detail: { attemptedMemberCode: input.memberCode, mailed: mailable.ok && !!owner },
            clientAddress,
            now,
          },
    );
    await startDecoy(tx, {
      decoyId: pendingId,
      memberCode: input.memberCode,
      email,
      passwordHash,
      now,
      // Written for a member's address only; a new one runs the same insert, which adds nothing.
      needed: member === null,
    });
    if (member) {
      // The code always goes out: without it the registration cannot be confirmed.
      await sendRegistrationCode(tx, { member, now });
      return { ok: true, pendingId, member };
    }
    // The owner learns of the attempt (a few mails a day at most); staff see it on the account.
    // Its code row stands in for the one a new registration is mailed.
    await issueDecoyCode(tx, { decoyId: pendingId, email, now });
    if (owner && mailable.ok)
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
    return { ok: true, pendingId, member: null };
  });
}

const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The member rows (verified or not) holding the member ID or the address, case-insensitively. */
async function findHolders(tx: Tx, input: RegisterInput): Promise<Member[]> {
  return tx
    .select()
    .from(members)
    .where(
      or(
        sql`lower(${members.memberCode}) = ${input.memberCode.trim().toLowerCase()}`,
        sql`lower(${members.email}) = ${input.email.trim().toLowerCase()}`,
      ),
    );
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
