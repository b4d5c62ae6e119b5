import { hashPassword } from '../accounts/passwords.ts';
import type { Db } from '../db/client.ts';
import { type Staff, type StaffRole, staff } from './tables.ts';

/** Creates a staff account; returns null when the email is already used. */
export async function createStaff(
  db: Db,
  input: { email: string; name: string; role: StaffRole; password: string },
): Promise<Staff | null> {
  const [row] = await db
    .insert(staff)
    .values({
      email: input.email.trim().toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}
