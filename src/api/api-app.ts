import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../web/context.ts';
import { apiError, fieldMessages } from '../web/errors.ts';

/** The one error shape every API response uses, registered as the `Error` component. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string().openapi({ example: 'The request body is not valid.' }),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .openapi({ description: 'For invalid_request: field path → message.' }),
      problems: z
        .array(z.object({ code: z.string(), message: z.string() }))
        .optional()
        .openapi({ description: 'For checkout_problems: every reason the cart cannot be bought.' }),
      reason: z
        .string()
        .optional()
        .openapi({ description: 'For payment_declined: why the card was declined.' }),
    }),
  })
  .openapi('Error');

/** An OpenAPI response entry with the error shape. */
export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

/** Requests that may carry a member's bearer token; `{}` means the token is optional. */
export const optionalBearer: Record<string, string[]>[] = [{ bearerAuth: [] }, {}];
export const requiredBearer: Record<string, string[]>[] = [{ bearerAuth: [] }];

const labels = { json: 'body', query: 'query', param: 'path', header: 'headers' } as const;

/** A sub-app whose zod validation failures answer 400 `invalid_request` with field messages. */
export function apiApp() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const where = labels[result.target as keyof typeof labels] ?? result.target;
      return c.json(
        apiError(
          'invalid_request',
          `The request ${where} is not valid.`,
          fieldMessages(result.error.issues),
        ),
        400,
      );
    },
  });
}

/** Text that PostgreSQL can store: no NUL or other control characters. */
export const plainText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]+$/u, 'Must not contain control characters.');
