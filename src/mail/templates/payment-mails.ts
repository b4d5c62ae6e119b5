import { formatJpy } from '../../lib/money.ts';
import type { OrderDetail } from '../../orders/find-orders.ts';
import { formatDate, type Locale } from '../../web/i18n.ts';
import type { MailBody } from './layout.ts';
import {
  footer,
  L,
  type MailContent,
  type MailContext,
  type MailTemplates,
} from './mail-content.ts';

/** The time in a payload (an ISO string), in Japan time as the shop shows it. */
function japanTime(value: string, locale: Locale): string {
  return `${formatDate(new Date(value), locale, true)} (JST)`;
}

/** The one link: the order page, where the card form is; without links, where to find it. */
function orderPageAction(ctx: MailContext, number: string): MailBody['action'] {
  if (!ctx.orderUrl) return null;
  return {
    label: L(
      ctx.locale,
      `Enter another card for order ${number}`,
      `ご注文 ${number} のカードを変更する`,
    ),
    url: ctx.orderUrl,
    instead: L(
      ctx.locale,
      `To enter another card, go to the ${ctx.shopName} website and open MyPage > Order history > ${number} (guests: "Find your order" with the order number and this email address).`,
      `別のカードのご登録は、${ctx.shopName} のサイトで「マイページ」>「ご注文履歴」> ${number} から行えます（ゲストの方は「ご注文の確認」でご注文番号とこのメールアドレスを入力してください）。`,
    ),
  };
}

/** The card could not be charged: the customer has until the due date to enter another card. */
export function paymentFailedMail(
  ctx: MailContext,
  detail: OrderDetail,
  data: { fixDueAt: string },
): MailContent {
  const { order } = detail;
  const { locale } = ctx;
  const due = japanTime(data.fixDueAt, locale);
  const card = `${order.cardBrand?.toUpperCase() ?? ''} •••• ${order.cardLast4 ?? ''}`;
  return {
    subject: L(
      locale,
      `Action needed: we could not charge your card for order ${order.number}`,
      `【要対応】ご注文 ${order.number} のカード決済ができませんでした`,
    ),
    body: {
      locale,
      blocks: [
        { kind: 'p', text: L(locale, `Dear ${order.shipName},`, `${order.shipName} 様`) },
        {
          kind: 'p',
          text: L(
            locale,
            `We tried to charge your card for order ${order.number}, but the card issuer refused the charge. Your order is still reserved for you.`,
            `ご注文 ${order.number} の代金をカードにご請求しようとしましたが、カード会社に承認されませんでした。ご注文はそのまま確保しております。`,
          ),
        },
        {
          kind: 'rows',
          rows: [
            [L(locale, 'Order number', 'ご注文番号'), order.number],
            [L(locale, 'Card', 'カード'), card],
            [L(locale, 'Amount', 'ご請求額'), formatJpy(order.totalJpy, locale)],
            [L(locale, 'Enter another card by', 'カード変更の期限'), due],
          ],
        },
        {
          kind: 'p',
          text: L(
            locale,
            `Please enter another card on your order page by ${due}. The amount is charged to it at once, and we ship as usual. If no working card is entered by then, the order is cancelled and you are not charged.`,
            `${due}までに、ご注文ページで別のカードをご登録ください。ご登録いただいたカードにただちにご請求し、通常どおり発送いたします。期限までにご請求できるカードのご登録がない場合、ご注文はキャンセルとなり、ご請求は発生しません。`,
          ),
        },
      ],
      action: orderPageAction(ctx, order.number),
      footer: footer(ctx),
    },
  };
}

function needOrder(detail: OrderDetail | null): OrderDetail {
  if (!detail) throw new Error('this mail needs an order');
  return detail;
}

/** Mail about an order's card payment, by topic. */
export const paymentTemplates = {
  payment_failed: ({ ctx, payload, detail }) =>
    paymentFailedMail(ctx, needOrder(detail), { fixDueAt: payload.fixDueAt }),
} satisfies Partial<MailTemplates>;
