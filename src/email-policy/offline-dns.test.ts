import { describe, expect, it } from 'vitest';
import {
  CANARY_DOMAIN,
  type DomainLookup,
  guardedAgainstOfflineDns,
  lookUpDomain,
} from './dns-check.ts';

const notFound = () => Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' }));

function dnsKnowing(domains: string[]): DomainLookup {
  return {
    resolveMx: (d) =>
      domains.includes(d) ? Promise.resolve([{ exchange: `mx.${d}`, priority: 10 }]) : notFound(),
    resolve4: notFound,
    resolve6: notFound,
  };
}

describe('DNS that is offline', () => {
  it('leaves a domain unknown when DNS cannot even find the canary domain', async () => {
    const sinkhole = guardedAgainstOfflineDns(dnsKnowing([]));
    expect(await lookUpDomain('example.org', sinkhole)).toBe('unknown');
  });

  it('still says not found when DNS works and the domain does not exist', async () => {
    const working = guardedAgainstOfflineDns(dnsKnowing([CANARY_DOMAIN]));
    expect(await lookUpDomain('no-such-domain.example', working)).toBe('not_found');
    expect(await lookUpDomain(CANARY_DOMAIN, working)).toBe('exists');
  });
});
