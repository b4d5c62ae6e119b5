import { type Locale, type Translate, translator } from '../../web/i18n.ts';
import { Csrf, Notice } from '../../web/layout.tsx';

/** MyPage > Newsletter: one checkbox, unticked unless the member asked for the newsletter. */
export function NewsletterSettingsPage(props: {
  t: Translate;
  csrf: string;
  optIn: boolean;
  verified: boolean;
  email: string;
  saved: 'on' | 'off' | null;
}) {
  const { t } = props;
  return (
    <section>
      <p>
        <a href="/mypage">← {t('mypage.title')}</a>
      </p>
      <h1>{t('newsletter.title')}</h1>
      {props.saved && (
        <Notice kind="success">
          {t(props.saved === 'on' ? 'newsletter.subscribed' : 'newsletter.unsubscribed')}
        </Notice>
      )}
      <p>{t('newsletter.intro')}</p>
      {!props.verified && <Notice kind="info">{t('newsletter.unverified')}</Notice>}
      <form method="post" action="/mypage/newsletter" class="stack">
        <Csrf token={props.csrf} />
        <label class="choice">
          <input type="checkbox" name="newsletter" checked={props.optIn} /> {t('newsletter.optIn')}
        </label>
        <p class="help">{t('newsletter.sentTo', { email: props.email })}</p>
        <div>
          <button type="submit">{t('newsletter.save')}</button>
        </div>
      </form>
    </section>
  );
}

/** The page an unsubscribe link opens: nothing changes until the button is pressed. */
export function UnsubscribeConfirmPage(props: { t: Translate; action: string }) {
  const { t } = props;
  return (
    <section>
      <h1>{t('newsletter.unsubscribeTitle')}</h1>
      <p>{t('newsletter.unsubscribeConfirm')}</p>
      {/* No CSRF field: the token in the URL is the authority, as for RFC 8058 one-click. */}
      <form method="post" action={props.action}>
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit">{t('newsletter.unsubscribeButton')}</button>
      </form>
    </section>
  );
}

/** A short message in the page's language and then in the other one, for pages reached from mail. */
export function BilingualMessage(props: {
  locale: Locale;
  title: 'newsletter.unsubscribedTitle' | 'newsletter.badLinkTitle';
  text: 'newsletter.unsubscribedText' | 'newsletter.badLink';
}) {
  const order: Locale[] = props.locale === 'ja' ? ['ja', 'en'] : ['en', 'ja'];
  return (
    <section>
      {order.map((locale, i) => {
        const t = translator(locale);
        return (
          <div lang={locale} class={i === 0 ? undefined : 'muted'}>
            {i === 0 ? <h1>{t(props.title)}</h1> : <h2>{t(props.title)}</h2>}
            <p>{t(props.text)}</p>
          </div>
        );
      })}
    </section>
  );
}
