import { domainToASCII } from 'node:url';

/** Every rule of the address policy, in the order problems are reported. */
export const policyCodes = [
  'syntax',
  'symbol',
  'dot_position',
  'consecutive_dots',
  'too_long',
  'domain_syntax',
  'domain_not_found',
] as const;
export type PolicyCode = (typeof policyCodes)[number];

/** Why an address is not one plain address; each reason has its own message. */
export type SyntaxReason =
  | 'control'
  | 'space'
  | 'backslash'
  | 'quoted'
  | 'comment'
  | 'literal'
  | 'at'
  | 'empty';

export type RuleFinding =
  | { code: 'syntax'; reason: SyntaxReason }
  | { code: 'symbol'; characters: string[] }
  | { code: 'dot_position' | 'consecutive_dots' }
  | { code: 'too_long'; length: number }
  | { code: 'domain_syntax'; domain: string };

export interface RuleResult {
  /** Trimmed, domain lower-cased and in A-labels when it could be converted; local part as typed. */
  normalized: string;
  local: string;
  /** The domain as judged: lower-case A-labels (or lower-cased as typed when it is not a host name). */
  domain: string;
  /** The domain passed `domain_syntax`, so DNS may be asked about it. */
  domainValid: boolean;
  findings: RuleFinding[];
}

export const MAX_ADDRESS_LENGTH = 64;

const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const topLabel = /^(?:[a-z]{2,}|xn--[a-z0-9-]+)$/;

/** The first reason the text is not exactly one plain `local@domain`, if any. */
function syntaxReason(address: string): SyntaxReason | null {
  if (address === '') return 'empty';
  if (/\p{Cc}/u.test(address)) return 'control';
  // The constructs first: removing them often removes the spaces too.
  if (address.includes('"')) return 'quoted';
  if (/[()]/.test(address)) return 'comment';
  if (address.includes('\\')) return 'backslash';
  const at = address.split('@');
  if (at.length === 2 && /[[\]]/.test(at[1]!)) return 'literal';
  if (/\s/u.test(address)) return 'space';
  if (at.length !== 2) return 'at';
  if (!at[0] || !at[1]) return 'empty';
  return null;
}

/** Converts a domain to lower-case A-labels; null when it cannot be a host name. */
export function asciiDomain(domain: string): string | null {
  const lower = domain.toLowerCase();
  // ASCII is judged as typed: the URL parser would quietly percent-decode or accept '_'.
  if (/^[\x21-\x7e]*$/.test(lower)) return lower;
  if (/[^\p{L}\p{M}\p{N}.\u3002\uff0e\uff61-]/u.test(lower)) return null;
  return domainToASCII(lower) || null;
}

/** Whether a lower-case ASCII domain is a host name the shop can mail: see `domain_syntax`. */
export function isHostName(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((l) => label.test(l))) return false;
  return topLabel.test(labels.at(-1)!);
}

/** Applies every rule that needs no network; the DNS rule is in dns-check.ts. */
export function checkRules(address: string): RuleResult {
  const trimmed = address.trim();
  const reason = syntaxReason(trimmed);
  if (reason) {
    // Not one address: nothing else can be judged, and nothing is normalised.
    return {
      normalized: trimmed,
      local: '',
      domain: '',
      domainValid: false,
      findings: [{ code: 'syntax', reason }],
    };
  }
  const [local, typedDomain] = trimmed.split('@') as [string, string];
  const converted = asciiDomain(typedDomain);
  const domain = converted ?? typedDomain.toLowerCase();
  const normalized = `${local}@${domain}`;
  const findings: RuleFinding[] = [];

  const symbols = [...new Set(local.replace(/[A-Za-z0-9._-]/g, ''))];
  if (symbols.length > 0) findings.push({ code: 'symbol', characters: symbols });
  if (local.startsWith('.') || local.endsWith('.')) findings.push({ code: 'dot_position' });
  if (local.includes('..')) findings.push({ code: 'consecutive_dots' });
  const length = [...normalized].length;
  if (length > MAX_ADDRESS_LENGTH) findings.push({ code: 'too_long', length });
  const domainValid = converted !== null && isHostName(converted);
  if (!domainValid) findings.push({ code: 'domain_syntax', domain: typedDomain });

  return { normalized, local, domain, domainValid, findings };
}
