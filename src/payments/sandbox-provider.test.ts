import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { randomToken } from '../lib/ids.ts';
import { createTestDatabase, describeEachDatabase } from '../testing/databases.ts';
import { testDeps } from '../testing/factories.ts';
import type { PaymentProvider } from './provider.ts';
import { sandboxCards } from './sandbox-provider.ts';
import { sandboxPayments, sandboxRefunds } from './tables.ts';

describeEachDatabase('sandbox card network: partial amounts', (kind) => {
  let database: Database;
  let payments: PaymentProvider;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    payments = testDeps(database.db).payments;
  });
  afterAll(() => database.close());

  async function authorised(amountJpy: number) {
    const auth = await payments.authorise({
      amountJpy,
      card: { number: sandboxCards.success, expMonth: 12, expYear: 2030, cvc: '123', holder: 'T' },
      returnUrl: 'http://shop.test/return',
    });
    if (auth.status !== 'authorised') throw new Error(auth.status);
    return auth.ref;
  }
  async function captured(amountJpy: number) {
    const ref = await authorised(amountJpy);
    expect(await payments.capture(ref, amountJpy)).toEqual({ ok: true });
    return ref;
  }
  const ledgerOf = async (ref: string) =>
    (await database.db.select().from(sandboxPayments).where(eq(sandboxPayments.ref, ref)))[0]!;
  const refundRowsOf = (ref: string) =>
    database.db.select().from(sandboxRefunds).where(eq(sandboxRefunds.paymentRef, ref));

  it('captures less than the authorisation, and refuses more', async () => {
    const less = await authorised(5000);
    expect(await payments.capture(less, 3200)).toEqual({ ok: true });
    expect(await ledgerOf(less)).toMatchObject({ status: 'captured', capturedJpy: 3200 });
    // A retry of the same capture is answered like the first and takes nothing more.
    expect(await payments.capture(less, 3200)).toEqual({ ok: true });
    expect((await ledgerOf(less)).capturedJpy).toBe(3200);

    const more = await authorised(5000);
    expect(await payments.capture(more, 5001)).toEqual({
      ok: false,
      reason: 'amount_exceeds_authorisation',
    });
    expect(await ledgerOf(more)).toMatchObject({ status: 'authorised', capturedJpy: 0 });
  });

  it('refunds one payment in several parts, and refuses a part beyond what is left', async () => {
    const ref = await captured(5000);
    const first = await payments.refund(ref, { amountJpy: 1200, idempotencyKey: randomToken() });
    expect(first).toMatchObject({ ok: true, amountJpy: 1200, replayed: false });
    expect(await ledgerOf(ref)).toMatchObject({ status: 'captured', refundedJpy: 1200 });

    const tooMuch = await payments.refund(ref, { amountJpy: 3801, idempotencyKey: randomToken() });
    expect(tooMuch).toEqual({ ok: false, reason: 'exceeds_captured', refundableJpy: 3800 });

    const rest = await payments.refund(ref, { amountJpy: 3800, idempotencyKey: randomToken() });
    expect(rest).toMatchObject({ ok: true, amountJpy: 3800 });
    expect(await ledgerOf(ref)).toMatchObject({ status: 'refunded', refundedJpy: 5000 });
    expect(await refundRowsOf(ref)).toHaveLength(2);
    expect(await payments.refund(ref, { amountJpy: 1, idempotencyKey: randomToken() })).toEqual({
      ok: false,
      reason: 'exceeds_captured',
      refundableJpy: 0,
    });
  });

  it('answers a repeated idempotency key with its first refund and moves no money', async () => {
    const ref = await captured(5000);
    const key = randomToken();
    const first = await payments.refund(ref, { amountJpy: 1000, idempotencyKey: key });
    const again = await payments.refund(ref, { amountJpy: 1000, idempotencyKey: key });
    expect(first.ok && again.ok && again.refundRef).toBe(first.ok && first.refundRef);
    expect(again).toMatchObject({ replayed: true });
    expect((await ledgerOf(ref)).refundedJpy).toBe(1000);
    // The key cannot be reused for another amount or another payment.
    expect(await payments.refund(ref, { amountJpy: 500, idempotencyKey: key })).toMatchObject({
      ok: false,
      reason: 'key_reused',
    });
    const other = await captured(3000);
    expect(await payments.refund(other, { amountJpy: 1000, idempotencyKey: key })).toMatchObject({
      ok: false,
      reason: 'key_reused',
    });
    expect((await ledgerOf(other)).refundedJpy).toBe(0);
  });

  it('refuses an authorised or voided payment, whose money was never taken', async () => {
    const held = await authorised(2000);
    expect(await payments.refund(held, { amountJpy: 100, idempotencyKey: randomToken() })).toEqual({
      ok: false,
      reason: 'not_captured',
      refundableJpy: 0,
    });
    await payments.void(held);
    expect(await payments.refund(held, { amountJpy: 100, idempotencyKey: randomToken() })).toEqual({
      ok: false,
      reason: 'not_captured',
      refundableJpy: 0,
    });
    expect(
      await payments.refund('sbx_unknown', { amountJpy: 100, idempotencyKey: randomToken() }),
    ).toMatchObject({ ok: false, reason: 'not_captured' });
  });

  it('lets only one of two concurrent refunds through when together they exceed the capture', async () => {
    const ref = await captured(5000);
    const answers = await Promise.all([
      payments.refund(ref, { amountJpy: 3000, idempotencyKey: randomToken() }),
      payments.refund(ref, { amountJpy: 3000, idempotencyKey: randomToken() }),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok)).toEqual([
      { ok: false, reason: 'exceeds_captured', refundableJpy: 2000 },
    ]);
    expect((await ledgerOf(ref)).refundedJpy).toBe(3000);
  });

  it('keeps its ledger honest even when written to directly: refunds never exceed captures', async () => {
    const ref = await captured(1000);
    await expect(
      database.db
        .update(sandboxPayments)
        .set({ refundedJpy: 1001 })
        .where(eq(sandboxPayments.ref, ref)),
    ).rejects.toThrow();
  });
});
