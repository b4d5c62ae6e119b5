import { eq } from 'drizzle-orm';
import pino from 'pino';
import { expect, it } from 'vitest';
import { orders } from '../orders/tables.ts';
import { CAPTURE_AFTER_DAYS } from '../payments/payment-rules.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeOrder, makeProduct, testClock, testDeps } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { runJobsOnce } from './background-jobs.ts';
import { registry } from './routes.ts';

const DAY = 24 * 3600 * 1000;

describeEachDatabase('background jobs', (kind) => {
  const { database } = useTestWorld(kind);

  async function failedRuns(job: string) {
    const metric = await registry.getSingleMetric('tenpo_background_job_runs_total')!.get();
    return metric.values.find((v) => v.labels.job === job && v.labels.outcome === 'failed')?.value;
  }

  it('runs the other jobs of the round when one throws, and logs and counts the failure', async () => {
    const lines: { level: number; job?: string; msg: string }[] = [];
    const clock = testClock();
    const base = testDeps(database.db, clock);
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    // The card network is down for voids: releasing a cancelled order's authorisation throws.
    const deps = {
      ...base,
      log,
      payments: {
        ...base.payments,
        void: () => Promise.reject(new Error('card network unreachable')),
      },
    };
    const product = await makeProduct(database.db, { stock: 5 });
    const cancelled = await makeOrder(base, [{ product, quantity: 1 }]);
    await database.db
      .update(orders)
      .set({ state: 'cancelled', paymentState: 'void_pending' })
      .where(eq(orders.id, cancelled.id));
    const aged = await makeOrder(base, [{ product, quantity: 1 }]);
    clock.advance((CAPTURE_AFTER_DAYS + 1) * DAY);
    const failedBefore = (await failedRuns('voidsReleased')) ?? 0;

    const counts = await runJobsOnce(deps);

    expect(counts.voidsReleased).toBeUndefined();
    expect(counts.agedAuthorisationsCaptured).toBe(1);
    expect(counts.sessionsDeleted).toBeTypeOf('number');
    const [after] = await database.db.select().from(orders).where(eq(orders.id, aged.id));
    expect(after!.paymentState).toBe('captured');
    const [still] = await database.db.select().from(orders).where(eq(orders.id, cancelled.id));
    expect(still!.paymentState).toBe('void_pending');
    const errors = lines.filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      job: 'voidsReleased',
      msg: 'background job voidsReleased failed',
    });
    expect(await failedRuns('voidsReleased')).toBe(failedBefore + 1);
  });
});
