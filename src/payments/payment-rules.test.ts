import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { orders, type PaymentState, paymentStates } from '../orders/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeOrder, makeProduct, testDeps } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import {
  canMovePayment,
  movePayment,
  paymentStatesBefore,
  paymentTransitions,
  paypalPaymentState,
  refundableStates,
} from './payment-rules.ts';

const allowedMoves: [PaymentState, PaymentState][] = [
  ['authorised', 'capture_pending'],
  ['authorised', 'void_pending'],
  ['waiting', 'captured'],
  ['waiting', 'voided'],
  ['waiting', 'refund_pending'],
  ['capture_pending', 'capture_pending'],
  ['capture_pending', 'captured'],
  ['capture_pending', 'capture_failed'],
  ['capture_pending', 'void_pending'],
  ['captured', 'refund_pending'],
  ['capture_failed', 'capture_pending'],
  ['capture_failed', 'void_pending'],
  ['void_pending', 'voided'],
  ['refund_pending', 'refund_pending'],
  ['refund_pending', 'partially_refunded'],
  ['refund_pending', 'refunded'],
  ['partially_refunded', 'refund_pending'],
];

describe('payment transitions table', () => {
  it('allows exactly the documented moves', () => {
    const table = paymentStates.flatMap((from) =>
      paymentStates.filter((to) => canMovePayment(from, to)).map((to) => [from, to]),
    );
    expect(table).toEqual(allowedMoves);
    expect(Object.keys(paymentTransitions).sort()).toEqual([...paymentStates].sort());
  });

  it('lists the states a move may start from', () => {
    expect(paymentStatesBefore('void_pending')).toEqual([
      'authorised',
      'capture_pending',
      'capture_failed',
    ]);
    expect(paymentStatesBefore('refunded')).toEqual(['refund_pending']);
    // A refund starts from any payment holding captured money, a PayPal capture under review too.
    expect(paymentStatesBefore('refund_pending')).toEqual([
      'waiting',
      'captured',
      'refund_pending',
      'partially_refunded',
    ]);
    expect(paymentStatesBefore('authorised')).toEqual([]);
  });

  it('starts a PayPal payment captured, or waiting while PayPal reviews the capture', () => {
    expect(paypalPaymentState('paid')).toBe('captured');
    expect(paypalPaymentState('pending')).toBe('waiting');
    // Nothing moves a payment into waiting: only a PayPal order's insert starts there.
    expect(paymentStatesBefore('waiting')).toEqual([]);
    // Cancelling either gives the money back rather than releasing a hold.
    expect(refundableStates).toContain('captured');
    expect(refundableStates).toContain('waiting');
    expect(refundableStates).not.toContain('authorised');
  });
});

describeEachDatabase('moving a payment under the SQL guard', (kind) => {
  const { database } = useTestWorld(kind);
  let orderId: string;
  beforeAll(async () => {
    const product = await makeProduct(database.db);
    orderId = (await makeOrder(testDeps(database.db), [{ product, quantity: 1 }])).id;
  });

  async function paymentIs(state: PaymentState) {
    await database.db.update(orders).set({ paymentState: state }).where(eq(orders.id, orderId));
  }
  async function paymentState() {
    const [row] = await database.db.select().from(orders).where(eq(orders.id, orderId));
    return row!.paymentState;
  }

  it.each(allowedMoves)('moves %s to %s', async (from, to) => {
    await paymentIs(from);
    const moved = await movePayment(database.db, orderId, { to });
    expect(moved?.paymentState).toBe(to);
    expect(await paymentState()).toBe(to);
  });

  it.each([
    ['authorised', 'captured'],
    ['captured', 'void_pending'],
    ['capture_failed', 'captured'],
    ['voided', 'captured'],
    ['refunded', 'refund_pending'],
    ['captured', 'authorised'],
    ['captured', 'partially_refunded'],
    ['partially_refunded', 'void_pending'],
    ['partially_refunded', 'refunded'],
  ] as [PaymentState, PaymentState][])('refuses to move %s to %s', async (from, to) => {
    await paymentIs(from);
    expect(await movePayment(database.db, orderId, { to })).toBeNull();
    expect(await paymentState()).toBe(from);
  });

  it('refuses a state the caller did not name, and a row its own condition excludes', async () => {
    await paymentIs('capture_failed');
    expect(
      await movePayment(database.db, orderId, {
        to: 'capture_pending',
        from: ['authorised', 'capture_pending'],
      }),
    ).toBeNull();
    expect(
      await movePayment(database.db, orderId, {
        to: 'capture_pending',
        where: eq(orders.state, 'cancelled'),
      }),
    ).toBeNull();
    expect(await paymentState()).toBe('capture_failed');
  });

  it('does not compile a starting state the table forbids', async () => {
    await paymentIs('authorised');
    // @ts-expect-error authorised never moves straight to captured
    const moved = await movePayment(database.db, orderId, { to: 'captured', from: ['authorised'] });
    expect(moved).toBeNull();
  });

  it('writes the columns that change with the payment in the same update', async () => {
    await paymentIs('authorised');
    const claimedAt = new Date('2026-11-26T00:00:00Z');
    const moved = await movePayment(database.db, orderId, {
      to: 'capture_pending',
      set: { captureClaimedAt: claimedAt },
    });
    expect(moved?.captureClaimedAt?.toISOString()).toBe(claimedAt.toISOString());
  });
});
