import type { Db, Tx } from '../db/client.ts';
import { findSuppression } from '../mail/suppressions.ts';
import type { Inquiry } from './tables.ts';

/**
 * Where mail about an inquiry goes. A request to change an order's contact email is answered at
 * the new address: the customer says they cannot use the old one (the order's current address is
 * told separately, see inquiry_contact_notice). Any other inquiry is answered at the customer's
 * own address, unless the shop no longer mails it (hard bounce, complaint) and they gave a new
 * address, which is then the only way to reach them. Applying that address to the order stays a
 * staff decision.
 */
export async function answerAddress(
  db: Db | Tx,
  inquiry: Pick<Inquiry, 'category' | 'email' | 'newEmail'>,
): Promise<string> {
  if (!inquiry.newEmail) return inquiry.email;
  if (inquiry.category === 'contact_email') return inquiry.newEmail;
  return (await findSuppression(db, inquiry.email)) ? inquiry.newEmail : inquiry.email;
}

/** An address as the notice to an order's current address shows it: n***@example.net. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const first = [...email.slice(0, Math.max(at, 0))][0] ?? '';
  return `${first}***${at >= 0 ? email.slice(at) : ''}`;
}
