import { asc, eq, sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { type CodeCheck, checkCode, issueCode } from './verification-codes.ts';

/*
 * A registration whose email already belongs to a member must look, to the visitor, exactly like
 * a new one. A decoy is a row here (its id is shaped like a member id) plus code rows (purpose
 * `registration_decoy`) whose hash no typed code matches; no member row, no mail to the visitor.
 * It behaves like a real unconfirmed registration wherever the visitor can look:
 * - the code page names the typed address; codes count down and expire; "send a new code" works;
 * - it holds its member ID like an unconfirmed member: taken while younger than
 *   UNVERIFIED_HOLD_HOURS, released (deleted) by the next registration of that ID or address
 *   after that (register-member.ts);
 * - signing in with its member ID, or with the typed address, and the password typed at
 *   registration leads to the code page, like an unconfirmed member (sign-in.ts); any other
 *   password is "not correct".
 * Cost: a member-ID login checks one password hash (the member's, else the decoy's, else a dummy).
 * An email login always checks two (the member's or a dummy, and the oldest decoy's or a dummy),
 * whichever exist, so the time depends only on whether an "@" was typed.
 * Residual, by design: only the oldest decoy of an address answers an email login, and none does
 * while the address belongs to an unconfirmed member. That mirrors a fresh address, where the
 * first registration is the real one and later ones are decoys of it; but an attacker who
 * registers an address that someone else left unconfirmed cannot sign in with it by email (they
 * do learn that someone else's registration is pending, as before this table).
 */

export const registrationDecoys = pgTable('registration_decoys', {
  id: uuid('id').primaryKey(),
  memberCode: text('member_code').notNull(),
  /** As typed (normalised), which is the address of an existing member. */
  email: text('email').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type RegistrationDecoy = typeof registrationDecoys.$inferSelect;

/**
 * Writes the decoy row for the typed values when `needed`. A new registration runs the same
 * statement with `needed` false (it writes nothing), so both paths send the database the same work.
 */
export async function startDecoy(
  tx: Tx,
  input: {
    decoyId: string;
    memberCode: string;
    email: string;
    passwordHash: string;
    now: Date;
    needed: boolean;
  },
): Promise<void> {
  await tx.execute(sql`
    insert into registration_decoys (id, member_code, email, password_hash, created_at)
    select ${input.decoyId}::uuid, ${input.memberCode}::text, ${input.email}::text,
      ${input.passwordHash}::text, ${input.now.toISOString()}::timestamptz
    where ${input.needed}::boolean`);
}

/** Whether a decoy holds a member ID (case-insensitively), like an unconfirmed member would. */
export async function decoyHoldsMemberCode(tx: Tx, memberCode: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: registrationDecoys.id })
    .from(registrationDecoys)
    .where(sql`lower(${registrationDecoys.memberCode}) = ${memberCode.trim().toLowerCase()}`)
    .limit(1);
  return row !== undefined;
}

/** Deletes decoys created before `before` that hold this member ID or address, with their codes. */
export async function releaseDecoys(
  tx: Tx,
  input: { memberCode: string; email: string; before: Date },
): Promise<void> {
  // One statement however many are released, so it costs the same for any address.
  await tx.execute(sql`
    with released as (
      delete from registration_decoys
      where created_at < ${input.before.toISOString()}
        and (lower(email) = ${input.email.trim().toLowerCase()}
          or lower(member_code) = ${input.memberCode.trim().toLowerCase()})
      returning id)
    delete from verification_codes
    where purpose = 'registration_decoy' and subject_id in (select id::text from released)`);
}

/**
 * The decoy a login could mean: by member ID the one holding it, by (lower-cased) address the
 * oldest one. Null when there is none.
 */
export async function findDecoyByLogin(
  db: Db | Tx,
  login: { column: 'member_code' | 'email'; needle: string },
): Promise<RegistrationDecoy | null> {
  const column =
    login.column === 'email' ? registrationDecoys.email : registrationDecoys.memberCode;
  const [row] = await db
    .select()
    .from(registrationDecoys)
    .where(sql`lower(${column}) = ${login.needle}`)
    .orderBy(asc(registrationDecoys.createdAt), asc(registrationDecoys.id))
    .limit(1);
  return row ?? null;
}

/** A code row for a decoy that no typed code matches: it only counts tries and expires. */
export async function issueDecoyCode(tx: Tx, input: { decoyId: string; email: string; now: Date }) {
  await issueCode(tx, {
    purpose: 'registration_decoy',
    subjectId: input.decoyId,
    email: input.email,
    now: input.now,
    unusable: true,
  });
}

/** The address typed for a decoy registration, or null when there is no such decoy. */
export async function findDecoyEmail(db: Db | Tx, decoyId: string): Promise<string | null> {
  const [row] = await db
    .select({ email: registrationDecoys.email })
    .from(registrationDecoys)
    .where(eq(registrationDecoys.id, decoyId));
  return row?.email ?? null;
}

/** Refuses a code for a decoy the way a wrong code is refused: tries count down, codes expire. */
export async function refuseDecoyCode(
  deps: { db: Db; clock: Clock },
  input: { decoyId: string; code: string },
): Promise<Extract<CodeCheck, { ok: false }>> {
  const check = await checkCode(deps.db, {
    purpose: 'registration_decoy',
    subjectId: input.decoyId,
    code: input.code,
    now: deps.clock.now(),
  });
  // An unusable hash cannot match; should it ever, the answer is still a wrong code.
  return check.ok ? { ok: false, reason: 'wrong_code', attemptsLeft: 1 } : check;
}

/** "Send a new code" for a decoy: a fresh row, so the tries start again, and no mail. */
export async function resendDecoyCode(
  deps: { db: Db; clock: Clock },
  input: { decoyId: string },
): Promise<{ ok: boolean }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const email = await findDecoyEmail(tx, input.decoyId);
    if (!email) return { ok: false };
    await issueDecoyCode(tx, { decoyId: input.decoyId, email, now });
    return { ok: true };
  });
}
