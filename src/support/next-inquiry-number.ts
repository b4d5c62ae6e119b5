import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../db/client.ts';
import { toJapanLocal } from '../lib/japan-time.ts';

/** The Japan date as YYMMDD: the shop works on Tokyo time, whatever the server's zone. */
function tokyoDate(now: Date): string {
  return toJapanLocal(now).slice(2, 10).replaceAll('-', '');
}

/** `Q-YYMMDD-NNNN`: the Japan date and the sequence number, zero-padded to at least 4 digits. */
export function formatInquiryNumber(now: Date, sequence: number | bigint): string {
  return `Q-${tokyoDate(now)}-${String(sequence).padStart(4, '0')}`;
}

/** Draws the next inquiry number inside the caller's transaction. */
export async function nextInquiryNumber(tx: Tx, now: Date): Promise<string> {
  const [row] = rowsOf<{ n: string | number }>(
    await tx.execute(sql`select nextval('inquiry_number_seq') as n`),
  );
  return formatInquiryNumber(now, BigInt(row!.n));
}

/** Whether a string has the shape of an inquiry number (for links and mail subjects). */
export function isInquiryNumber(value: string): boolean {
  return /^Q-\d{6}-\d{4,}$/.test(value);
}
