import { count, eq } from 'drizzle-orm';
import type { ShippingAddress } from '../checkout/inputs.ts';
import type { Db } from '../db/client.ts';
import { findMemberAddress, lockAddressBook, setDefaultAddress } from './address-book.ts';
import { type MemberAddress, memberAddresses } from './address-book-tables.ts';

/** Enough for home, work, family and friends; a bound keeps one account from filling the table. */
export const MAX_ADDRESSES = 20;

export type SaveAddressResult =
  | { ok: true; address: MemberAddress }
  | { ok: false; reason: 'not_found' | 'too_many' };

/**
 * Adds an address to a member's book, or replaces one of theirs when `id` is given. The first
 * address becomes the default; `makeDefault` moves the default to this one.
 */
export async function saveAddress(
  db: Db,
  input: {
    memberId: string;
    id?: string | undefined;
    address: ShippingAddress;
    makeDefault: boolean;
    now: Date;
  },
): Promise<SaveAddressResult> {
  return db.transaction(async (tx) => {
    await lockAddressBook(tx, input.memberId);
    const fields = { ...input.address, updatedAt: input.now };
    let id: string;
    if (input.id) {
      const existing = await findMemberAddress(tx, input.memberId, input.id);
      if (!existing) return { ok: false, reason: 'not_found' };
      id = existing.id;
      await tx.update(memberAddresses).set(fields).where(eq(memberAddresses.id, id));
    } else {
      const [row] = await tx
        .select({ n: count() })
        .from(memberAddresses)
        .where(eq(memberAddresses.memberId, input.memberId));
      const total = row?.n ?? 0;
      if (total >= MAX_ADDRESSES) return { ok: false, reason: 'too_many' };
      const [inserted] = await tx
        .insert(memberAddresses)
        .values({
          ...fields,
          memberId: input.memberId,
          isDefault: total === 0,
          createdAt: input.now,
        })
        .returning({ id: memberAddresses.id });
      id = inserted!.id;
    }
    if (input.makeDefault) await setDefaultAddress(tx, input.memberId, id);
    const saved = await findMemberAddress(tx, input.memberId, id);
    return { ok: true, address: saved! };
  });
}

/** Makes one of the member's addresses the one checkout starts with. */
export async function makeDefaultAddress(
  db: Db,
  input: { memberId: string; id: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockAddressBook(tx, input.memberId);
    const address = await findMemberAddress(tx, input.memberId, input.id);
    if (!address) return false;
    await setDefaultAddress(tx, input.memberId, address.id);
    return true;
  });
}
