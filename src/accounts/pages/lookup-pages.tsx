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

/** A member ID and an email address: the start of "which member ID uses this address?". */
export function LookupPage(props: FormProps) {
  const { t, values, errors } = props;
  return (
    <section>
      <h1>{t('acct.lookup.title')}</h1>
      {props.message && <Notice kind="error">{props.message}</Notice>}
      <p>{t('acct.lookup.intro')}</p>
      <form method="post" action="/account/lookup" class="stack">
        <Csrf token={props.csrf} />
        <TextField
          name="memberCode"
          label={t('acct.lookup.memberCode')}
          help={t('account.memberCodeHelp')}
          autocomplete="username"
          spellcheck={false}
          values={values}
          errors={errors}
        />
        <TextField
          name="email"
          type="email"
          label={t('acct.lookup.email')}
          autocomplete="email"
          values={values}
          errors={errors}
        />
        <button type="submit">{t('acct.lookup.send')}</button>
      </form>
    </section>
  );
}

/** The same answer for every address, then the code from the mail. */
export function LookupCodePage(props: FormProps) {
  const { t, values, errors } = props;
  return (
    <section>
      <h1>{t('acct.lookup.title')}</h1>
      {props.message ? (
        <Notice kind="error">{props.message}</Notice>
      ) : (
        <Notice kind="info">{t('acct.lookup.sent', { email: values.email ?? '' })}</Notice>
      )}
      <form method="post" action="/account/lookup/code" class="stack">
        <Csrf token={props.csrf} />
        <input type="hidden" name="memberCode" value={values.memberCode ?? ''} />
        <input type="hidden" name="email" value={values.email ?? ''} />
        <CodeField t={t} value={values.code ?? ''} error={errors.code} />
        <button type="submit">{t('acct.lookup.show')}</button>
      </form>
      <p class="muted">{t('code.notArrived')}</p>
      <form method="post" action="/account/lookup" class="inline">
        <Csrf token={props.csrf} />
        <input type="hidden" name="memberCode" value={values.memberCode ?? ''} />
        <input type="hidden" name="email" value={values.email ?? ''} />
        <button type="submit" class="secondary">
          {t('acct.lookup.again')}
        </button>
      </form>
    </section>
  );
}

/** What the code unlocked: the member ID for the address, and whether it is the one typed. */
export function LookupResultPage(props: {
  t: Translate;
  email: string;
  typed: string;
  memberCode: string | null;
  matches: boolean;
}) {
  const { t, email, memberCode } = props;
  return (
    <section>
      <h1>{t('acct.lookup.resultTitle', { email })}</h1>
      {memberCode ? (
        <>
          <p>{t('acct.lookup.result', { email })}</p>
          <p class="member-code">
            <strong>{memberCode}</strong>
          </p>
          <Notice kind={props.matches ? 'success' : 'info'}>
            {t(props.matches ? 'acct.lookup.matches' : 'acct.lookup.differs', {
              typed: props.typed,
            })}
          </Notice>
          <p>
            <a class="button" href="/account/sign-in">
              {t('account.signInTitle')}
            </a>{' '}
            {t('acct.lookup.forgot')}{' '}
            <a href="/account/password/forgot">{t('acct.signIn.forgot')}</a>
          </p>
        </>
      ) : (
        <p>{t('acct.lookup.none', { email })}</p>
      )}
    </section>
  );
}
