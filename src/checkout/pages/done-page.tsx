import type { Order } from '../../orders/tables.ts';
import type { Translate } from '../../web/i18n.ts';

export function DonePage(props: {
  order: Order;
  t: Translate;
  orderPath: string;
  isGuest: boolean;
  origin: string;
}) {
  const { order, t } = props;
  return (
    <section>
      <h1>{t('checkout.thanks')}</h1>
      <p>
        {t('checkout.orderNumber')}: <strong class="order-number">{order.number}</strong>
      </p>
      <p>{t('checkout.confirmationMail', { email: order.contactEmail })}</p>
      {props.isGuest && (
        <p>
          {t('checkout.guestLink')} <br />
          <code>{props.origin + props.orderPath}</code>
        </p>
      )}
      <p>
        <a class="button" href={props.orderPath}>
          {t('checkout.viewOrder')}
        </a>
      </p>
    </section>
  );
}
