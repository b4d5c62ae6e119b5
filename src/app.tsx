import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { profileRoutes } from './accounts/profile-routes.tsx';
import { accountRoutes } from './accounts/routes.tsx';
import { adminRoutes } from './admin/routes.tsx';
import { storeApi } from './api/store-api.ts';
import { cartRoutes } from './cart/routes.tsx';
import { catalogRoutes } from './catalog/routes.tsx';
import { checkoutRoutes } from './checkout/routes.tsx';
import { emailCheckScript } from './email-policy/email-check-script.ts';
import { guideRoutes } from './guide/routes.tsx';
import { mailWebhookRoutes } from './mail/webhook-routes.ts';
import { newsletterOneClickRoutes, newsletterRoutes } from './newsletter/routes.tsx';
import { httpMetrics, opsRoutes } from './ops/routes.ts';
import { orderRoutes } from './orders/routes.tsx';
import { fixPaymentRoutes } from './payments/fix-payment-routes.tsx';
import { sandboxPaypalRoutes } from './payments/paypal/sandbox-paypal-routes.tsx';
import { paypalWebhookRoutes } from './payments/paypal/webhook-routes.ts';
import { sandboxRoutes } from './payments/sandbox-routes.tsx';
import { inquiryLimits } from './support/limits.ts';
import { supportRoutes } from './support/routes.tsx';
import type { AppDeps, AppEnv } from './web/context.ts';
import { AppError, apiError } from './web/errors.ts';
import { localeFromHeader, translator } from './web/i18n.ts';
import { inputGuard } from './web/input-guard.ts';
import { renderPage } from './web/layout.tsx';
import { csrfMiddleware, sessionMiddleware } from './web/session.ts';
import { favicon, stylesheet } from './web/styles.ts';

const MAX_BODY_BYTES = 256 * 1024;
// Three photos of 5 MB each, their multipart framing and the text fields.
const MAX_UPLOAD_BYTES = inquiryLimits.photos * inquiryLimits.photoBytes + 512 * 1024;

/** The whole HTTP surface: shared middleware, then one sub-app per domain. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(httpMetrics());
  app.use(
    secureHeaders({
      // A route that sets its own header (the mailbox's sandboxed HTML preview) keeps it.
      overwrite: false,
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'same-origin',
    }),
  );
  const tooLarge = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => {
        if (c.req.path.startsWith('/api/'))
          return c.json(
            apiError('payload_too_large', `The request body is larger than ${maxSize} bytes.`),
            413,
          );
        // The session has not been read yet: answer a form with a page in the browser's language.
        const locale = localeFromHeader(c.req.header('accept-language'));
        c.set('locale', locale);
        c.set('t', translator(locale));
        c.set('member', null);
        c.set('csrfToken', '');
        const text = c.get('t')('error.tooLarge');
        return renderPage(c, text, <ErrorBody c={c} text={text} />, 413);
      },
    });
  const smallBodies = tooLarge(MAX_BODY_BYTES);
  const uploadBodies = tooLarge(MAX_UPLOAD_BYTES);
  // Only the inquiry form carries photos; every other request stays small.
  app.use((c, next) => (c.req.path === '/inquiry' ? uploadBodies(c, next) : smallBodies(c, next)));

  app.route('/', opsRoutes);
  app.get('/static/app.css', (c) => {
    c.header('cache-control', 'public, max-age=3600');
    return c.body(stylesheet, 200, { 'content-type': 'text/css; charset=utf-8' });
  });
  app.get('/static/favicon.svg', (c) => c.body(favicon, 200, { 'content-type': 'image/svg+xml' }));
  app.get('/static/email-check.js', emailCheckScript);
  app.route('/api/webhooks', mailWebhookRoutes);
  app.route('/api/webhooks', paypalWebhookRoutes);
  app.route('/api', storeApi);
  // RFC 8058 one-click unsubscribe: mail providers POST with no cookies and no CSRF token.
  app.route('/', newsletterOneClickRoutes);

  app.use(inputGuard());
  app.use(sessionMiddleware());
  app.use(csrfMiddleware());
  app.route('/', catalogRoutes);
  app.route('/', cartRoutes);
  app.route('/', checkoutRoutes);
  app.route('/', accountRoutes);
  app.route('/', profileRoutes);
  app.route('/', orderRoutes);
  app.route('/', fixPaymentRoutes);
  app.route('/', newsletterRoutes);
  app.route('/', sandboxRoutes);
  // The buyer's side of the sandbox PayPal, only while no real PayPal account is configured.
  if (!deps.env.PAYPAL_CLIENT_ID) app.route('/', sandboxPaypalRoutes);
  app.route('/', guideRoutes);
  app.route('/', supportRoutes);
  app.route('/admin', adminRoutes);

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/'))
      return c.json(apiError('not_found', 'No such endpoint.'), 404);
    return errorPage(c, 404, 'error.notFound');
  });

  app.onError((err, c) => {
    const isApi = c.req.path.startsWith('/api/');
    // A route that threw with a page of its own (e.g. an order link that no longer works).
    if (err instanceof HTTPException && err.status < 500 && err.res) return err.getResponse();
    if (err instanceof AppError) {
      if (isApi) return c.json(apiError(err.code, err.message, err.fields), err.status);
      return errorPage(c, err.status as 400, undefined, err.message);
    }
    if (err instanceof HTTPException && err.status < 500) {
      if (isApi) return c.json(apiError('bad_request', err.message || 'Bad request.'), err.status);
      return errorPage(c, 400, undefined, err.message || 'Bad request.');
    }
    deps.log.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
    if (isApi) return c.json(apiError('internal', 'Something went wrong on our side.'), 500);
    return errorPage(c, 500, 'error.generic');
  });

  return app;
}

function errorPage(
  c: Parameters<Parameters<Hono<AppEnv>['notFound']>[0]>[0],
  status: 400 | 403 | 404 | 500,
  key?: 'error.notFound' | 'error.generic',
  message?: string,
) {
  const t = c.get('t');
  if (!t) return c.text(message ?? 'Error', status);
  const text = message ?? t(key!);
  return renderPage(c, text, <ErrorBody c={c} text={text} requestId={status === 500} />, status);
}

function ErrorBody(props: { c: Context<AppEnv>; text: string; requestId?: boolean }) {
  const t = props.c.get('t');
  return (
    <section>
      <h1>{props.text}</h1>
      {props.requestId && (
        <p class="muted">{t('error.requestId', { id: props.c.get('requestId') })}</p>
      )}
      <p>
        <a href="/">{t('nav.home')}</a>
      </p>
    </section>
  );
}
