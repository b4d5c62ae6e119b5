import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** Starts `src/main.ts` the way `npm start` does and collects what it prints. */
function startShop(env: Record<string, string>) {
  const child = spawn(join('node_modules', '.bin', 'tsx'), ['src/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const printed = (text: string, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const started = Date.now();
      const timer = setInterval(() => {
        if (output.includes(text)) {
          clearInterval(timer);
          resolve(output);
        } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
          clearInterval(timer);
          reject(new Error(`did not print ${JSON.stringify(text)}:\n${output}`));
        }
      }, 100);
    });
  return { child, printed, output: () => output };
}

describe('npm start', () => {
  const children: ChildProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'tenpo-start-'));
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on the embedded defaults, prints where to go and the staff sign-in, and serves the shop', async () => {
    const shop = startShop({ PORT: '0', DATA_DIR: dataDir, PUBLIC_URL: 'http://127.0.0.1:1' });
    children.push(shop.child);
    const output = await shop.printed('Data:');
    expect(output).toContain('Admin:  http://127.0.0.1:1/admin');
    expect(output).toMatch(/Staff sign-in \(shown once\): admin@tenpo\.localhost \/ \S{10,}/);
    expect(output).toContain('/admin/mailbox');
    shop.child.kill('SIGTERM');
    await new Promise((resolve) => shop.child.once('exit', resolve));
  }, 90_000);

  it('stops with a message naming a wrong setting', async () => {
    const shop = startShop({ PORT: 'not-a-port', DATA_DIR: dataDir });
    children.push(shop.child);
    const code = await new Promise((resolve) => shop.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(shop.output()).toContain('PORT');
  }, 60_000);
});
