import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { RegisterInput } from './inputs.ts';
import { hashPassword } from './passwords.ts';
import { type Member, members } from './tables.ts';

export type RegisterResult = { ok: true; member: Member } | { ok: false; reason: 'taken' };

/** Creates a member; a member ID or email already in use (case-insensitively) is refused. */
export async function registerMember(db: Db, input: RegisterInput): Promise<RegisterResult> {
  const [at, ...rest] = input.email.split('@').reverse();
  const email = `${rest.reverse().join('@')}@${at!.toLowerCase()}`;
  const passwordHash = await hashPassword(input.password);
  const inserted = await db
    .insert(members)
    .values({
      memberCode: input.memberCode,
      email,
      passwordHash,
      name: input.name,
      locale: input.locale,
    })
    .onConflictDoNothing()
    .returning();
  const member = inserted[0];
  return member ? { ok: true, member } : { ok: false, reason: 'taken' };
}

/** A member by member ID or email, both case-insensitive. */
export async function findMemberByLogin(db: Db, login: string): Promise<Member | null> {
  const needle = login.trim().toLowerCase();
  const column = needle.includes('@') ? sql`lower(email)` : sql`lower(member_code)`;
  const [row] = await db.select().from(members).where(sql`${column} = ${needle}`);
  return row ?? null;
}
