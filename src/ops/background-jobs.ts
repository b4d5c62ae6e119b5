import { and, eq, lt } from 'drizzle-orm';
import type { Logger } from 'pino';
import { Counter, Histogram } from 'prom-client';
import { pruneSignInFailures } from '../accounts/sign-in-throttle.ts';
import { sessions } from '../accounts/tables.ts';
import { reconcilePaypalCheckouts } from '../checkout/reconcile-paypal-checkouts.ts';
import { checkouts } from '../checkout/tables.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { releasePendingVoids } from '../orders/cancel-order.ts';
import { cancelOverduePaymentFixes, captureAgedAuthorisations } from '../payments/payment-jobs.ts';
import type { PaypalClient } from '../payments/paypal/paypal-client.ts';
import { resolveWaitingPaypalCaptures } from '../payments/paypal/paypal-events.ts';
import type { PaymentProvider } from '../payments/provider.ts';
import { pruneRateLimits } from '../web/rate-limit.ts';
import { registry } from './routes.ts';

type Deps = {
  db: Db;
  clock: Clock;
  payments: PaymentProvider;
  paypal?: PaypalClient | undefined;
  log: Logger;
};

/** Releases the card authorisations of 3-D Secure checkouts the customer never finished. */
export async function abandonExpiredCheckouts(deps: Deps): Promise<number> {
  const expired = await deps.db
    .update(checkouts)
    .set({ state: 'abandoned' })
    .where(
      and(eq(checkouts.state, 'awaiting_challenge'), lt(checkouts.expiresAt, deps.clock.now())),
    )
    .returning({ ref: checkouts.paymentRef });
  for (const { ref } of expired) if (ref) await deps.payments.void(ref);
  return expired.length;
}

export async function deleteExpiredSessions(deps: Deps): Promise<number> {
  const gone = await deps.db
    .delete(sessions)
    .where(lt(sessions.expiresAt, deps.clock.now()))
    .returning({ id: sessions.idHash });
  return gone.length;
}

/** Every periodic job, by the name its counts, metrics and log lines carry. */
const backgroundJobs = {
  voidsReleased: (deps: Deps) => releasePendingVoids(deps),
  agedAuthorisationsCaptured: captureAgedAuthorisations,
  paymentFixesExpired: cancelOverduePaymentFixes,
  checkoutsAbandoned: abandonExpiredCheckouts,
  paypalCheckoutsReconciled: reconcilePaypalCheckouts,
  paypalCapturesResolved: resolveWaitingPaypalCaptures,
  sessionsDeleted: deleteExpiredSessions,
  rateLimitsPruned: (deps: Deps) => pruneRateLimits(deps.db, deps.clock.now()),
  signInFailuresPruned: (deps: Deps) => pruneSignInFailures(deps.db, deps.clock.now()),
} satisfies Record<string, (deps: Deps) => Promise<number>>;

export type BackgroundJob = keyof typeof backgroundJobs;

const jobRuns = new Counter({
  name: 'tenpo_background_job_runs_total',
  help: 'Background job runs by job and outcome (ok or failed).',
  labelNames: ['job', 'outcome'] as const,
  registers: [registry],
});
const jobDurations = new Histogram({
  name: 'tenpo_background_job_duration_seconds',
  help: 'Background job run duration by job.',
  labelNames: ['job'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 30],
  registers: [registry],
});

/**
 * One pass of every periodic job, each on its own: a job that throws is logged and counted, and
 * the others still run. Each is idempotent, so several workers may run them; a failed job's rows
 * wait for the next round. Returns the rows each job that succeeded handled.
 */
export async function runJobsOnce(deps: Deps): Promise<Partial<Record<BackgroundJob, number>>> {
  const counts: Partial<Record<BackgroundJob, number>> = {};
  for (const [job, run] of Object.entries(backgroundJobs) as [
    BackgroundJob,
    (d: Deps) => Promise<number>,
  ][]) {
    const stopTimer = jobDurations.startTimer({ job });
    try {
      counts[job] = await run(deps);
      jobRuns.inc({ job, outcome: 'ok' });
    } catch (err) {
      jobRuns.inc({ job, outcome: 'failed' });
      deps.log.error({ err, job }, `background job ${job} failed`);
    } finally {
      stopTimer();
    }
  }
  return counts;
}

/** Runs the jobs every `intervalMs` until the returned stop function is called. */
export function startJobLoop(deps: Deps, intervalMs = 30_000): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = runJobsOnce(deps)
      .then((counts) => {
        if (Object.values(counts).some((n) => n > 0)) deps.log.info(counts, 'background jobs ran');
      })
      // Each job catches its own failure; this is only for the logging itself failing.
      .catch((err) => deps.log.error({ err }, 'background jobs failed'));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
