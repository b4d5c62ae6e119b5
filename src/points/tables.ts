import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { members } from '../accounts/tables.ts';
import { orders } from '../orders/tables.ts';

export const lotSources = ['earn', 'restore', 'adjust'] as const;
export type LotSource = (typeof lotSources)[number];

export const entryKinds = [
  'earn',
  'spend',
  'restore',
  'clawback',
  'expire',
  'forfeit',
  'adjust',
] as const;
export type EntryKind = (typeof entryKinds)[number];

/**
 * What one event credited a member: points earned on an order, or given back after their own lot
 * expired. `remaining` changes only in the transaction that appends the entry explaining it (0016).
 */
export const pointLots = pgTable(
  'point_lots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id').references(() => orders.id),
    source: text('source', { enum: lotSources }).notNull(),
    points: integer('points').notNull(),
    remaining: integer('remaining').notNull(),
    earnedAt: timestamp('earned_at', { withTimezone: true }).notNull(),
    /** The last instant the lot may be spent. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    renewsLotId: uuid('renews_lot_id').references((): AnyPgColumn => pointLots.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('point_lots_remaining_check', sql`${t.remaining} >= 0 and ${t.remaining} <= ${t.points}`),
    index('point_lots_member_idx').on(t.memberId, t.expiresAt),
  ],
);

export type PointLot = typeof pointLots.$inferSelect;

/** Every change to a lot, append-only; one per (order, kind, lot, reference). */
export const pointEntries = pgTable(
  'point_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** Null only for a clawback's shortfall (a debt). */
    lotId: uuid('lot_id').references(() => pointLots.id),
    orderId: uuid('order_id').references(() => orders.id),
    kind: text('kind', { enum: entryKinds }).notNull(),
    /** Signed change to the lot; for a debt, minus what is owed. */
    points: integer('points').notNull(),
    reference: text('reference').notNull().default(''),
    settlesDebt: boolean('settles_debt').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('point_entries_once').on(t.orderId, t.kind, t.lotId, t.reference).nullsNotDistinct(),
  ],
);

export type PointEntry = typeof pointEntries.$inferSelect;
