import { formatJpy } from '../../lib/money.ts';
import type { MailPayloads } from '../payloads.ts';
import {
  footer,
  L,
  type MailContent,
  type MailContext,
  type MailTemplates,
} from './mail-content.ts';

/**
 * PayPal took the money for a checkout that could not become an order (the cart changed or
 * emptied, an item sold out, another amount was captured): the reconcile job refunded it. There is
 * no order to link to, so the mail says what was paid, that it went back, and what to do next.
 */
export function checkoutRefundedMail(
  ctx: MailContext,
  data: MailPayloads['checkout_refunded'],
): MailContent {
  const { locale } = ctx;
  const amount = formatJpy(data.amountJpy, locale);
  return {
    subject: L(
      locale,
      'Your PayPal payment was refunded: no order was placed',
      `【${ctx.shopName}】PayPalでのお支払いを返金しました（ご注文は成立していません）`,
    ),
    body: {
      locale,
      blocks: [
        { kind: 'p', text: L(locale, `Dear ${data.name},`, `${data.name} 様`) },
        {
          kind: 'p',
          text: L(
            locale,
            `You paid ${amount} with PayPal at our checkout, but we could not place the order: your cart or the items in it changed before it was completed. No order was placed, and we have refunded the full amount to your PayPal account.`,
            `ご注文手続きで PayPal にて ${amount} をお支払いいただきましたが、手続きの完了前にカートの内容または商品の状況が変わったため、ご注文をお受けできませんでした。ご注文は成立しておらず、お支払いの全額を PayPal アカウントへ返金いたしました。`,
          ),
        },
        {
          kind: 'rows',
          rows: [
            [L(locale, 'Refunded', '返金額'), amount],
            [L(locale, 'PayPal transaction ID', 'PayPal 取引ID'), data.paypalCaptureId],
          ],
        },
        {
          kind: 'p',
          text: L(
            locale,
            'PayPal usually shows the refund within a few days. To buy the items, please check out again on our website.',
            '返金は通常、数日以内に PayPal のお取引履歴に反映されます。商品をご購入の場合は、お手数ですがサイトで改めてご注文ください。',
          ),
        },
      ],
      action: null,
      footer: footer(ctx),
    },
  };
}

/** Mail about a checkout that ended without an order. */
export const checkoutTemplates = {
  checkout_refunded: ({ ctx, payload }) => checkoutRefundedMail(ctx, payload),
} satisfies Partial<MailTemplates>;
