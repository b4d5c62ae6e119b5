import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { recordAccountEvent } from './account-events.ts';
import { members } from './tables.ts';

export interface ProfileFields {
  name: string;
  locale: 'en' | 'ja';
}

/**
 * Saves a member's name and mail language; a 'profile_changed' event names the fields that
 * changed (not their values). Returns those field names; nothing is written when none changed.
 */
export async function updateProfile(
  deps: { db: Db; clock: Clock },
  input: { memberId: string; fields: ProfileFields; clientAddress?: string | null },
): Promise<string[]> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [member] = await tx
      .select({ name: members.name, locale: members.locale })
      .from(members)
      .where(eq(members.id, input.memberId))
      .for('update');
    if (!member) return [];
    const changed = (['name', 'locale'] as const).filter((k) => member[k] !== input.fields[k]);
    if (changed.length === 0) return [];
    await tx
      .update(members)
      .set({ ...input.fields, updatedAt: now })
      .where(eq(members.id, input.memberId));
    await recordAccountEvent(tx, {
      memberId: input.memberId,
      type: 'profile_changed',
      detail: { fields: changed },
      clientAddress: input.clientAddress ?? null,
      now,
    });
    return changed;
  });
}
