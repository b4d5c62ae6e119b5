import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { randomToken } from '../lib/ids.ts';
import { createStaff } from './create-staff.ts';
import { staff } from './tables.ts';

export const FIRST_STAFF_EMAIL = 'admin@tenpo.localhost';

/** On a shop with no staff at all, creates one admin and returns the password to print once. */
export async function seedFirstStaff(db: Db): Promise<{ email: string; password: string } | null> {
  const [{ count } = { count: 0 }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(staff);
  if (count > 0) return null;
  const password = randomToken(12);
  const created = await createStaff(db, {
    email: FIRST_STAFF_EMAIL,
    name: 'Administrator',
    role: 'admin',
    password,
  });
  return created ? { email: FIRST_STAFF_EMAIL, password } : null;
}
