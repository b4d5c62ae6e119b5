import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { findMemberAddress, lockAddressBook, setDefaultAddress } from './address-book.ts';
import { memberAddresses } from './address-book-tables.ts';

/**
 * Removes one of the member's addresses; when it was the default, the oldest remaining one
 * takes over so checkout still starts somewhere. False when the address is not theirs.
 */
export async function deleteAddress(
  db: Db,
  input: { memberId: string; id: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockAddressBook(tx, input.memberId);
    const address = await findMemberAddress(tx, input.memberId, input.id);
    if (!address) return false;
    await tx.delete(memberAddresses).where(eq(memberAddresses.id, address.id));
    if (address.isDefault) {
      const [next] = await tx
        .select({ id: memberAddresses.id })
        .from(memberAddresses)
        .where(eq(memberAddresses.memberId, input.memberId))
        .orderBy(asc(memberAddresses.createdAt), asc(memberAddresses.id))
        .limit(1);
      if (next) await setDefaultAddress(tx, input.memberId, next.id);
    }
    return true;
  });
}
