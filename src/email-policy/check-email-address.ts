import type { Env } from '../env.ts';
import { type DomainLookup, domainStatus, resolverFor } from './dns-check.ts';
import { checkRules, type PolicyCode, type RuleFinding } from './rules.ts';
import { suggestDomain } from './typo-suggestions.ts';

export type RuleLevel = 'reject' | 'warn' | 'allow';

/** One broken rule with what its message needs; `level` is the operator's setting for it. */
export type EmailProblem = (RuleFinding | { code: 'domain_not_found'; domain: string }) & {
  level: 'reject' | 'warn';
};

export interface EmailCheck {
  verdict: 'ok' | 'warn' | 'reject';
  /** What to store and mail: trimmed, domain lower-case in A-labels, local part as typed. */
  normalized: string;
  /** The rules at `reject` or `warn` the address breaks, in policy order. */
  problems: EmailProblem[];
  /** The whole address with the domain the customer probably meant. */
  suggestion: string | null;
  /** DNS did not answer (timeout, server failure, DNS off): accepted, to be checked before sending. */
  unverified: boolean;
  /** Rules the address breaks that the operator set to `allow`, for logs. */
  allowed: PolicyCode[];
}

export interface EmailPolicyDeps {
  env: Pick<Env, 'DNS_SERVERS' | 'EMAIL_POLICY_RULES'>;
  /** Answers DNS questions; by default a resolver for env.DNS_SERVERS. Tests inject one. */
  dns?: DomainLookup;
}

/** The operator's level for a rule; `syntax` always rejects. */
export function ruleLevel(code: PolicyCode, env: EmailPolicyDeps['env']): RuleLevel {
  if (code === 'syntax') return 'reject';
  return env.EMAIL_POLICY_RULES[code] ?? 'reject';
}

/**
 * Judges an address against the shop's email address policy: every rule, the DNS check and a
 * typo suggestion. AppDeps works as `deps`. Never throws for any input.
 */
export async function checkEmailAddress(
  address: string,
  deps: EmailPolicyDeps,
): Promise<EmailCheck> {
  const rules = checkRules(address);
  const findings: (RuleFinding | { code: 'domain_not_found'; domain: string })[] = [
    ...rules.findings,
  ];
  let unverified = false;
  if (rules.domainValid && ruleLevel('domain_not_found', deps.env) !== 'allow') {
    const status = await domainStatus(rules.domain, deps.dns ?? resolverFor(deps.env.DNS_SERVERS));
    if (status === 'not_found') findings.push({ code: 'domain_not_found', domain: rules.domain });
    unverified = status === 'unknown';
  }

  const problems: EmailProblem[] = [];
  const allowed: PolicyCode[] = [];
  for (const finding of findings) {
    const level = ruleLevel(finding.code, deps.env);
    if (level === 'allow') allowed.push(finding.code);
    else problems.push({ ...finding, level });
  }
  const verdict = problems.some((p) => p.level === 'reject')
    ? 'reject'
    : problems.length > 0
      ? 'warn'
      : 'ok';
  const suggested = rules.local ? suggestDomain(rules.domain) : null;
  return {
    verdict,
    normalized: rules.normalized,
    problems,
    suggestion: suggested ? `${rules.local}@${suggested}` : null,
    unverified,
    allowed,
  };
}
