import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

/** The goal: the product page serves at least this share of the bare route's rate. */
export const PRODUCT_PAGE_TARGET_RATIO = 0.3;

/** One measured line of the table. */
export interface Row {
  database: string;
  target: string;
  /** Requests per second, or orders per second for the checkout line. */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** perSecond divided by the same database's /healthz requests per second. */
  ratio: number;
  errors: number;
  total: number;
}

export interface Report {
  date: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    platform: string;
    node: string;
  };
  settings: { seconds: number; warmupSeconds: number; connections: number };
  rows: Row[];
  goals: { database: string; productPageRatio: number; met: boolean }[];
  notes: string[];
}

/** Describes the machine the figures came from. */
export function machineInfo(): Report['machine'] {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    platform: `${platform()} ${release()}`,
    node: process.version,
  };
}

/** The goal verdict per database, from its product-page row. */
export function goals(rows: Row[]): Report['goals'] {
  return rows
    .filter((r) => r.target.startsWith('/p/'))
    .map((r) => ({
      database: r.database,
      productPageRatio: round(r.ratio, 3),
      met: r.ratio >= PRODUCT_PAGE_TARGET_RATIO,
    }));
}

/** The figures as a Markdown table plus the goal verdicts. */
export function markdown(report: Report): string {
  const m = report.machine;
  const lines = [
    '# Tenpo benchmark',
    '',
    `${report.date} · ${m.cpus} × ${m.cpuModel} · ${m.memoryGb} GB · ${m.platform} · Node ${m.node}`,
    `${report.settings.seconds} s per target after a ${report.settings.warmupSeconds} s warm-up, ` +
      `${report.settings.connections} connections (checkout: as many concurrent buyers).`,
    '',
    ...table(
      ['database', 'target', 'req/s', 'p50 ms', 'p99 ms', 'ratio to baseline', 'errors'],
      report.rows.map((r) => [
        r.database,
        r.target,
        fmt(r.perSecond),
        fmt(r.p50Ms),
        fmt(r.p99Ms),
        r.ratio.toFixed(3),
        `${r.errors}/${r.total}`,
      ]),
    ),
    '',
    `Goal: product page at ${PRODUCT_PAGE_TARGET_RATIO} of the bare route or better.`,
    '',
    ...report.goals.map(
      (g) => `- ${g.database}: ${g.productPageRatio.toFixed(3)} → ${g.met ? 'met' : 'NOT met'}`,
    ),
    ...(report.notes.length > 0 ? ['', ...report.notes.map((n) => `- ${n}`)] : []),
    '',
  ];
  return lines.join('\n');
}

/** Writes bench/results/latest.json and latest.md. */
export function writeReport(report: Report) {
  const dir = fileURLToPath(new URL('results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}latest.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${dir}latest.md`, markdown(report));
  return dir;
}

// Columns padded the way biome formats Markdown, so the written file passes `npm run lint`.
function table(header: string[], body: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const right = (i: number) => i >= 2;
  const cell = (text: string, i: number) =>
    right(i) ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = widths.map((w, i) => (right(i) ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
  return [line(header), `| ${rule.join(' | ')} |`, ...body.map(line)];
}

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

/** Rounds to a few decimals so the JSON stays readable. */
export function round(n: number, digits = 2): number {
  return Number(n.toFixed(digits));
}
