import { formatJpy } from '../../lib/money.ts';
import type { OrderDetail } from '../../orders/find-orders.ts';
import {
  footer,
  L,
  type MailContent,
  type MailContext,
  type MailTemplates,
  orderAction,
} from './mail-content.ts';

/**
 * PayPal reviewed a pending payment and declined it (decision 0015): no money was taken, so the
 * order is cancelled without a refund and the customer may order again and pay another way.
 */
export function paypalDeclinedMail(ctx: MailContext, detail: OrderDetail): MailContent {
  const { order } = detail;
  const { locale } = ctx;
  return {
    subject: L(
      locale,
      `PayPal declined the payment: your order ${order.number} has been cancelled`,
      `PayPalでのお支払いが承認されなかったため、ご注文 ${order.number} をキャンセルしました`,
    ),
    body: {
      locale,
      blocks: [
        { kind: 'p', text: L(locale, `Dear ${order.shipName},`, `${order.shipName} 様`) },
        {
          kind: 'p',
          text: L(
            locale,
            `PayPal has finished reviewing the payment for your order ${order.number} and declined it, so we have cancelled the order. No money was taken from your PayPal account.`,
            `ご注文 ${order.number} のお支払いについて、PayPalでの確認の結果、承認されませんでした。そのため、ご注文をキャンセルいたしました。PayPalアカウントからのお引き落としはありません。`,
          ),
        },
        {
          kind: 'rows',
          rows: [
            [L(locale, 'Order number', 'ご注文番号'), order.number],
            [L(locale, 'Amount', 'ご請求額'), formatJpy(order.totalJpy, locale)],
            [L(locale, 'PayPal transaction ID', 'PayPal取引ID'), order.paymentRef],
          ],
        },
        {
          kind: 'p',
          text: L(
            locale,
            'If you still want these items, please place the order again and pay with a card or another PayPal funding source. PayPal can tell you why it declined the payment.',
            '引き続きご購入をご希望の場合は、お手数ですが、カードまたはPayPalの別のお支払い方法で改めてご注文ください。承認されなかった理由はPayPalにお問い合わせください。',
          ),
        },
      ],
      action: orderAction(ctx, order.number),
      footer: footer(ctx),
    },
  };
}

function needOrder(detail: OrderDetail | null): OrderDetail {
  if (!detail) throw new Error('this mail needs an order');
  return detail;
}

/** Mail about an order's PayPal payment, by topic. */
export const paypalTemplates = {
  paypal_declined: ({ ctx, detail }) => paypalDeclinedMail(ctx, needOrder(detail)),
} satisfies Partial<MailTemplates>;
