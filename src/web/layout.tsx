import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from './context.ts';

/** Hidden CSRF field every POST form carries. */
export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function FieldError({ message }: { message?: string | undefined }) {
  return message ? <p class="field-error">{message}</p> : null;
}

export function Notice({
  kind,
  children,
}: {
  kind: 'info' | 'error' | 'success';
  children: Child;
}) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** Renders a full storefront page in the visitor's language. */
export function renderPage(
  c: Context<AppEnv>,
  title: string,
  body: Child,
  status: 200 | 400 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 500 | 503 = 200,
) {
  const t = c.get('t');
  const locale = c.get('locale');
  const member = c.get('member');
  const shopName = c.get('deps').env.SHOP_NAME;
  const other = locale === 'en' ? 'ja' : 'en';
  const here = c.req.path + (c.req.url.includes('?') ? `?${c.req.url.split('?')[1]}` : '');
  return c.html(
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${shopName}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <script src="/static/email-check.js" defer />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site-header">
          <a class="logo" href="/">
            {shopName}
            <span class="tagline">{t('site.tagline')}</span>
          </a>
          <form class="search" action="/search" method="get">
            <input
              type="search"
              name="q"
              placeholder={t('nav.searchPlaceholder')}
              aria-label={t('nav.search')}
            />
            <button type="submit">{t('nav.search')}</button>
          </form>
          <nav class="account-nav">
            <a href="/cart">{t('nav.cart')}</a>
            {member ? (
              <>
                <a href="/mypage">{t('nav.mypage')}</a>
                <form method="post" action="/account/sign-out" class="inline">
                  <Csrf token={c.get('csrfToken')} />
                  <button type="submit" class="link">
                    {t('nav.signOut')}
                  </button>
                </form>
              </>
            ) : (
              <a href="/account/sign-in">{t('nav.signIn')}</a>
            )}
            <a
              href={`/lang/${other}?back=${encodeURIComponent(here)}`}
              lang={other}
              hreflang={other}
            >
              {t('nav.language')}
            </a>
          </nav>
        </header>
        <main id="main">{body}</main>
        <footer class="site-footer">
          <nav class="footer-links">
            <a href="/guide">{t('guide.title')}</a>
            <a href="/inquiry">{t('inquiry.title')}</a>
            <a href="/guide/shipping-info">{t('footer.shippingInfo')}</a>
            <a href="/guide/how-to-use-points">{t('footer.points')}</a>
            <a href="/guide/privacy-policy">{t('footer.privacy')}</a>
            <a href="/guide/terms-of-use">{t('footer.terms')}</a>
            <a href="/orders/find">{t('findOrder.title')}</a>
            {member ? (
              <a href="/mypage">{t('nav.mypage')}</a>
            ) : (
              <a href="/account/sign-in">{t('nav.signIn')}</a>
            )}
          </nav>
          <p>{t('footer.prices')}</p>
          <p>© {shopName}</p>
        </footer>
      </body>
    </html>,
    status,
  );
}
