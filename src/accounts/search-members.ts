import { desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { type Member, members } from './tables.ts';

/** What staff see of a member: never the password hash. */
const profileColumns = {
  id: members.id,
  memberCode: members.memberCode,
  email: members.email,
  name: members.name,
  locale: members.locale,
  createdAt: members.createdAt,
  updatedAt: members.updatedAt,
  emailVerifiedAt: members.emailVerifiedAt,
  newsletterOptIn: members.newsletterOptIn,
  cancelledAt: members.cancelledAt,
};

export type MemberProfile = Pick<Member, keyof typeof profileColumns>;

/** Members for staff, newest first; `q` matches part of a member ID, email or name, any case. */
export function searchMembers(
  db: Db,
  search: { q?: string | undefined; limit: number; offset: number },
): Promise<MemberProfile[]> {
  const q = search.q?.trim();
  let where: SQL | undefined;
  if (q) {
    // % and _ typed by staff are literal characters, not wildcards.
    const pattern = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where = or(
      ilike(members.memberCode, pattern),
      ilike(members.email, pattern),
      ilike(members.name, pattern),
    );
  }
  return db
    .select(profileColumns)
    .from(members)
    .where(where ?? sql`true`)
    .orderBy(desc(members.createdAt), desc(members.id))
    .limit(search.limit)
    .offset(search.offset);
}

/** One member's profile for staff; a malformed id is simply not found. */
export async function findMemberProfile(db: Db, id: string): Promise<MemberProfile | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await db.select(profileColumns).from(members).where(eq(members.id, id));
  return row ?? null;
}
