import type { Translate } from '../web/i18n.ts';
import type { EmailCheck, EmailProblem } from './check-email-address.ts';

/** What the customer should change, in their language. */
export function problemMessage(t: Translate, problem: EmailProblem): string {
  switch (problem.code) {
    case 'syntax':
      return t(`policy.syntax.${problem.reason}`);
    case 'symbol':
      return t('policy.symbol', { chars: problem.characters.join(' ') });
    case 'too_long':
      return t('policy.too_long', { length: problem.length });
    case 'domain_syntax':
    case 'domain_not_found':
      return t(`policy.${problem.code}`, { domain: problem.domain });
    default:
      return t(`policy.${problem.code}`);
  }
}

/** The problems as the API and the live check show them: `{ code, message }`. */
export function problemList(t: Translate, check: EmailCheck) {
  return check.problems.map((p) => ({ code: p.code, message: problemMessage(t, p) }));
}

/**
 * One field message for a form: every problem, the suggestion, and for warnings only, how to go
 * on anyway.
 */
export function fieldMessage(t: Translate, check: EmailCheck): string {
  const parts = check.problems.map((p) => problemMessage(t, p));
  if (check.suggestion) parts.push(t('policy.suggestion', { address: check.suggestion }));
  if (check.verdict === 'warn') parts.push(t('policy.warnAgain'));
  return parts.join(' ');
}
