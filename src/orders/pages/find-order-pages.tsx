import type { Translate } from '../../web/i18n.ts';
import { Csrf, FieldError, Notice } from '../../web/layout.tsx';

type FormProps = {
  t: Translate;
  csrf: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string | undefined;
};

/** Order number + email: the guest's way back to an order without the link. */
export function FindOrderPage(props: FormProps) {
  const { t, values, errors } = props;
  return (
    <section>
      <h1>{t('findOrder.title')}</h1>
      {props.message && <Notice kind="error">{props.message}</Notice>}
      <p>{t('findOrder.intro')}</p>
      <form method="post" action="/orders/find" class="stack">
        <Csrf token={props.csrf} />
        <label>
          {t('findOrder.number')}
          <span class="help">{t('findOrder.numberHelp')}</span>
          <input
            name="number"
            value={values.number ?? ''}
            autocapitalize="characters"
            spellcheck={false}
            aria-invalid={errors.number ? 'true' : undefined}
            required
          />
          <FieldError message={errors.number} />
        </label>
        <label>
          {t('findOrder.email')}
          <input
            type="email"
            name="email"
            value={values.email ?? ''}
            autocomplete="email"
            aria-invalid={errors.email ? 'true' : undefined}
            required
          />
          <FieldError message={errors.email} />
        </label>
        <button type="submit">{t('findOrder.send')}</button>
      </form>
      <p class="muted">
        <a href="/account/sign-in">{t('findOrder.members')}</a>
      </p>
    </section>
  );
}

/** The same answer whether or not the number and email matched, then the code. */
export function FindOrderCodePage(props: FormProps & { number: string }) {
  const { t, values, errors } = props;
  return (
    <section>
      <h1>{t('findOrder.title')}</h1>
      {props.message ? (
        <Notice kind="error">{props.message}</Notice>
      ) : (
        <Notice kind="info">{t('findOrder.sent')}</Notice>
      )}
      <form method="post" action="/orders/find/code" class="stack">
        <Csrf token={props.csrf} />
        <input type="hidden" name="number" value={props.number} />
        <p>
          {t('findOrder.number')}: <strong>{props.number}</strong>
        </p>
        <label>
          {t('code.label')}
          <input
            name="code"
            value={values.code ?? ''}
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength={12}
            aria-invalid={errors.code ? 'true' : undefined}
            required
          />
          <FieldError message={errors.code} />
        </label>
        <button type="submit">{t('findOrder.open')}</button>
      </form>
      <p class="muted">{t('code.notArrived')}</p>
      <p>
        <a href={`/orders/find?number=${encodeURIComponent(props.number)}`}>
          {t('findOrder.newCode')}
        </a>
      </p>
    </section>
  );
}
