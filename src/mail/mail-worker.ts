import type { Database } from '../db/client.ts';
import { deliverDueMail, type MailerDeps } from './deliver-mail.ts';
import { OUTBOX_CHANNEL } from './enqueue-mail.ts';

/** Sends outbox mail as it arrives: woken by NOTIFY when a mail commits, and by a slow poll for retries. */
export async function startMailWorker(
  database: Database,
  deps: MailerDeps,
  options: { pollMs?: number } = {},
): Promise<{ stop(): Promise<void>; drain(): Promise<void> }> {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;

  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      // A wake-up during a run means new mail may have arrived after the last claim: run once more.
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await deliverDueMail(deps);
        } catch (error) {
          deps.log.error({ err: error }, 'mail delivery pass failed');
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const unlisten = await database.listen(
    OUTBOX_CHANNEL,
    () => void run(),
    (error) =>
      deps.log.warn({ err: error }, 'lost the LISTEN connection; reconnecting, polling meanwhile'),
  );
  const timer = setInterval(() => void run(), options.pollMs ?? 5_000);
  void run();
  return {
    drain: async () => {
      await run();
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await unlisten();
      await running;
      deps.transport.close();
    },
  };
}
