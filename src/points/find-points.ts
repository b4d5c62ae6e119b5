import { and, asc, desc, eq, gt, gte } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { orders } from '../orders/tables.ts';
import { findDebts } from './ledger.ts';
import { defaultPointsSettings, type PointsSettings } from './points-rules.ts';
import { type EntryKind, pointEntries, pointLots } from './tables.ts';

export interface PointsSummary {
  /** Points the member can spend now: what is left of lots not past their expiry. */
  balance: number;
  /** What is left, by the instant it expires, soonest first. */
  upcomingExpiries: { expiresAt: Date; points: number }[];
  /** Of the balance, what expires within the reminder window. */
  expiringSoon: number;
  /** Points clawed back that no lot could pay yet; later earnings settle them first. */
  owed: number;
  /** The latest entries, newest first. */
  history: {
    kind: EntryKind;
    points: number;
    orderNumber: string | null;
    at: Date;
    expiresAt: Date | null;
  }[];
}

/** A member's points: balance, upcoming expiries, debt and history, all from the ledger. */
export async function findPoints(
  db: Db | Tx,
  input: { memberId: string; now: Date; settings?: PointsSettings; historyLimit?: number },
): Promise<PointsSummary> {
  const settings = input.settings ?? defaultPointsSettings;
  const lots = await db
    .select({ expiresAt: pointLots.expiresAt, remaining: pointLots.remaining })
    .from(pointLots)
    .where(
      and(
        eq(pointLots.memberId, input.memberId),
        gt(pointLots.remaining, 0),
        gte(pointLots.expiresAt, input.now),
      ),
    )
    .orderBy(asc(pointLots.expiresAt));
  const upcomingExpiries: PointsSummary['upcomingExpiries'] = [];
  for (const lot of lots) {
    const last = upcomingExpiries.at(-1);
    if (last && last.expiresAt.getTime() === lot.expiresAt.getTime()) last.points += lot.remaining;
    else upcomingExpiries.push({ expiresAt: lot.expiresAt, points: lot.remaining });
  }
  const soon = input.now.getTime() + settings.reminderDays * 24 * 3600 * 1000;
  const history = await db
    .select({
      kind: pointEntries.kind,
      points: pointEntries.points,
      orderNumber: orders.number,
      at: pointEntries.createdAt,
      expiresAt: pointLots.expiresAt,
    })
    .from(pointEntries)
    .leftJoin(orders, eq(orders.id, pointEntries.orderId))
    .leftJoin(pointLots, eq(pointLots.id, pointEntries.lotId))
    .where(eq(pointEntries.memberId, input.memberId))
    .orderBy(desc(pointEntries.createdAt), desc(pointEntries.id))
    .limit(input.historyLimit ?? 50);
  return {
    balance: lots.reduce((sum, l) => sum + l.remaining, 0),
    upcomingExpiries,
    expiringSoon: lots
      .filter((l) => l.expiresAt.getTime() <= soon)
      .reduce((sum, l) => sum + l.remaining, 0),
    owed: (await findDebts(db, input.memberId)).reduce((sum, d) => sum + d.owed, 0),
    history,
  };
}
