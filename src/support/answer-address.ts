import type { Db, Tx } from '../db/client.ts';
import { findSuppression } from '../mail/suppressions.ts';

/**
 * Where mail about an inquiry goes: the customer's own address, unless the shop no longer mails
 * it (hard bounce, complaint) and the customer gave a new address for their order, which is then
 * the only way to reach them. Applying that address to the order stays a staff decision.
 */
export async function answerAddress(
  db: Db | Tx,
  inquiry: { email: string; newEmail: string | null },
): Promise<string> {
  if (!inquiry.newEmail) return inquiry.email;
  return (await findSuppression(db, inquiry.email)) ? inquiry.newEmail : inquiry.email;
}
