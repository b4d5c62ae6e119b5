import type { Translate } from '../../web/i18n.ts';
import { Csrf, FieldError, Notice } from '../../web/layout.tsx';

/** The six-digit code input every account flow uses. */
export function CodeField(props: { t: Translate; value: string; error?: string | undefined }) {
  return (
    <label>
      {props.t('code.label')}
      <input
        name="code"
        value={props.value}
        inputmode="numeric"
        autocomplete="one-time-code"
        maxlength={12}
        aria-invalid={props.error ? 'true' : undefined}
        required
      />
      <FieldError message={props.error} />
    </label>
  );
}

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
