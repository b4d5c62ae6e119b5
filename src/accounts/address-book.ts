import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { type MemberAddress, memberAddresses } from './address-book-tables.ts';
import { members } from './tables.ts';

/** A member's saved addresses, the default first, then oldest first. */
export function listAddresses(db: Db | Tx, memberId: string): Promise<MemberAddress[]> {
  return db
    .select()
    .from(memberAddresses)
    .where(eq(memberAddresses.memberId, memberId))
    .orderBy(
      desc(memberAddresses.isDefault),
      asc(memberAddresses.createdAt),
      asc(memberAddresses.id),
    );
}

/** One of this member's addresses; another member's (or a malformed id) is simply not found. */
export async function findMemberAddress(
  db: Db | Tx,
  memberId: string,
  id: string,
): Promise<MemberAddress | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await db
    .select()
    .from(memberAddresses)
    .where(and(eq(memberAddresses.memberId, memberId), eq(memberAddresses.id, id)));
  return row ?? null;
}

/** The form fields (checkout's names) an address fills in. */
export function addressFormValues(address: MemberAddress): Record<string, string> {
  return {
    name: address.name,
    line1: address.line1,
    line2: address.line2,
    city: address.city,
    region: address.region,
    postalCode: address.postalCode,
    country: address.country,
    phone: address.phone,
  };
}

/** Locks the member's row so changes to one address book run one after another. */
export async function lockAddressBook(tx: Tx, memberId: string): Promise<void> {
  await tx.select({ id: members.id }).from(members).where(eq(members.id, memberId)).for('update');
}

/** Moves the member's default to `id` (which must be theirs), inside the caller's transaction. */
export async function setDefaultAddress(tx: Tx, memberId: string, id: string): Promise<void> {
  // Clear first: the partial unique index allows one default per member at any moment.
  await tx
    .update(memberAddresses)
    .set({ isDefault: false })
    .where(and(eq(memberAddresses.memberId, memberId), eq(memberAddresses.isDefault, true)));
  await tx
    .update(memberAddresses)
    .set({ isDefault: true })
    .where(and(eq(memberAddresses.memberId, memberId), eq(memberAddresses.id, id)));
}
