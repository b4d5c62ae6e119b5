import type { Translate } from '../../web/i18n.ts';
import { Notice } from '../../web/layout.tsx';

/**
 * What a return from PayPal shows when there is no order to show yet: why, and the way on (the
 * same return again, which never charges twice, or back to checkout).
 */
export function PaypalMessagePage(props: {
  t: Translate;
  message: string;
  /** The same return again, when trying again can finish the payment. */
  retryHref?: string | undefined;
}) {
  const { t } = props;
  return (
    <section class="paypal-message">
      <h1>{t('checkout.title')}</h1>
      <Notice kind="error">{props.message}</Notice>
      <p>
        {props.retryHref && (
          <>
            <a class="button" href={props.retryHref}>
              {t('checkout.paypalRetry')}
            </a>{' '}
          </>
        )}
        <a href="/checkout">{t('checkout.backToCheckout')}</a>
      </p>
    </section>
  );
}
