import { type Context, Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';
import { type Locale, localeFromHeader, translator } from '../web/i18n.ts';
import { renderPage } from '../web/layout.tsx';
import { clientAddress } from '../web/rate-limit.ts';
import { optInInput } from './inputs.ts';
import {
  BilingualMessage,
  NewsletterSettingsPage,
  UnsubscribeConfirmPage,
} from './pages/newsletter-pages.tsx';
import { findNewsletterSetting, setNewsletterOptIn } from './set-newsletter-opt-in.ts';
import { memberIdFromToken } from './unsubscribe-token.ts';

type Ctx = Context<AppEnv>;

/** The bilingual answer of the unsubscribe endpoint; works with or without the session middleware. */
function unsubscribeAnswer(c: Ctx, locale: Locale, ok: boolean) {
  // The one-click POST runs before the session middleware, so the page's language is set here.
  if (!c.get('t')) {
    c.set('locale', locale);
    c.set('t', translator(locale));
    c.set('member', null);
  }
  c.header('cache-control', 'no-store');
  return renderPage(
    c,
    translator(locale)(ok ? 'newsletter.unsubscribedTitle' : 'newsletter.badLinkTitle'),
    ok ? (
      <BilingualMessage
        locale={locale}
        title="newsletter.unsubscribedTitle"
        text="newsletter.unsubscribedText"
      />
    ) : (
      <BilingualMessage locale={locale} title="newsletter.badLinkTitle" text="newsletter.badLink" />
    ),
    ok ? 200 : 404,
  );
}

/**
 * RFC 8058 one-click unsubscribe, mounted before the session and CSRF middleware: mail providers
 * POST `List-Unsubscribe=One-Click` with no cookies. The HMAC token in the URL is the authority,
 * so the body is not required; repeating the POST changes nothing and answers the same.
 */
export const newsletterOneClickRoutes = new Hono<AppEnv>().post(
  '/newsletter/unsubscribe/:token',
  async (c) => {
    const { db, clock, secret } = c.get('deps');
    const fallback = localeFromHeader(c.req.header('accept-language'));
    const memberId = memberIdFromToken(secret, c.req.param('token'));
    if (!memberId) return unsubscribeAnswer(c, fallback, false);
    await setNewsletterOptIn(db, memberId, false, clock.now(), {
      source: 'unsubscribe_link',
      clientAddress: clientAddress(c),
    });
    const setting = await findNewsletterSetting(db, memberId);
    return unsubscribeAnswer(c, setting?.locale ?? fallback, true);
  },
);

/** The unsubscribe link's page (GET never changes anything: link scanners open it) and MyPage's setting. */
export const newsletterRoutes = new Hono<AppEnv>()
  .get('/newsletter/unsubscribe/:token', (c) => {
    const token = c.req.param('token');
    const t = c.get('t');
    if (!memberIdFromToken(c.get('deps').secret, token))
      return unsubscribeAnswer(c, c.get('locale'), false);
    c.header('cache-control', 'no-store');
    return renderPage(
      c,
      t('newsletter.unsubscribeTitle'),
      <UnsubscribeConfirmPage t={t} action={`/newsletter/unsubscribe/${token}`} />,
    );
  })
  .get('/mypage/newsletter', async (c) => {
    const member = c.get('member');
    if (!member) return c.redirect('/account/sign-in?next=%2Fmypage%2Fnewsletter', 303);
    const t = c.get('t');
    const setting = await findNewsletterSetting(c.get('deps').db, member.id);
    const saved = c.req.query('saved');
    return renderPage(
      c,
      t('newsletter.title'),
      <NewsletterSettingsPage
        t={t}
        csrf={c.get('csrfToken')}
        optIn={setting?.optIn ?? false}
        verified={setting?.verified ?? false}
        email={member.email}
        saved={saved === 'on' || saved === 'off' ? saved : null}
      />,
    );
  })
  .post('/mypage/newsletter', async (c) => {
    const member = c.get('member');
    if (!member) return c.redirect('/account/sign-in?next=%2Fmypage%2Fnewsletter', 303);
    const { db, clock } = c.get('deps');
    const { newsletter } = optInInput.parse(await c.req.parseBody());
    await setNewsletterOptIn(db, member.id, newsletter, clock.now(), {
      source: 'mypage',
      clientAddress: clientAddress(c),
    });
    return c.redirect(`/mypage/newsletter?saved=${newsletter ? 'on' : 'off'}`, 303);
  });
