import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isMessageKey, type Translate, translator } from './i18n.ts';

const english = translator('en');

/** The one error type routes throw; `onError` maps it to a status and the API error shape. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: ContentfulStatusCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what = 'The page') =>
  new AppError('not_found', 404, `${what} was not found.`);

export function apiError(code: string, message: string, fields?: Record<string, string>) {
  return { error: fields ? { code, message, fields } : { code, message } };
}

/**
 * Turns zod issues into `{ field: message }`, first message per field, translated when the
 * schema used a dictionary key as its message (English unless a translator is given).
 */
export function fieldMessages(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  t: Translate = english,
) {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= isMessageKey(issue.message) ? t(issue.message) : issue.message;
  }
  return fields;
}
