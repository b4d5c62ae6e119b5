import { CodeField, TextField } from '../../web/form-fields.tsx';
import type { Translate } from '../../web/i18n.ts';
import { Csrf, Notice } from '../../web/layout.tsx';

type FormProps = {
  t: Translate;
  csrf: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string | undefined;
};

function NewPasswordField(props: { t: Translate; error?: string | undefined }) {
  const { t } = props;
  return (
    <TextField
      name="password"
      type="password"
      label={t('acct.reset.newPassword')}
      help={t('account.passwordHelp')}
      autocomplete="new-password"
      values={{}}
      errors={{ password: props.error }}
    />
  );
}

/** Member ID or email: the start of a password reset. */
export function ForgotPasswordPage(props: FormProps) {
  const { t, values, errors } = props;
  return (
    <section>
      <h1>{t('acct.forgot.title')}</h1>
      {props.message && <Notice kind="error">{props.message}</Notice>}
      <p>{t('acct.forgot.intro')}</p>
      <form method="post" action="/account/password/forgot" class="stack">
        <Csrf token={props.csrf} />
        <TextField
          name="login"
          label={t('account.login')}
          autocomplete="username"
          values={values}
          errors={errors}
        />
        <button type="submit">{t('acct.forgot.send')}</button>
      </form>
      <p class="muted">
        {t('acct.forgot.lookup')} <a href="/account/lookup">{t('acct.signIn.lookup')}</a>
      </p>
    </section>
  );
}

/** The same answer whatever the login was, then the code from the mail and a new password. */
export function ResetCodePage(props: FormProps) {
  const { t, values, errors } = props;
  return (
    <section>
      <h1>{t('acct.reset.title')}</h1>
      {props.message ? (
        <Notice kind="error">{props.message}</Notice>
      ) : (
        <Notice kind="info">{t('acct.forgot.sent', { login: values.login ?? '' })}</Notice>
      )}
      <p>{t('acct.reset.codeHelp')}</p>
      <form method="post" action="/account/password/reset" class="stack">
        <Csrf token={props.csrf} />
        <input type="hidden" name="login" value={values.login ?? ''} />
        <CodeField t={t} value={values.code ?? ''} error={errors.code} />
        <NewPasswordField t={t} error={errors.password} />
        <button type="submit">{t('acct.reset.submit')}</button>
      </form>
      <p class="muted">{t('code.notArrived')}</p>
      <p>
        <a href="/account/password/forgot">{t('acct.reset.askAgain')}</a>
      </p>
    </section>
  );
}

/** Opened from the link in the mail: only the new password is asked for. */
export function ResetLinkPage(props: {
  t: Translate;
  csrf: string;
  /** Null when the link no longer works; the page then says so and offers a new one. */
  token: string | null;
  memberCode: string;
  error?: string | undefined;
  message?: string | undefined;
}) {
  const { t } = props;
  return (
    <section>
      <h1>{t('acct.reset.title')}</h1>
      {props.message && <Notice kind="error">{props.message}</Notice>}
      {props.token ? (
        <form method="post" action="/account/password/reset" class="stack">
          <Csrf token={props.csrf} />
          <input type="hidden" name="token" value={props.token} />
          <p>{t('acct.reset.linkHelp', { code: props.memberCode })}</p>
          <NewPasswordField t={t} error={props.error} />
          <button type="submit">{t('acct.reset.submit')}</button>
        </form>
      ) : (
        <p>
          <a class="button" href="/account/password/forgot">
            {t('acct.reset.askAgain')}
          </a>
        </p>
      )}
    </section>
  );
}

export function ResetDonePage(props: { t: Translate }) {
  const { t } = props;
  return (
    <section>
      <h1>{t('acct.reset.doneTitle')}</h1>
      <Notice kind="success">{t('acct.reset.doneText')}</Notice>
      <p>
        <a class="button" href="/mypage">
          {t('acct.toMyPage')}
        </a>
      </p>
    </section>
  );
}
