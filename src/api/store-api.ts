import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { emailAddressesApi } from '../email-policy/api-routes.ts';
import type { AppEnv } from '../web/context.ts';
import { AppError, apiError } from '../web/errors.ts';
import { localeFromHeader, translator } from '../web/i18n.ts';
import { authApi, bearerMember } from './auth.ts';
import { cartsApi } from './carts.ts';
import { checkoutApi } from './checkout.ts';
import { customerApi } from './customer.ts';
import { productsApi } from './products.ts';

/** Customer messages in the language of Accept-Language; the API has no locale cookie. */
function apiLocale(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const locale = localeFromHeader(c.req.header('accept-language'));
    c.set('locale', locale);
    c.set('t', translator(locale));
    await next();
  };
}

/** PostgreSQL cannot store NUL in text, so JSON bodies containing one are refused up front. */
function refuseNulCharacters(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (/json/i.test(c.req.header('content-type') ?? '')) {
      // Malformed JSON is left to the validator, which answers invalid_json.
      const text = await c.req.text().catch(() => '');
      if (/\\u0000|\0/i.test(text)) {
        return c.json(
          apiError('invalid_request', 'Text in the request must not contain NUL characters.'),
          400,
        );
      }
    }
    await next();
  };
}

const httpErrorCodes: Record<number, string> = {
  400: 'invalid_json',
  415: 'unsupported_media_type',
};

/** The JSON store API under /api: products, carts, sessions, checkout and the customer's orders. */
export const storeApi = new OpenAPIHono<AppEnv>();

storeApi.use('*', apiLocale());
// Before the member and NUL guards: no sign-in needed, and a NUL in an address is a syntax problem.
storeApi.route('/store', emailAddressesApi);
storeApi.use('/store/*', refuseNulCharacters(), bearerMember());
storeApi
  .route('/store', productsApi)
  .route('/store', cartsApi)
  .route('/store', authApi)
  .route('/store', checkoutApi)
  .route('/store', customerApi);

storeApi.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
  type: 'http',
  scheme: 'bearer',
  description: 'The token from POST /api/store/sessions.',
});

let document: ReturnType<typeof storeApi.getOpenAPI31Document> | undefined;

/** The OpenAPI 3.1 document, generated once from the same zod schemas that validate requests. */
function openApiDocument() {
  if (document) return document;
  const generated = storeApi.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Tenpo Store API',
      version: '1.0.0',
      description:
        'Products, carts, checkout and orders of the Tenpo shop. Errors always have the shape ' +
        '{"error": {"code", "message", "fields"?}}.',
    },
  });
  // Routes are registered relative to this sub-app; the app mounts it at /api.
  const paths = Object.fromEntries(
    Object.entries(generated.paths ?? {}).map(([path, item]) => [`/api${path}`, item]),
  );
  document = { ...generated, paths };
  return document;
}

storeApi.get('/openapi.json', (c) => c.json(openApiDocument()));

storeApi.onError((err, c) => {
  if (err instanceof AppError)
    return c.json(apiError(err.code, err.message, err.fields), err.status);
  if (err instanceof HTTPException && err.status < 500) {
    const code = httpErrorCodes[err.status] ?? 'bad_request';
    const message =
      code === 'invalid_json'
        ? 'The request body is not valid JSON.'
        : code === 'unsupported_media_type'
          ? 'Send the request body as application/json.'
          : err.message || 'Bad request.';
    return c.json(apiError(code, message), err.status);
  }
  // Unexpected errors go to the app's handler, which logs them with the request id.
  throw err;
});
