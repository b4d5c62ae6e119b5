import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../env.ts';
import { checkEmailAddress } from './check-email-address.ts';

const dnsmasq = ['/usr/sbin/dnsmasq', '/usr/bin/dnsmasq'].find((p) => existsSync(p));
const missing = 'dnsmasq is not installed (apt-get install dnsmasq-base)';

/** A UDP port nobody uses right now (small race, fine for tests). */
function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

async function waitForAnswers(port: number) {
  const resolver = new Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  for (let i = 0; i < 50; i++) {
    try {
      await resolver.resolve4('exists.test');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('dnsmasq did not answer');
}

// Outside CI a machine without dnsmasq skips this; in CI (.ci/run installs it) it must run.
describe.skipIf(!dnsmasq && !process.env.CI)(
  `DNS_SERVERS against a real dnsmasq${dnsmasq ? '' : ` (skipped: ${missing})`}`,
  () => {
    let server: ChildProcess | undefined;
    let port = 0;
    let log = '';

    beforeAll(async () => {
      if (!dnsmasq) throw new Error(`${missing}; CI must install it`);
      port = await freeUdpPort();
      server = spawn(
        dnsmasq,
        [
          '--keep-in-foreground',
          '--log-facility=-',
          '--conf-file=/dev/null',
          '--pid-file=',
          `--port=${port}`,
          '--listen-address=127.0.0.1',
          '--bind-interfaces',
          '--no-resolv',
          '--no-hosts',
          // Everything under .test is answered here only: unknown names are NXDOMAIN.
          '--local=/test/',
          '--mx-host=mail.test,mx.mail.test,10',
          '--host-record=mx.mail.test,127.0.0.1',
          '--host-record=exists.test,127.0.0.1',
          // RFC 7505 null MX: preference 0, exchange "." (the root name, one zero byte).
          '--dns-rr=nullmx.test,15,000000',
          '--host-record=nullmx.test,127.0.0.1',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      server.stdout?.on('data', (d) => {
        log += d;
      });
      server.stderr?.on('data', (d) => {
        log += d;
      });
      try {
        await waitForAnswers(port);
      } catch (error) {
        throw new Error(`${(error as Error).message}:\n${log}`);
      }
    });

    afterAll(() => {
      server?.kill('SIGTERM');
    });

    it('answers from the configured servers: MX, A only, null MX, NXDOMAIN, refused', async () => {
      const env = parseEnv({ DNS_SERVERS: `127.0.0.1:${port}` });
      const verdicts: Record<string, unknown> = {};
      for (const domain of [
        'mail.test',
        'exists.test',
        'nullmx.test',
        'missing.test',
        'gmail.com',
      ]) {
        const check = await checkEmailAddress(`taro@${domain}`, { env });
        verdicts[domain] = [check.verdict, check.problems.map((p) => p.code), check.unverified];
      }
      expect(verdicts, log).toEqual({
        'mail.test': ['ok', [], false],
        'exists.test': ['ok', [], false],
        'nullmx.test': ['reject', ['domain_not_found'], false],
        'missing.test': ['reject', ['domain_not_found'], false],
        // Not ours and no upstream: dnsmasq refuses, which never rejects an address.
        'gmail.com': ['ok', [], true],
      });
    });
  },
);
