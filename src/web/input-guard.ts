import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { AppError } from './errors.ts';

// PostgreSQL text cannot hold NUL: refuse it at the door instead of failing in the database.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const NUL = /\u0000|%00/i;

/** Rejects requests whose path, query or form fields contain a NUL character (400). */
export function inputGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (NUL.test(c.req.url))
      throw new AppError('invalid_characters', 400, 'The request contains a NUL character.');
    const type = c.req.header('content-type') ?? '';
    if (
      type.startsWith('application/x-www-form-urlencoded') ||
      type.startsWith('multipart/form-data')
    ) {
      const body = await c.req.parseBody({ all: true });
      const values = Object.values(body).flat();
      if (values.some((v) => typeof v === 'string' && v.includes('\u0000'))) {
        throw new AppError('invalid_characters', 400, 'The form contains a NUL character.');
      }
    }
    return next();
  };
}
