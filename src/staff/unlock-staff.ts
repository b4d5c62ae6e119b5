import { sql } from 'drizzle-orm';
import { loginIdentity } from '../accounts/login-identity.ts';
import { clearSignInFailures } from '../accounts/sign-in-throttle.ts';
import type { Db } from '../db/client.ts';
import { type Staff, staff } from './tables.ts';

/** Unlocks a staff account and forgets its failed sign-ins; null when no staff has this email. */
export async function unlockStaff(db: Db, input: { email: string }): Promise<Staff | null> {
  const identity = loginIdentity(input.email).needle;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(staff)
      .set({ lockedAt: null, failedSignIns: 0 })
      .where(sql`lower(${staff.email}) = ${identity}`)
      .returning();
    if (!row) return null;
    await clearSignInFailures(tx, { door: 'staff', identity });
    return row;
  });
}
