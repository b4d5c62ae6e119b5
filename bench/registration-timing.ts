import { createApp } from '../src/app.tsx';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { parseEnv } from '../src/env.ts';
import { makeMember, testClock } from '../src/testing/factories.ts';
import { formClient, testAppDeps } from '../src/testing/http-client.ts';

// `npx tsx bench/registration-timing.ts [rounds]`: POST /account/register with a new address and
// with a member's address, alternately, in process on PGlite (or TEST_DATABASE_URL), and prints
// the median time of each path. The two must not differ (no account enumeration by timing).
const rounds = Number(process.argv[2] ?? 40);
const warmup = 5;
const database = await openDatabase(
  process.env.TEST_DATABASE_URL ? { url: process.env.TEST_DATABASE_URL } : {},
);
await migrate(database);
const clock = testClock();
const env = parseEnv({ LOG_LEVEL: 'silent', DNS_SERVERS: 'off' });
const app = createApp(testAppDeps(database.db, { clock, env }));

async function timeRegistration(email: string, tag: string): Promise<number> {
  // A fresh hour each time, so the per-address and per-IP limits never decide the path.
  clock.advance(25 * 3600_000);
  const browser = formClient(app);
  await browser.get('/account/register');
  const id = `${tag}${Math.random().toString(36).slice(2, 9)}`;
  const values = {
    memberCode: `b_${id}`,
    email: email || `new.${id}@example.com`,
    name: 'Aiko',
    password: 'a long enough password',
    locale: 'en',
  };
  const started = performance.now();
  const res = await browser.post('/account/register', values);
  const ms = performance.now() - started;
  if (res.status !== 303) throw new Error(`registration answered ${res.status}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const fresh: number[] = [];
const taken: number[] = [];
for (let i = 0; i < rounds + warmup; i++) {
  const member = await makeMember(database.db);
  // Alternate the order, so neither path always runs on a warmer cache.
  const pair =
    i % 2
      ? [await timeRegistration('', 'f'), await timeRegistration(member.email, 't')]
      : [await timeRegistration(member.email, 't'), await timeRegistration('', 'f')].reverse();
  if (i < warmup) continue;
  fresh.push(pair[0]!);
  taken.push(pair[1]!);
}
const fmt = (n: number) => n.toFixed(3);
if (process.env.BENCH_VERBOSE) console.log({ fresh: fresh.map(fmt), taken: taken.map(fmt) });
console.log(
  `${database.kind}, ${rounds} rounds: new address median ${fmt(median(fresh))} ms, ` +
    `member's address median ${fmt(median(taken))} ms, difference ${fmt(median(taken) - median(fresh))} ms`,
);
await database.close();
