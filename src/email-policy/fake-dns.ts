import type { DomainLookup } from './dns-check.ts';

/** What a fake DNS server knows about one name, or how it fails for it. */
export type FakeZone =
  | {
      mx?: readonly { exchange: string; priority: number }[];
      a?: readonly string[];
      aaaa?: readonly string[];
    }
  | 'nxdomain'
  | 'servfail'
  | 'timeout';

function failure(code: string): Error {
  return Object.assign(new Error(`fake DNS: ${code}`), { code });
}

/**
 * A DomainLookup answering from a table, for tests: names missing from the table are NXDOMAIN,
 * a name without records of the asked type is NODATA; `calls` records every question.
 */
export function fakeDns(zones: Record<string, FakeZone>) {
  const calls: string[] = [];
  function answer<T>(domain: string, type: 'mx' | 'a' | 'aaaa'): Promise<T[]> {
    calls.push(`${type} ${domain}`);
    const zone = zones[domain] ?? 'nxdomain';
    if (zone === 'nxdomain') return Promise.reject(failure('ENOTFOUND'));
    if (zone === 'servfail') return Promise.reject(failure('ESERVFAIL'));
    if (zone === 'timeout') return Promise.reject(failure('ETIMEOUT'));
    const records = [...(zone[type] ?? [])] as T[];
    return records.length ? Promise.resolve(records) : Promise.reject(failure('ENODATA'));
  }
  const dns: DomainLookup & { calls: string[] } = {
    calls,
    resolveMx: (domain) => answer(domain, 'mx'),
    resolve4: (domain) => answer(domain, 'a'),
    resolve6: (domain) => answer(domain, 'aaaa'),
  };
  return dns;
}
