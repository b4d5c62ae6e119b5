/** A DNS error the way node:dns reports one, which is what mailauth checks for. */
function dnsError(code: 'ENOTFOUND' | 'ENODATA', name: string, rrtype: string): Error {
  const error = new Error(`${code} ${name} ${rrtype}`) as Error & { code: string };
  error.code = code;
  return error;
}

/** Splits a TXT value into the ≤255-byte character-strings one DNS TXT record is made of. */
export function txtStrings(value: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i += 255) parts.push(value.slice(i, i + 255));
  return parts;
}

/** A zone: for each name, the TXT records published there (each record one full value). */
export type TxtZone = Record<string, string[]>;

/**
 * A resolver with the signature of `dns.promises.resolve`, answering from a fixed zone: TXT
 * records as arrays of character-strings, ENOTFOUND for unknown names and ENODATA for other types.
 * It also remembers every question, so tests can see what a verifier looked up.
 */
export function fakeDns(zone: TxtZone) {
  const questions: string[] = [];
  const records = new Map(Object.entries(zone).map(([name, txt]) => [name.toLowerCase(), txt]));
  const resolver = async (name: string, rrtype: string): Promise<string[][]> => {
    const key = name.toLowerCase().replace(/\.$/, '');
    questions.push(`${key} ${rrtype}`);
    const txt = records.get(key);
    if (!txt) throw dnsError('ENOTFOUND', name, rrtype);
    if (rrtype !== 'TXT') throw dnsError('ENODATA', name, rrtype);
    return txt.map(txtStrings);
  };
  return { resolver, questions };
}
