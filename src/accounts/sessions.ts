import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { hashToken, randomToken } from '../lib/ids.ts';
import type { Staff } from '../staff/tables.ts';
import { staff } from '../staff/tables.ts';
import { type Member, members, sessions } from './tables.ts';

export const MEMBER_SESSION_DAYS = 30;
export const STAFF_SESSION_HOURS = 12;

/** Starts a session and returns the cookie value; only its hash is stored. */
export async function startSession(
  db: Db,
  owner: { memberId: string } | { staffId: string },
  expiresAt: Date,
): Promise<string> {
  const token = randomToken();
  await db.insert(sessions).values({ idHash: hashToken(token), expiresAt, ...owner });
  return token;
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashToken(token)));
}

/** The member signed in with this cookie value, if the session is still valid. */
export async function findSessionMember(db: Db, token: string, now: Date): Promise<Member | null> {
  const [row] = await db
    .select({ member: members })
    .from(sessions)
    .innerJoin(members, eq(members.id, sessions.memberId))
    .where(and(eq(sessions.idHash, hashToken(token)), gt(sessions.expiresAt, now)));
  return row?.member ?? null;
}

export async function findSessionStaff(db: Db, token: string, now: Date): Promise<Staff | null> {
  const [row] = await db
    .select({ staff })
    .from(sessions)
    .innerJoin(staff, eq(staff.id, sessions.staffId))
    .where(and(eq(sessions.idHash, hashToken(token)), gt(sessions.expiresAt, now)));
  return row?.staff ?? null;
}
