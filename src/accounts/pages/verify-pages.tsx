import { CodeField } from '../../web/form-fields.tsx';
import type { Translate } from '../../web/i18n.ts';
import { Csrf, Notice } from '../../web/layout.tsx';

/** After registration (or a sign-in before it was finished): enter the code, or get a new one. */
export function VerifyPage(props: {
  t: Translate;
  csrf: string;
  email: string;
  notice: 'sent' | 'needed' | 'resent';
  code: string;
  fieldError?: string | undefined;
  message?: string | undefined;
}) {
  const { t } = props;
  return (
    <section>
      <h1>{t('acct.verify.title')}</h1>
      {props.message ? (
        <Notice kind="error">{props.message}</Notice>
      ) : (
        <Notice kind="info">{t(`acct.verify.${props.notice}`, { email: props.email })}</Notice>
      )}
      <form method="post" action="/account/verify" class="stack">
        <Csrf token={props.csrf} />
        <CodeField t={t} value={props.code} error={props.fieldError} />
        <button type="submit">{t('acct.verify.confirm')}</button>
      </form>
      <p class="muted">{t('code.notArrived')}</p>
      <form method="post" action="/account/verify/resend">
        <Csrf token={props.csrf} />
        <button type="submit" class="secondary">
          {t('code.sendAgain')}
        </button>
      </form>
      <p class="muted">{t('acct.verify.wrongAddress', { email: props.email })}</p>
    </section>
  );
}
