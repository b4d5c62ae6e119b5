import { formatJpy } from '../../lib/money.ts';
import type { Order } from '../../orders/tables.ts';
import { type FieldMap, TextField } from '../../web/form-fields.tsx';
import { formatDate, type Locale, type Translate } from '../../web/i18n.ts';
import { Csrf, Notice } from '../../web/layout.tsx';
import { brandNames } from '../cards.ts';

/** "VISA •••• 4242" as the order page shows a card. */
export function cardLabel(order: Pick<Order, 'cardBrand' | 'cardLast4'>): string {
  const brand = order.cardBrand ? (brandNames[order.cardBrand] ?? order.cardBrand) : '';
  return `${brand} •••• ${order.cardLast4 ?? ''}`;
}

/** A due date as the customer reads it: Japan time, said so. */
export function japanDate(t: Translate, date: Date, locale: Locale): string {
  return t('fixPayment.japanTime', { date: formatDate(date, locale, true) });
}

/** The note at the top of the order page while its payment waits for another card. */
export function PaymentFixBanner(props: {
  order: Order;
  t: Translate;
  locale: Locale;
  action: string;
}) {
  const { order, t } = props;
  if (order.paymentState !== 'capture_failed' || !order.paymentFixDueAt) return null;
  return (
    <Notice kind="error">
      <span class="payment-fix">
        {t('fixPayment.banner', { date: japanDate(t, order.paymentFixDueAt, props.locale) })}{' '}
        <a href={props.action}>{t('fixPayment.bannerLink')}</a>
      </span>
    </Notice>
  );
}

/** The card fields of checkout (same names, labels and rules); number and CVC are never echoed. */
export function CardFields(props: { t: Translate; values: FieldMap; errors: FieldMap }) {
  const { t, values, errors } = props;
  return (
    <>
      <TextField
        name="cardNumber"
        label={t('checkout.cardNumber')}
        values={{}}
        errors={errors}
        autocomplete="cc-number"
        inputmode="numeric"
      />
      <TextField
        name="cardHolder"
        label={t('checkout.cardHolder')}
        values={values}
        errors={errors}
        autocomplete="cc-name"
      />
      <div class="row">
        <TextField
          name="cardExpiry"
          label={t('checkout.cardExpiry')}
          values={values}
          errors={errors}
          autocomplete="cc-exp"
        />
        <TextField
          name="cardCvc"
          label={t('checkout.cardCvc')}
          values={{}}
          errors={errors}
          autocomplete="cc-csc"
          inputmode="numeric"
        />
      </div>
    </>
  );
}

/** Paying an order again with another card, after its capture failed. */
export function FixPaymentPage(props: {
  order: Order;
  t: Translate;
  locale: Locale;
  csrf: string;
  action: string;
  orderPath: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string | undefined;
  /** After success: no form, just the receipt. */
  done?: boolean;
}) {
  const { order, t, locale } = props;
  const amount = formatJpy(order.chargeJpy, locale);
  const due = order.paymentFixDueAt ? japanDate(t, order.paymentFixDueAt, locale) : '';
  return (
    <section class="fix-payment">
      <h1>{t('fixPayment.title', { number: order.number })}</h1>
      {props.done ? (
        <Notice kind="success">{t('fixPayment.done', { amount, card: cardLabel(order) })}</Notice>
      ) : (
        <>
          <Notice kind="error">{t('fixPayment.banner', { date: due })}</Notice>
          {props.message && <Notice kind="error">{props.message}</Notice>}
          <p>{t('fixPayment.why', { card: cardLabel(order) })}</p>
          <p>{t('fixPayment.how', { amount, date: due })}</p>
          <form method="post" action={props.action} class="stack" autocomplete="off">
            <Csrf token={props.csrf} />
            <fieldset>
              <legend>{t('checkout.payment')}</legend>
              <p class="muted">{t('fixPayment.threeDs')}</p>
              <CardFields t={t} values={props.values} errors={props.errors} />
            </fieldset>
            <button type="submit">{t('fixPayment.submit', { amount })}</button>
          </form>
        </>
      )}
      <p>
        <a href={props.orderPath}>{t('fixPayment.back')}</a>
      </p>
    </section>
  );
}
