import autocannon from 'autocannon';
import {
  type BenchDatabaseKind,
  benchDatabaseKinds,
  createBenchDatabase,
} from './bench-database.ts';
import { runBuyers } from './buyers.ts';
import {
  goals,
  machineInfo,
  markdown,
  type Report,
  type Row,
  round,
  writeReport,
} from './report.ts';
import { startServer } from './server-process.ts';

// `npm run bench`: each page and the checkout flow against the real shop, per database.
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmupSeconds = 2;
const connections = 50;

async function measureRoute(url: string, path: string) {
  const target = url + path;
  await autocannon({ url: target, connections, duration: warmupSeconds });
  const result = await autocannon({ url: target, connections, duration: seconds });
  return {
    perSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
    total: result.requests.total,
  };
}

async function benchDatabase(kind: BenchDatabaseKind): Promise<{ rows: Row[]; notes: string[] }> {
  const database = await createBenchDatabase(kind);
  const notes: string[] = [];
  try {
    const server = await startServer(database.serverEnv);
    try {
      console.log(`[${kind}] shop pid ${server.pid} at ${server.url}`);
      // A demo product as a shopper would find it: the first product link on the home page.
      const home = await (await fetch(`${server.url}/`)).text();
      const slugs = [...home.matchAll(/href="\/p\/([^"]+)"/g)].map((m) => m[1]!);
      const slug = slugs.find((s) => s !== database.product.slug) ?? database.product.slug;

      const rows: Row[] = [];
      const add = (target: string, m: Awaited<ReturnType<typeof measureRoute>>) => {
        const baseline = rows[0]?.perSecond ?? m.perSecond;
        const row = { database: kind, target, ...m, ratio: m.perSecond / baseline };
        rows.push(row);
        console.log(
          `[${kind}] ${target}: ${row.perSecond.toFixed(1)}/s p50 ${row.p50Ms.toFixed(1)} ms p99 ${row.p99Ms.toFixed(1)} ms`,
        );
      };
      add('/healthz (baseline)', await measureRoute(server.url, '/healthz'));
      add('/ (home)', await measureRoute(server.url, '/'));
      add(`/p/${slug}`, await measureRoute(server.url, `/p/${slug}`));
      add(
        '/guide/if-you-do-not-receive-an-email',
        await measureRoute(server.url, '/guide/if-you-do-not-receive-an-email'),
      );
      add('/guide/search?q=shipping', await measureRoute(server.url, '/guide/search?q=shipping'));

      const buyers = { url: server.url, slug: database.product.slug, buyers: connections };
      await runBuyers({ ...buyers, seconds: warmupSeconds });
      const checkout = await runBuyers({ ...buyers, seconds });
      add('checkout (orders/s)', {
        perSecond: checkout.ordersPerSecond,
        p50Ms: checkout.p50Ms,
        p99Ms: checkout.p99Ms,
        errors: checkout.failures,
        total: checkout.orders + checkout.failures,
      });
      for (const sample of checkout.failureSamples)
        notes.push(`${kind} checkout failure: ${sample}`);
      return {
        rows: rows.map((r) => ({
          ...r,
          perSecond: round(r.perSecond, 1),
          p50Ms: round(r.p50Ms),
          p99Ms: round(r.p99Ms),
          ratio: round(r.ratio, 4),
        })),
        notes,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

const rows: Row[] = [];
const notes: string[] = [];
for (const kind of benchDatabaseKinds()) {
  const result = await benchDatabase(kind);
  rows.push(...result.rows);
  notes.push(...result.notes);
}
const report: Report = {
  date: new Date().toISOString(),
  machine: machineInfo(),
  settings: { seconds, warmupSeconds, connections },
  rows,
  goals: goals(rows),
  notes,
};
const dir = writeReport(report);
console.log(`\n${markdown(report)}`);
console.log(`Written to ${dir}latest.json and latest.md`);
