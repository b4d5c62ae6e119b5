import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../src/db/client.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A real `src/worker.ts` process, as production runs it next to the web processes. */
export interface WorkerProcess {
  /** Also its PostgreSQL application_name, so tests can see its connections. */
  readonly name: string;
  readonly pid: number;
  /** True once the process has ended, by exit or by signal. */
  readonly exited: boolean;
  /** The last part of what it printed (stdout and stderr), for failure messages. */
  output(): string;
  /** Sends the signal and resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<ChildProcess>();
// Should the test process itself end abruptly, take its workers with it.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts `src/worker.ts` with the given settings. It runs as `node --import tsx` in ONE process:
 * the `tsx` CLI would run the script in a grandchild, which a SIGKILL to `tsx` would not reach.
 */
export function startWorker(name: string, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      MAIL_RETRY_HOURS: '240',
      PGAPPNAME: name,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const ended = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  if (child.pid === undefined) throw new Error(`worker ${name} did not start`);
  const pid = child.pid;
  return {
    name,
    pid,
    get exited() {
      return child.exitCode !== null || child.signalCode !== null;
    },
    output: () => output,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, signal);
      await ended;
    },
  };
}

/** SIGKILLs every worker process these tests started and is still running (for afterEach). */
export async function killAllWorkers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
        }),
    ),
  );
}

/** Polls `check` until it is true; fails with `label` (and `explain()`, if given) on timeout. */
export async function waitFor(
  label: string,
  check: () => boolean | Promise<boolean>,
  options: {
    timeoutMs?: number;
    intervalMs?: number;
    explain?: () => string | Promise<string>;
  } = {},
): Promise<number> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() > deadline) {
      const detail = options.explain ? `\n${await options.explain()}` : '';
      throw new Error(`timed out after ${Date.now() - started} ms waiting for ${label}${detail}`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
}

/** Open PostgreSQL connections of a worker (by application_name); `listening` counts LISTENs. */
export async function workerConnections(
  db: Db,
  name: string,
): Promise<{ total: number; listening: number }> {
  const [row] = rowsOf<{ total: number; listening: number }>(
    await db.execute(sql`
      select count(*)::int as total,
        (count(*) filter (where query ilike 'listen %'))::int as listening
      from pg_stat_activity where application_name = ${name}`),
  );
  return row ?? { total: 0, listening: 0 };
}

/** Waits until the worker LISTENs for new mail, i.e. a commit from now on will wake it. */
export async function waitUntilListening(db: Db, worker: WorkerProcess): Promise<number> {
  return waitFor(
    `worker ${worker.name} to LISTEN`,
    async () => {
      if (worker.exited) throw new Error(`worker ${worker.name} ended:\n${worker.output()}`);
      return (await workerConnections(db, worker.name)).listening > 0;
    },
    { timeoutMs: 30_000, explain: () => worker.output() },
  );
}
