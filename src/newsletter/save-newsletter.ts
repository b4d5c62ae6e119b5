import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { NewsletterInput } from './inputs.ts';
import { newsletters } from './tables.ts';

export type SaveResult = { ok: true; id: string } | { ok: false; reason: 'not_found' | 'sent' };

/** Creates a draft, or changes one (`id`) as long as it has not been sent. */
export async function saveNewsletter(
  db: Db,
  input: NewsletterInput,
  by: { actor: string; now: Date },
  id?: string,
): Promise<SaveResult> {
  if (!id) {
    const [row] = await db
      .insert(newsletters)
      .values({ ...input, createdBy: by.actor, createdAt: by.now, updatedAt: by.now })
      .returning({ id: newsletters.id });
    return { ok: true, id: row!.id };
  }
  const [row] = await db
    .update(newsletters)
    .set({ ...input, updatedAt: by.now })
    .where(and(eq(newsletters.id, id), eq(newsletters.state, 'draft')))
    .returning({ id: newsletters.id });
  if (row) return { ok: true, id: row.id };
  const [existing] = await db
    .select({ id: newsletters.id })
    .from(newsletters)
    .where(eq(newsletters.id, id));
  return { ok: false, reason: existing ? 'sent' : 'not_found' };
}
