import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { type Inquiry, inquiries } from './tables.ts';

/**
 * The inquiry, locked for the rest of the transaction (a double click waits for the first and
 * then sees what it did); null for an unknown id.
 */
export async function lockInquiryById(tx: Tx, id: string): Promise<Inquiry | null> {
  const [inquiry] = await tx.select().from(inquiries).where(eq(inquiries.id, id)).for('update');
  return inquiry ?? null;
}
