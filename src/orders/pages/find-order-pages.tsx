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
        <TextField
          name="number"
          label={t('findOrder.number')}
          help={t('findOrder.numberHelp')}
          autocapitalize="characters"
          spellcheck={false}
          values={values}
          errors={errors}
        />
        <TextField
          name="email"
          type="email"
          label={t('findOrder.email')}
          autocomplete="email"
          values={values}
          errors={errors}
        />
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
        <CodeField t={t} value={values.code ?? ''} error={errors.code} />
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

/** A guest's order link of ours that stopped working (410): why, and the way back by number and email. */
export function OrderLinkGonePage(props: {
  t: Translate;
  reason: 'replaced' | 'expired';
  days: number;
}) {
  const { t } = props;
  return (
    <section>
      <h1>{t('orderLink.goneTitle')}</h1>
      <p>
        {props.reason === 'replaced'
          ? t('orderLink.replaced')
          : t('orderLink.expired', { days: props.days })}
      </p>
      <p>{t('orderLink.howToFind')}</p>
      <p>
        <a href="/orders/find">{t('findOrder.title')}</a>
      </p>
    </section>
  );
}
