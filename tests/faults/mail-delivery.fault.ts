import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, type Db, rowsOf } from '../../src/db/client.ts';
import { systemClock } from '../../src/lib/clock.ts';
import { enqueueMail, OUTBOX_CHANNEL } from '../../src/mail/enqueue-mail.ts';
import { createTestDatabase } from '../../src/testing/databases.ts';
import { makeOrder, makeProduct, testDeps } from '../../src/testing/factories.ts';
import { type ReceivedMail, type RecordingSmtp, recordingSmtp } from './recording-smtp.ts';
import {
  killAllWorkers,
  startWorker,
  waitFor,
  waitUntilListening,
  workerConnections,
} from './worker-process.ts';

// Every scenario runs real `src/worker.ts` processes against one PostgreSQL server (PGlite is
// embedded in a single process, so it cannot host two workers or outlive a killed one).
const needsPostgres = !process.env.TEST_DATABASE_URL;

/** Messages per state, e.g. { sent: 498, sending: 2 }. */
async function stateCounts(db: Db): Promise<Record<string, number>> {
  const rows = rowsOf<{ state: string; n: number }>(
    await db.execute(sql`select state, count(*)::int as n from outbox_messages group by state`),
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

async function idsWhere(db: Db, state: string): Promise<Set<string>> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select id from outbox_messages where state = ${state}`),
  );
  return new Set(rows.map((r) => r.id));
}

/** Each message's event types, oldest first. */
async function timelines(db: Db): Promise<Map<string, string[]>> {
  const rows = rowsOf<{ id: string; types: string[] }>(
    await db.execute(sql`
      select message_id as id, array_agg(type order by id) as types
      from mail_events group by message_id`),
  );
  return new Map(rows.map((r) => [r.id, r.types]));
}

/** Staff notices to `count` customers, committed together (one NOTIFY wakes the workers). */
async function enqueueNotices(db: Db, count: number, tag: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(
        await enqueueMail(tx, {
          topic: 'important_notice',
          recipient: `${tag}.${i}@example.com`,
          locale: i % 2 === 0 ? 'en' : 'ja',
          payload: {
            subjectEn: 'Release delay',
            subjectJa: '発売延期のお知らせ',
            bodyEn: 'The release moves to next month.',
            bodyJa: '発売日が来月に変更になりました。',
          },
          now: systemClock.now(),
        }),
      );
    }
    return ids;
  });
}

/** Runs `task(0…count-1)` with at most `concurrency` at a time. */
async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** How often the server accepted each outbox message (by X-Tenpo-Message-Id). */
function timesReceived(received: ReceivedMail[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of received) counts.set(mail.tenpoId!, (counts.get(mail.tenpoId!) ?? 0) + 1);
  return counts;
}

describe.skipIf(needsPostgres)(
  'mail pipeline faults with real worker processes [postgres; skipped unless TEST_DATABASE_URL is set]',
  () => {
    let database: (Database & { url?: string }) | null = null;
    let smtp: RecordingSmtp | null = null;

    afterEach(async () => {
      // Even when an assertion failed: no worker may outlive its test, nor its database.
      await killAllWorkers();
      await smtp?.stop();
      await database?.close();
      smtp = null;
      database = null;
    });

    /** Every accepted message carries the stable Message-ID derived from its outbox id. */
    const expectStableMessageIds = (received: ReceivedMail[]) => {
      for (const mail of received) expect(mail.messageId).toBe(`<${mail.tenpoId}@tenpo.example>`);
    };

    it('SMTP down while 500 orders are placed, then back: every mail delivered once', async () => {
      database = await createTestDatabase('postgres', 12);
      const db = database.db;
      const server = await recordingSmtp({ listening: false });
      smtp = server;
      const worker = startWorker('tenpo-fault-smtp-down', {
        DATABASE_URL: database.url!,
        SMTP_URL: server.url(),
      });
      await waitUntilListening(db, worker);

      // Real orders through placeOrder, so each confirmation is written in the order's transaction.
      const deps = testDeps(db, systemClock);
      const products = await Promise.all(
        Array.from({ length: 10 }, () => makeProduct(db, { stock: 100 })),
      );
      const placing = Date.now();
      await inParallel(500, 8, async (i) => {
        await makeOrder(deps, [{ product: products[i % products.length]!, quantity: 1 }], {
          email: `down.${i}@example.com`,
          locale: i % 2 === 0 ? 'en' : 'ja',
        });
      });
      const placedMs = Date.now() - placing;

      // Every confirmation has met the closed port at least once before the server returns.
      await waitFor(
        'all 500 confirmations to be deferred',
        async () => {
          return (await stateCounts(db)).deferred === 500;
        },
        { timeoutMs: 30_000, explain: async () => JSON.stringify(await stateCounts(db)) },
      );
      expect(server.received).toHaveLength(0);

      await server.start();
      // The backoff starts at 1 minute. Instead of waiting, do what an operator's "retry now"
      // would: make deferred mail due at once and wake the workers.
      const back = Date.now();
      await db.execute(
        sql`update outbox_messages set next_attempt_at = now() where state = 'deferred'`,
      );
      await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
      await waitFor(
        'all 500 confirmations to be sent',
        async () => {
          return (await stateCounts(db)).sent === 500;
        },
        {
          timeoutMs: 45_000,
          explain: async () => `${JSON.stringify(await stateCounts(db))}\n${worker.output()}`,
        },
      );
      const drainedMs = Date.now() - back;

      const confirmations = rowsOf<{ id: string }>(
        await db.execute(sql`select id from outbox_messages where topic = 'order_placed'`),
      ).map((r) => r.id);
      expect(confirmations).toHaveLength(500);
      expect(await stateCounts(db)).toEqual({ sent: 500 });
      // None lost: every confirmation reached the server; none twice.
      const counts = timesReceived(server.received);
      expect([...counts.keys()].sort()).toEqual([...confirmations].sort());
      expect(server.duplicates()).toEqual([]);
      expect(server.received).toHaveLength(500);
      expectStableMessageIds(server.received);
      // The delivery log shows the failed try before the delivery.
      for (const [id, types] of await timelines(db)) {
        expect(types[0], id).toBe('queued');
        expect(types.at(-1), id).toBe('sent');
        expect(
          types.filter((t) => t === 'sent'),
          id,
        ).toHaveLength(1);
        expect(types.indexOf('deferred'), id).toBeGreaterThan(0);
      }
      console.info(
        `[faults] SMTP down: 500 orders placed in ${placedMs} ms; all sent ${drainedMs} ms after ` +
          `the server came back; received ${server.received.length}, duplicates ${server.duplicates().length}`,
      );
    }, 90_000);

    it('worker killed with SIGKILL mid-batch and restarted: duplicates only for mail in flight', async () => {
      database = await createTestDatabase('postgres');
      const db = database.db;
      // A slow 250 reply widens the window between "server has it" and "worker recorded it".
      const server = await recordingSmtp({ replyDelayMs: 20 });
      smtp = server;
      const ids = await enqueueNotices(db, 300, 'killed');
      const env = { DATABASE_URL: database.url!, SMTP_URL: server.url() };

      const first = startWorker('tenpo-fault-killed', env);
      // 110, not 100: batches are 20 messages, so the kill lands in the middle of one.
      await waitFor('110 messages to reach the server', () => server.received.length >= 110, {
        timeoutMs: 30_000,
        intervalMs: 5,
        explain: first.output,
      });
      await first.kill('SIGKILL');
      const receivedAtKill = server.received.length;
      // A COMMIT the worker sent just before dying is still applied by PostgreSQL: read the state
      // only once its connections are gone.
      await waitFor('the killed worker’s connections to close', async () => {
        return (await workerConnections(db, first.name)).total === 0;
      });
      const inFlight = await idsWhere(db, 'sending');
      const sentAtKill = await idsWhere(db, 'sent');
      expect(inFlight.size).toBeGreaterThan(0);
      expect(sentAtKill.size).toBeLessThan(300);
      const [{ leased } = { leased: 0 }] = rowsOf<{ leased: number }>(
        await db.execute(sql`
          select count(*)::int as leased from outbox_messages
          where state = 'sending' and locked_until > now()`),
      );
      expect(leased).toBe(inFlight.size);

      // The dead worker's claims last CLAIM_LEASE_SECONDS (5 minutes). Simulate that time
      // passing by expiring them; done before the new worker starts, so its own claims keep
      // their leases.
      await db.execute(
        sql`update outbox_messages set locked_until = now() where state = 'sending'`,
      );
      const second = startWorker('tenpo-fault-restarted', env);
      await waitFor(
        'all 300 notices to be sent',
        async () => {
          return (await stateCounts(db)).sent === 300;
        },
        {
          timeoutMs: 45_000,
          explain: async () => `${JSON.stringify(await stateCounts(db))}\n${second.output()}`,
        },
      );

      expect(await stateCounts(db)).toEqual({ sent: 300 });
      const counts = timesReceived(server.received);
      expect([...counts.keys()].sort()).toEqual([...ids].sort());
      expectStableMessageIds(server.received);
      const duplicated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
      // The stated window: accepted by the server, not yet recorded as sent when the worker died.
      for (const id of duplicated) {
        expect(inFlight.has(id), `${id} was sent twice but was not in flight`).toBe(true);
        expect(sentAtKill.has(id), `${id} was recorded sent, then sent again`).toBe(false);
      }
      expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
      console.info(
        `[faults] SIGKILL: killed after ${receivedAtKill} accepted; ${sentAtKill.size} recorded ` +
          `sent, ${inFlight.size} in flight; ${duplicated.length} duplicates (all in flight)`,
      );
    }, 90_000);

    it('two workers on one PostgreSQL: no message sent twice, both do work', async () => {
      database = await createTestDatabase('postgres');
      const db = database.db;
      const server = await recordingSmtp({ replyDelayMs: 5 });
      smtp = server;
      // Each worker logs in with its own SMTP user, so the server can tell who sent what.
      const a = startWorker('tenpo-fault-pair-a', {
        DATABASE_URL: database.url!,
        SMTP_URL: server.url('worker-a'),
      });
      const b = startWorker('tenpo-fault-pair-b', {
        DATABASE_URL: database.url!,
        SMTP_URL: server.url('worker-b'),
      });
      await Promise.all([waitUntilListening(db, a), waitUntilListening(db, b)]);

      // One commit, one NOTIFY: both workers wake at the same moment and race for the rows.
      const ids = await enqueueNotices(db, 400, 'pair');
      const started = Date.now();
      await waitFor(
        'all 400 notices to be sent',
        async () => {
          return (await stateCounts(db)).sent === 400;
        },
        {
          timeoutMs: 45_000,
          explain: async () =>
            `${JSON.stringify(await stateCounts(db))}\n${a.output()}\n${b.output()}`,
        },
      );
      const sentMs = Date.now() - started;

      const counts = timesReceived(server.received);
      expect([...counts.keys()].sort()).toEqual([...ids].sort());
      expect(server.duplicates()).toEqual([]);
      expect(server.received).toHaveLength(400);
      expectStableMessageIds(server.received);
      const byWorker = { a: 0, b: 0 };
      for (const mail of server.received) {
        if (mail.user === 'worker-a') byWorker.a++;
        else if (mail.user === 'worker-b') byWorker.b++;
      }
      expect(byWorker.a + byWorker.b).toBe(400);
      expect(byWorker.a).toBeGreaterThan(0);
      expect(byWorker.b).toBeGreaterThan(0);
      // Each message was claimed once and has exactly one 'sent' in its log.
      const [{ retried } = { retried: -1 }] = rowsOf<{ retried: number }>(
        await db.execute(
          sql`select count(*)::int as retried from outbox_messages where attempts <> 1`,
        ),
      );
      expect(retried).toBe(0);
      for (const [id, types] of await timelines(db)) expect(types, id).toEqual(['queued', 'sent']);
      console.info(
        `[faults] two workers: 400 sent in ${sentMs} ms; worker-a ${byWorker.a}, ` +
          `worker-b ${byWorker.b}; duplicates ${server.duplicates().length}`,
      );
    }, 90_000);
  },
);
