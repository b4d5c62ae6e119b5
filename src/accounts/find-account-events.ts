import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type AccountEventType, accountEvents } from './account-events.ts';
import { members } from './tables.ts';

export type AccountEvent = typeof accountEvents.$inferSelect;
export type AccountEventRow = AccountEvent & { memberCode: string | null };

/** Account events newest first, optionally of one member or one type, with the member ID. */
export async function listAccountEvents(
  db: Db,
  filter: {
    memberId?: string | undefined;
    type?: AccountEventType | undefined;
    /** Events older than this id: the next page. */
    beforeId?: number | undefined;
    limit: number;
  },
): Promise<AccountEventRow[]> {
  const where: SQL[] = [];
  if (filter.memberId) where.push(eq(accountEvents.memberId, filter.memberId));
  if (filter.type) where.push(eq(accountEvents.type, filter.type));
  if (filter.beforeId) where.push(lt(accountEvents.id, filter.beforeId));
  const rows = await db
    .select({ event: accountEvents, memberCode: members.memberCode })
    .from(accountEvents)
    .leftJoin(members, eq(members.id, accountEvents.memberId))
    .where(and(...where))
    .orderBy(desc(accountEvents.id))
    .limit(filter.limit);
  return rows.map((r) => ({ ...r.event, memberCode: r.memberCode }));
}
