import { and, eq, lt } from 'drizzle-orm';
import type { Logger } from 'pino';
import { pruneSignInFailures } from '../accounts/sign-in-throttle.ts';
import { sessions } from '../accounts/tables.ts';
import { checkouts } from '../checkout/tables.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { releasePendingVoids } from '../orders/cancel-order.ts';
import { cancelOverduePaymentFixes, captureAgedAuthorisations } from '../payments/payment-jobs.ts';
import type { PaymentProvider } from '../payments/provider.ts';
import { pruneRateLimits } from '../web/rate-limit.ts';

type Deps = { db: Db; clock: Clock; payments: PaymentProvider; log: Logger };

/** Releases the card authorisations of 3-D Secure checkouts the customer never finished. */
export async function abandonExpiredCheckouts(deps: Deps): Promise<number> {
  const expired = await deps.db
    .update(checkouts)
    .set({ state: 'abandoned' })
    .where(
      and(eq(checkouts.state, 'awaiting_challenge'), lt(checkouts.expiresAt, deps.clock.now())),
    )
    .returning({ ref: checkouts.paymentRef });
  for (const { ref } of expired) await deps.payments.void(ref);
  return expired.length;
}

export async function deleteExpiredSessions(deps: Deps): Promise<number> {
  const gone = await deps.db
    .delete(sessions)
    .where(lt(sessions.expiresAt, deps.clock.now()))
    .returning({ id: sessions.idHash });
  return gone.length;
}

/** One pass of every periodic job; each is idempotent, so several workers may run them. */
export async function runJobsOnce(deps: Deps): Promise<Record<string, number>> {
  return {
    voidsReleased: await releasePendingVoids(deps),
    agedAuthorisationsCaptured: await captureAgedAuthorisations(deps),
    paymentFixesExpired: await cancelOverduePaymentFixes(deps),
    checkoutsAbandoned: await abandonExpiredCheckouts(deps),
    sessionsDeleted: await deleteExpiredSessions(deps),
    rateLimitsPruned: await pruneRateLimits(deps.db, deps.clock.now()),
    signInFailuresPruned: await pruneSignInFailures(deps.db, deps.clock.now()),
  };
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
