import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../catalog/tables.ts';
import type { Tx } from '../db/client.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, makeOrder, makeProduct } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { clawbackPoints } from './clawback-points.ts';
import { earnPoints } from './earn-points.ts';
import { expirePoints } from './expire-points.ts';
import { findPoints } from './find-points.ts';
import { forfeitPoints } from './forfeit-points.ts';
import { restorePoints } from './restore-points.ts';
import { spendPoints } from './spend-points.ts';
import { pointEntries, pointLots } from './tables.ts';

const jst = (local: string) => new Date(`${local}+09:00`);

describeEachDatabase('points ledger', (kind) => {
  const { database, deps } = useTestWorld(kind, { poolSize: 25 });
  let product: Product;

  beforeAll(async () => {
    product = await makeProduct(database.db, { stock: 10_000 });
  });

  async function member() {
    return (await makeMember(database.db)).id;
  }
  async function order(memberId: string) {
    return (await makeOrder(deps, [{ product, quantity: 1 }], { memberId })).id;
  }
  /** A lot of `points` earned at `at` on a new order (1% of 100× the points). */
  async function earned(memberId: string, points: number, at: Date) {
    const orderId = await order(memberId);
    const result = await database.db.transaction((tx) =>
      earnPoints(tx, { memberId, orderId, paidJpy: points * 100, now: at }),
    );
    if (result.kind !== 'earned') throw new Error(result.kind);
    return result.lot;
  }
  const tx = <T>(work: (t: Tx) => Promise<T>) => database.db.transaction(work);
  const balance = async (memberId: string, now: Date) =>
    (await findPoints(database.db, { memberId, now })).balance;
  /** Every lot's remaining equals its entries summed: the column never drifts from the ledger. */
  async function expectLedgerConsistent() {
    const drift = await database.db
      .select({ id: pointLots.id })
      .from(pointLots)
      .where(
        sql`${pointLots.remaining} <> (select coalesce(sum(${pointEntries.points}), 0) from ${pointEntries} where ${pointEntries.lotId} = ${pointLots.id})`,
      );
    expect(drift).toEqual([]);
  }

  describe('earnPoints', () => {
    it('credits 1% of the amount paid, rounded down, expiring at the end of the month a year on', async () => {
      const memberId = await member();
      const orderId = await order(memberId);
      const now = jst('2026-06-02T10:00:00');
      const result = await tx((t) => earnPoints(t, { memberId, orderId, paidJpy: 12_345, now }));
      expect(result).toMatchObject({ kind: 'earned', points: 123, settledDebt: 0 });
      if (result.kind !== 'earned') return;
      expect(result.lot.expiresAt).toEqual(jst('2027-06-30T23:59:59.999'));
      expect(await balance(memberId, now)).toBe(123);
      await expectLedgerConsistent();
    });

    it('credits an order once, however often it is called', async () => {
      const memberId = await member();
      const orderId = await order(memberId);
      const now = jst('2026-06-02T10:00:00');
      const results = await Promise.all(
        [1, 2, 3].map(() => tx((t) => earnPoints(t, { memberId, orderId, paidJpy: 5000, now }))),
      );
      expect(results.map((r) => r.kind).sort()).toEqual([
        'already_earned',
        'already_earned',
        'earned',
      ]);
      expect(await balance(memberId, now)).toBe(50);
    });

    it('credits nothing on less than 100 yen', async () => {
      const memberId = await member();
      const orderId = await order(memberId);
      const result = await tx((t) =>
        earnPoints(t, { memberId, orderId, paidJpy: 99, now: new Date() }),
      );
      expect(result).toEqual({ kind: 'nothing_earned' });
    });
  });

  describe('spendPoints', () => {
    it('spends the soonest-expiring lots first, across lots', async () => {
      const memberId = await member();
      const later = await earned(memberId, 300, jst('2026-09-10T12:00:00'));
      const sooner = await earned(memberId, 200, jst('2026-03-10T12:00:00'));
      const now = jst('2026-10-01T12:00:00');
      const orderId = await order(memberId);
      const result = await tx((t) => spendPoints(t, { memberId, orderId, points: 250, now }));
      expect(result).toEqual({
        kind: 'spent',
        points: 250,
        lots: [
          { lotId: sooner.id, points: 200 },
          { lotId: later.id, points: 50 },
        ],
      });
      const summary = await findPoints(database.db, { memberId, now });
      expect(summary.balance).toBe(250);
      expect(summary.upcomingExpiries).toEqual([
        { expiresAt: jst('2027-09-30T23:59:59.999'), points: 250 },
      ]);
      await expectLedgerConsistent();
    });

    it('refuses more than the balance and spends nothing; an expired lot does not count', async () => {
      const memberId = await member();
      await earned(memberId, 100, jst('2025-01-10T12:00:00'));
      await earned(memberId, 40, jst('2026-01-10T12:00:00'));
      const now = jst('2026-02-01T00:00:00');
      const orderId = await order(memberId);
      const result = await tx((t) => spendPoints(t, { memberId, orderId, points: 41, now }));
      expect(result).toEqual({ kind: 'insufficient', balance: 40 });
      expect(await balance(memberId, now)).toBe(40);
    });

    it('spends once per order', async () => {
      const memberId = await member();
      await earned(memberId, 100, jst('2026-06-10T12:00:00'));
      const now = jst('2026-07-01T00:00:00');
      const orderId = await order(memberId);
      await tx((t) => spendPoints(t, { memberId, orderId, points: 30, now }));
      const again = await tx((t) => spendPoints(t, { memberId, orderId, points: 30, now }));
      expect(again).toEqual({ kind: 'already_spent', points: 30 });
      expect(await balance(memberId, now)).toBe(70);
    });

    it('never spends more than the balance when 20 orders spend at once', async () => {
      const memberId = await member();
      await earned(memberId, 300, jst('2026-05-10T12:00:00'));
      await earned(memberId, 400, jst('2026-06-10T12:00:00'));
      await earned(memberId, 300, jst('2026-07-10T12:00:00'));
      const now = jst('2026-08-01T00:00:00');
      const orderIds: string[] = [];
      for (let i = 0; i < 20; i += 1) orderIds.push(await order(memberId));
      const results = await Promise.all(
        orderIds.map((orderId) =>
          tx((t) => spendPoints(t, { memberId, orderId, points: 150, now })),
        ),
      );
      const spent = results.filter((r) => r.kind === 'spent');
      expect(spent).toHaveLength(6);
      expect(results.filter((r) => r.kind === 'insufficient')).toHaveLength(14);
      expect(await balance(memberId, now)).toBe(100);
      await expectLedgerConsistent();
    });
  });

  describe('restorePoints', () => {
    it('gives a cancelled order its points back to the same lots, once', async () => {
      const memberId = await member();
      const lot = await earned(memberId, 100, jst('2026-06-10T12:00:00'));
      const orderId = await order(memberId);
      const now = jst('2026-07-01T00:00:00');
      await tx((t) => spendPoints(t, { memberId, orderId, points: 80, now }));
      const result = await tx((t) => restorePoints(t, { memberId, orderId, now }));
      expect(result).toEqual({ kind: 'restored', points: 80, renewedLots: 0 });
      expect(await tx((t) => restorePoints(t, { memberId, orderId, now }))).toEqual({
        kind: 'already_restored',
      });
      const lots = await database.db
        .select()
        .from(pointLots)
        .where(eq(pointLots.memberId, memberId));
      expect(lots).toEqual([expect.objectContaining({ id: lot.id, remaining: 100 })]);
      await expectLedgerConsistent();
    });

    it('gives points whose lot has expired meanwhile a new lot until the end of next month', async () => {
      const memberId = await member();
      const old = await earned(memberId, 100, jst('2026-01-10T12:00:00'));
      const fresh = await earned(memberId, 100, jst('2026-06-10T12:00:00'));
      const orderId = await order(memberId);
      await tx((t) =>
        spendPoints(t, { memberId, orderId, points: 150, now: jst('2027-01-20T00:00:00') }),
      );
      // Cancelled after the old lot's end (2027-01-31) had passed.
      const now = jst('2027-02-03T09:00:00');
      const result = await tx((t) => restorePoints(t, { memberId, orderId, now }));
      expect(result).toEqual({ kind: 'restored', points: 150, renewedLots: 1 });
      const lots = await database.db
        .select()
        .from(pointLots)
        .where(eq(pointLots.memberId, memberId));
      expect(lots.find((l) => l.id === old.id)?.remaining).toBe(0);
      expect(lots.find((l) => l.id === fresh.id)?.remaining).toBe(100);
      expect(lots.find((l) => l.source === 'restore')).toMatchObject({
        renewsLotId: old.id,
        points: 100,
        remaining: 100,
        expiresAt: jst('2027-03-31T23:59:59.999'),
      });
      expect(await balance(memberId, now)).toBe(200);
      expect(await tx((t) => restorePoints(t, { memberId, orderId, now }))).toEqual({
        kind: 'already_restored',
      });
      await expectLedgerConsistent();
    });
  });

  describe('clawbackPoints', () => {
    it('records what was already spent as a debt that the next earning settles', async () => {
      const memberId = await member();
      const lot = await earned(memberId, 100, jst('2026-06-10T12:00:00'));
      const now = jst('2026-07-01T00:00:00');
      const spending = await order(memberId);
      await tx((t) => spendPoints(t, { memberId, orderId: spending, points: 90, now }));
      const refund = { memberId, orderId: lot.orderId!, points: 60, reference: 'refund-1', now };
      expect(await tx((t) => clawbackPoints(t, refund))).toEqual({
        kind: 'clawed_back',
        taken: 10,
        owed: 50,
      });
      expect(await tx((t) => clawbackPoints(t, refund))).toEqual({ kind: 'already_clawed_back' });
      let summary = await findPoints(database.db, { memberId, now });
      expect(summary).toMatchObject({ balance: 0, owed: 50 });

      const next = await order(memberId);
      const settled = await tx((t) =>
        earnPoints(t, { memberId, orderId: next, paidJpy: 8000, now }),
      );
      expect(settled).toMatchObject({ kind: 'earned', points: 80, settledDebt: 50 });
      summary = await findPoints(database.db, { memberId, now });
      expect(summary).toMatchObject({ balance: 30, owed: 0 });
      await expectLedgerConsistent();
    });

    it('never takes back more than the order earned, across refunds', async () => {
      const memberId = await member();
      const lot = await earned(memberId, 100, jst('2026-06-10T12:00:00'));
      const now = jst('2026-07-01T00:00:00');
      const orderId = lot.orderId!;
      await tx((t) => clawbackPoints(t, { memberId, orderId, points: 70, reference: 'a', now }));
      const second = await tx((t) =>
        clawbackPoints(t, { memberId, orderId, points: 70, reference: 'b', now }),
      );
      expect(second).toEqual({ kind: 'clawed_back', taken: 30, owed: 0 });
      expect(await balance(memberId, now)).toBe(0);
    });
  });

  describe('expirePoints', () => {
    it('writes off what is left of a lot past its end once, with two workers at once', async () => {
      const memberId = await member();
      const lot = await earned(memberId, 100, jst('2025-06-10T12:00:00'));
      await earned(memberId, 40, jst('2026-06-10T12:00:00'));
      const spending = await order(memberId);
      await tx((t) =>
        spendPoints(t, {
          memberId,
          orderId: spending,
          points: 30,
          now: jst('2026-06-20T00:00:00'),
        }),
      );
      const before = jst('2026-06-30T23:59:59.999');
      // Clears other tests' older lots; this lot is still usable through its last millisecond.
      await expirePoints(database.db, { now: before });
      const [kept] = await database.db.select().from(pointLots).where(eq(pointLots.id, lot.id));
      expect(kept?.remaining).toBe(70);
      const now = jst('2026-07-01T00:00:00');
      const runs = await Promise.all([
        expirePoints(database.db, { now }),
        expirePoints(database.db, { now }),
      ]);
      expect(runs.reduce((sum, r) => sum + r.points, 0)).toBe(70);
      expect(await expirePoints(database.db, { now })).toMatchObject({ points: 0 });
      const entries = await database.db
        .select()
        .from(pointEntries)
        .where(eq(pointEntries.lotId, lot.id));
      expect(entries.filter((e) => e.kind === 'expire').map((e) => e.points)).toEqual([-70]);
      expect(await balance(memberId, now)).toBe(40);
      await expectLedgerConsistent();
    });
  });

  describe('forfeitPoints', () => {
    it('writes off every point of a cancelled membership, once', async () => {
      const memberId = await member();
      await earned(memberId, 100, jst('2026-06-10T12:00:00'));
      await earned(memberId, 40, jst('2026-07-10T12:00:00'));
      const now = jst('2026-08-01T00:00:00');
      expect(await tx((t) => forfeitPoints(t, { memberId, now }))).toEqual({ points: 140 });
      expect(await tx((t) => forfeitPoints(t, { memberId, now }))).toEqual({ points: 0 });
      const summary = await findPoints(database.db, { memberId, now });
      expect(summary.balance).toBe(0);
      expect(summary.history.map((h) => h.kind).sort()).toEqual([
        'earn',
        'earn',
        'forfeit',
        'forfeit',
      ]);
      await expectLedgerConsistent();
    });
  });

  describe('findPoints', () => {
    it('shows the balance, what expires soon, and the history with order numbers', async () => {
      const memberId = await member();
      const lot = await earned(memberId, 100, jst('2025-12-10T12:00:00'));
      await earned(memberId, 40, jst('2026-06-10T12:00:00'));
      const now = jst('2026-12-05T00:00:00');
      const summary = await findPoints(database.db, { memberId, now });
      expect(summary.balance).toBe(140);
      expect(summary.expiringSoon).toBe(100);
      expect(summary.upcomingExpiries.map((e) => e.points)).toEqual([100, 40]);
      const [number] = await database.db
        .select({ number: sql<string>`number` })
        .from(sql`orders`)
        .where(sql`id = ${lot.orderId}`);
      expect(summary.history.map((h) => h.orderNumber)).toContain(number?.number);
    });
  });
});
