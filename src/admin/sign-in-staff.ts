import { sql } from 'drizzle-orm';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../accounts/passwords.ts';
import { STAFF_SESSION_HOURS, startSession } from '../accounts/sessions.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { staff } from './tables.ts';

/** Signs staff in by email and password; returns the session cookie value or null. */
export async function signInStaff(
  deps: { db: Db; clock: Clock },
  input: { email: string; password: string },
): Promise<string | null> {
  const [row] = await deps.db
    .select()
    .from(staff)
    .where(sql`lower(${staff.email}) = ${input.email.trim().toLowerCase()}`);
  const ok = await verifyPassword(input.password, row?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!row || !ok) return null;
  const expires = new Date(deps.clock.now().getTime() + STAFF_SESSION_HOURS * 3600 * 1000);
  return startSession(deps.db, { staffId: row.id }, expires);
}
