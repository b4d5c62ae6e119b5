import { Resolver } from 'node:dns/promises';

/** The DNS questions the policy asks; node's `Resolver` answers them, tests inject their own. */
export interface DomainLookup {
  resolveMx(domain: string): Promise<{ exchange: string; priority: number }[]>;
  resolve4(domain: string): Promise<string[]>;
  resolve6(domain: string): Promise<string[]>;
}

/** `exists`: mail can be delivered; `not_found`: DNS says it cannot; `unknown`: DNS did not say. */
export type DomainStatus = 'exists' | 'not_found' | 'unknown';

export const DNS_TIMEOUT_MS = 2000;

/** DNS answers that mean "no such records"; everything else (timeout, SERVFAIL, refused) is unknown. */
const noSuchDomain = new Set(['ENOTFOUND']);
const noSuchRecords = new Set(['ENODATA']);

function errorCode(error: unknown): string {
  return typeof error === 'object' && error && 'code' in error ? String(error.code) : '';
}

type Answer<T> = { ok: true; records: T } | { ok: false; code: string };

async function ask<T>(question: () => Promise<T>): Promise<Answer<T>> {
  try {
    return { ok: true, records: await question() };
  } catch (error) {
    return { ok: false, code: errorCode(error) };
  }
}

/** Asks DNS whether a domain accepts mail: MX, then A/AAAA as fallback; a null MX means no. */
export async function lookUpDomain(domain: string, dns: DomainLookup): Promise<DomainStatus> {
  const mx = await ask(() => dns.resolveMx(domain));
  if (mx.ok && mx.records.length > 0) {
    // RFC 7505: a single "0 ." record says the domain accepts no mail.
    const nullMx = mx.records.every((r) => r.exchange === '' || r.exchange === '.');
    return nullMx ? 'not_found' : 'exists';
  }
  if (!mx.ok && noSuchDomain.has(mx.code)) return 'not_found';
  if (!mx.ok && !noSuchRecords.has(mx.code)) return 'unknown';
  // No MX records: RFC 5321 falls back to the address records.
  const [a, aaaa] = await Promise.all([
    ask(() => dns.resolve4(domain)),
    ask(() => dns.resolve6(domain)),
  ]);
  if ((a.ok && a.records.length > 0) || (aaaa.ok && aaaa.records.length > 0)) return 'exists';
  const settled = [a, aaaa].every(
    (r) => r.ok || noSuchDomain.has(r.code) || noSuchRecords.has(r.code),
  );
  return settled ? 'not_found' : 'unknown';
}

/** A lookup that never asks anything: every domain is `unknown` (DNS_SERVERS=off). */
export const noDns: DomainLookup = {
  resolveMx: () => Promise.reject(Object.assign(new Error('DNS is off'), { code: 'EOFF' })),
  resolve4: () => Promise.reject(Object.assign(new Error('DNS is off'), { code: 'EOFF' })),
  resolve6: () => Promise.reject(Object.assign(new Error('DNS is off'), { code: 'EOFF' })),
};

/** A domain that certainly publishes MX records; if DNS denies even this one, DNS is not working. */
export const CANARY_DOMAIN = 'gmail.com';

/**
 * Wraps the system resolver so that "no such domain" is believed only while DNS can find the
 * canary: an offline machine or a sinkholing resolver then leaves addresses unverified instead
 * of rejecting every one of them.
 */
export function guardedAgainstOfflineDns(dns: DomainLookup, now = () => Date.now()): DomainLookup {
  let canary: { working: boolean; expires: number } | null = null;
  const dnsWorks = async () => {
    if (!canary || canary.expires <= now()) {
      const answer = await ask(() => dns.resolveMx(CANARY_DOMAIN));
      canary = { working: answer.ok && answer.records.length > 0, expires: now() + 60_000 };
    }
    return canary.working;
  };
  const guard =
    <T>(question: (domain: string) => Promise<T>) =>
    async (domain: string): Promise<T> => {
      try {
        return await question(domain);
      } catch (error) {
        if (noSuchDomain.has(errorCode(error)) && !(await dnsWorks())) {
          throw Object.assign(new Error('DNS cannot resolve known domains'), { code: 'EOFFLINE' });
        }
        throw error;
      }
    };
  return {
    resolveMx: guard((d) => dns.resolveMx(d)),
    resolve4: guard((d) => dns.resolve4(d)),
    resolve6: guard((d) => dns.resolve6(d)),
  };
}

const resolvers = new Map<string, DomainLookup>();

/**
 * The resolver for a DNS_SERVERS setting: the system's when unset, none when 'off', else those
 * servers; one per setting so its answers can be cached.
 */
export function resolverFor(servers: readonly string[] | 'off' | undefined): DomainLookup {
  if (servers === 'off') return noDns;
  const key = servers?.join(',') ?? '';
  let resolver = resolvers.get(key);
  if (!resolver) {
    const r = new Resolver({ timeout: DNS_TIMEOUT_MS, tries: 1 });
    if (servers?.length) r.setServers([...servers]);
    // Servers an operator names are trusted as they answer; the system's are checked for being offline.
    resolver = servers?.length ? r : guardedAgainstOfflineDns(r);
    resolvers.set(key, resolver);
  }
  return resolver;
}

type Remembered = Map<string, { status: DomainStatus; expires: number }>;
const caches = new WeakMap<DomainLookup, Remembered>();
const REMEMBER_MS: Record<DomainStatus, number> = {
  exists: 10 * 60_000,
  not_found: 10 * 60_000,
  // Asked again soon: the server may be back.
  unknown: 30_000,
};

/**
 * `lookUpDomain` with answers remembered per resolver, since the live check asks about the same
 * domain at every pause in typing.
 */
export async function domainStatus(
  domain: string,
  dns: DomainLookup,
  now = Date.now(),
): Promise<DomainStatus> {
  let remembered = caches.get(dns);
  if (!remembered) {
    remembered = new Map();
    caches.set(dns, remembered);
  }
  const hit = remembered.get(domain);
  if (hit && hit.expires > now) return hit.status;
  const status = await lookUpDomain(domain, dns);
  if (remembered.size >= 5000) remembered.clear();
  remembered.set(domain, { status, expires: now + REMEMBER_MS[status] });
  return status;
}
