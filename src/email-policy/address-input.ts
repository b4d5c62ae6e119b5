// From zod-openapi so API schemas built on it can carry .openapi() metadata.
import { z } from '@hono/zod-openapi';
import { checkRules } from './rules.ts';

/**
 * An email as typed, for zod schemas at the edges (sync): trimmed, one plain address by the
 * policy's `syntax` rule, output normalised (domain lower-case in A-labels). The full policy,
 * with DNS and operator levels, runs in the route through `checkEmailAddress`.
 */
export const typedAddress = z
  .string('v.required')
  .trim()
  .min(1, 'v.required')
  .max(254, 'v.tooLong')
  .transform((typed, ctx) => {
    const rules = checkRules(typed);
    if (rules.findings.some((f) => f.code === 'syntax')) {
      ctx.addIssue({ code: 'custom', message: 'v.email' });
      return z.NEVER;
    }
    return rules.normalized;
  });
