import { formatJpy } from '../../lib/money.ts';
import type { OrderDetail } from '../../orders/find-orders.ts';
import { findCountry } from '../../shipping/countries.ts';
import { shippingMethods } from '../../shipping/rates.ts';
import { formatDate, formatMonth } from '../../web/i18n.ts';
import type { MailPayloads, MailTopic } from '../payloads.ts';
import type { Block, MailBody } from './layout.ts';

type Locale = 'en' | 'ja';

/** What every mail needs to know about the shop and the recipient. */
export interface MailContext {
  locale: Locale;
  shopName: string;
  fromAddress: string;
  recipient: string;
  /** Absolute URL of the order page for this recipient, if the mail is about an order. */
  orderUrl: string | null;
}

export interface MailContent {
  subject: string;
  body: MailBody;
  /** Extra headers (e.g. List-Unsubscribe for newsletters); values are made single-line. */
  headers?: Record<string, string>;
}

/** What a template gets: who it is for, the message's checked payload, its order when it has one. */
export interface TemplateInput<T extends MailTopic = MailTopic> {
  ctx: MailContext;
  payload: MailPayloads[T];
  detail: OrderDetail | null;
  publicUrl: string;
}

export type MailTemplate<T extends MailTopic> = (input: TemplateInput<T>) => MailContent;

/** One template per topic; each domain's file holds some of them (`satisfies Partial<…>`). */
export type MailTemplates = { [T in MailTopic]: MailTemplate<T> };

function needOrder(detail: OrderDetail | null): OrderDetail {
  if (!detail) throw new Error('this mail needs an order');
  return detail;
}

/** Picks the English or Japanese version. */
export const L = <T>(locale: Locale, en: T, ja: T): T => (locale === 'ja' ? ja : en);

/** The standard footer: who it was sent to, the sender to trust, how to ask. */
export function footer(ctx: MailContext): string[] {
  return L(
    ctx.locale,
    [
      ctx.shopName,
      `This mail was sent to ${ctx.recipient}. It comes from ${ctx.fromAddress}: add that address to your safe senders so our mail is not filed as spam.`,
      'Questions? Reply to this mail and our support team will answer.',
    ],
    [
      ctx.shopName,
      `このメールは ${ctx.recipient} 宛にお送りしています。送信元は ${ctx.fromAddress} です。迷惑メールに振り分けられないよう、受信許可リストに追加してください。`,
      'ご不明な点は、このメールにご返信ください。サポート担当よりお答えします。',
    ],
  );
}

/** The one link of an order mail: the order page, or where to find it when links are off. */
export function orderAction(ctx: MailContext, number: string): MailBody['action'] {
  if (!ctx.orderUrl) return null;
  return {
    label: L(ctx.locale, `View order ${number}`, `ご注文 ${number} を確認する`),
    url: ctx.orderUrl,
    instead: L(
      ctx.locale,
      `To see this order, go to the ${ctx.shopName} website and open MyPage > Order history (guests: "Find your order" with the order number and this email address).`,
      `ご注文内容は、${ctx.shopName} のサイトで「マイページ」>「ご注文履歴」からご確認いただけます（ゲストの方は「ご注文の確認」でご注文番号とこのメールアドレスを入力してください）。`,
    ),
  };
}

function orderSummary(detail: OrderDetail, locale: Locale): Block[] {
  const { order, lines } = detail;
  const country = findCountry(order.shipCountry);
  const address = [
    order.shipName,
    order.shipLine1,
    order.shipLine2,
    [order.shipCity, order.shipRegion, order.shipPostalCode].filter(Boolean).join(', '),
    country ? L(locale, country.nameEn, country.nameJa) : order.shipCountry,
  ]
    .filter(Boolean)
    .join('\n');
  const items: [string, string][] = lines.map((l) => {
    const title = L(locale, l.titleEn, l.titleJa);
    const preorder =
      l.isPreorder && l.releaseMonth
        ? L(
            locale,
            ` (pre-order, release ${formatMonth(l.releaseMonth, locale)})`,
            `（予約・${formatMonth(l.releaseMonth, locale)}発売予定）`,
          )
        : '';
    return [`${title}${preorder} × ${l.quantity}`, formatJpy(l.unitPriceJpy * l.quantity, locale)];
  });
  return [
    { kind: 'heading', text: L(locale, 'Items', 'ご注文商品') },
    {
      kind: 'rows',
      rows: [
        ...items,
        [L(locale, 'Shipping', '送料'), formatJpy(order.shippingFeeJpy, locale)],
        ...(order.giftWrap
          ? [
              [
                L(locale, 'Gift wrapping', 'ギフトラッピング'),
                formatJpy(order.giftWrapJpy, locale),
              ] as [string, string],
            ]
          : []),
        [L(locale, 'Total (tax incl.)', '合計（税込）'), formatJpy(order.totalJpy, locale)],
      ],
    },
    ...(order.messageCard
      ? [
          { kind: 'heading' as const, text: L(locale, 'Message card', 'メッセージカード') },
          { kind: 'p' as const, text: order.messageCard },
        ]
      : []),
    { kind: 'heading', text: L(locale, 'Ship to', 'お届け先') },
    { kind: 'p', text: address },
  ];
}

/** How the order is paid, as a mail's rows show it: the card, or PayPal with its transaction id. */
function paymentLabel(order: OrderDetail['order'], locale: MailContext['locale']): string {
  if (order.paymentProvider === 'paypal') {
    return L(
      locale,
      `PayPal (transaction ID ${order.paymentRef})`,
      `PayPal（取引ID ${order.paymentRef}）`,
    );
  }
  return `${order.cardBrand?.toUpperCase() ?? ''} •••• ${order.cardLast4 ?? ''}`;
}

/** The confirmation's first words: a card is charged when the order ships, PayPal already was. */
function placedPaymentText(ctx: MailContext, order: OrderDetail['order']): string {
  const { locale } = ctx;
  if (order.paymentProvider !== 'paypal') {
    return L(
      locale,
      `Thank you for shopping at ${ctx.shopName}. We have received your order and authorised your card; it is charged when the order ships.`,
      `${ctx.shopName} をご利用いただきありがとうございます。ご注文を承り、カードの与信を行いました。ご請求は発送時となります。`,
    );
  }
  if (order.paymentState === 'waiting') {
    return L(
      locale,
      `Thank you for shopping at ${ctx.shopName}. We have received your order. PayPal is still reviewing your payment; we start preparing the order once it clears.`,
      `${ctx.shopName} をご利用いただきありがとうございます。ご注文を承りました。お支払いはPayPalで確認中です。確認が済みしだい、ご注文の準備を始めます。`,
    );
  }
  return L(
    locale,
    `Thank you for shopping at ${ctx.shopName}. We have received your order and your payment with PayPal.`,
    `${ctx.shopName} をご利用いただきありがとうございます。ご注文とPayPalでのお支払いを承りました。`,
  );
}

export function orderPlacedMail(ctx: MailContext, detail: OrderDetail): MailContent {
  const { order } = detail;
  const { locale } = ctx;
  const hasPreorder = detail.lines.some((l) => l.isPreorder);
  return {
    subject: L(
      locale,
      `Thank you for your order ${order.number}`,
      `ご注文ありがとうございます（${order.number}）`,
    ),
    body: {
      locale,
      blocks: [
        { kind: 'p', text: L(locale, `Dear ${order.shipName},`, `${order.shipName} 様`) },
        { kind: 'p', text: placedPaymentText(ctx, order) },
        {
          kind: 'rows',
          rows: [
            [L(locale, 'Order number', 'ご注文番号'), order.number],
            [L(locale, 'Order date', 'ご注文日時'), formatDate(order.createdAt, locale, true)],
            [L(locale, 'Payment', 'お支払い'), paymentLabel(order, locale)],
          ],
        },
        ...orderSummary(detail, locale),
        ...(hasPreorder
          ? [
              {
                kind: 'p' as const,
                text: L(
                  locale,
                  'This order contains pre-order items. It ships as one package when everything in it has been released.',
                  'このご注文には予約商品が含まれています。すべての商品が揃ってから一括で発送いたします。',
                ),
              },
            ]
          : []),
        {
          kind: 'p',
          text: L(
            locale,
            'We will write again when your order ships, with the carrier and tracking number.',
            '発送時に、配送業者と追跡番号をメールでお知らせします。',
          ),
        },
      ],
      action: orderAction(ctx, order.number),
      footer: footer(ctx),
    },
  };
}

export function orderCancelledMail(
  ctx: MailContext,
  detail: OrderDetail,
  how: { refunded: boolean; why: 'payment_not_fixed' | null } = { refunded: false, why: null },
): MailContent {
  const { order } = detail;
  const { locale } = ctx;
  const amount = formatJpy(order.totalJpy, locale);
  const why =
    how.why === 'payment_not_fixed'
      ? L(
          locale,
          'We cancelled it because the payment could not be completed: no other card was entered in time after your card was declined. ',
          'カードでのお支払いができず、期限までに別のカードのご登録がなかったため、キャンセルいたしました。',
        )
      : '';
  const money =
    order.paymentProvider === 'paypal'
      ? L(
          locale,
          `The ${amount} you paid with PayPal has been refunded to your PayPal account (transaction ID ${order.paymentRef}).`,
          `PayPalでお支払いいただいた${amount}は、PayPalアカウントに返金いたしました（取引ID ${order.paymentRef}）。`,
        )
      : how.refunded
        ? L(
            locale,
            `The ${amount} charged to your card has been refunded; depending on your card issuer it can take several days to appear on your statement.`,
            `カードにご請求した${amount}は返金いたしました。カード会社によっては、明細に反映されるまで数日かかる場合があります。`,
          )
        : L(
            locale,
            'The authorisation on your card has been released, so you will not be charged; depending on your card issuer it can take a few days to disappear from your statement.',
            'カードの与信は解除しましたので、ご請求は発生しません。カード会社によっては、明細から消えるまで数日かかる場合があります。',
          );
  return {
    subject: L(
      locale,
      `Your order ${order.number} has been cancelled`,
      `ご注文キャンセルのお知らせ（${order.number}）`,
    ),
    body: {
      locale,
      blocks: [
        { kind: 'p', text: L(locale, `Dear ${order.shipName},`, `${order.shipName} 様`) },
        {
          kind: 'p',
          text:
            L(
              locale,
              `Your order ${order.number} has been cancelled in full. `,
              `ご注文 ${order.number} はすべてキャンセルされました。`,
            ) +
            why +
            money,
        },
        ...orderSummary(detail, locale),
      ],
      action: orderAction(ctx, order.number),
      footer: footer(ctx),
    },
  };
}

export function orderShippedMail(ctx: MailContext, detail: OrderDetail): MailContent {
  const { order } = detail;
  const { locale } = ctx;
  const method = order.carrier ? shippingMethods[order.carrier] : undefined;
  const carrier = method ? L(locale, method.nameEn, method.nameJa) : (order.carrier ?? '');
  return {
    subject: L(
      locale,
      `Your order ${order.number} has shipped`,
      `ご注文商品を発送しました（${order.number}）`,
    ),
    body: {
      locale,
      blocks: [
        { kind: 'p', text: L(locale, `Dear ${order.shipName},`, `${order.shipName} 様`) },
        {
          kind: 'p',
          text: L(
            locale,
            'Your order is on its way. You can follow the package on the carrier’s website with the tracking number below; the order page links to it.',
            'ご注文の商品を発送いたしました。下記の追跡番号で、配送業者のサイトから配送状況をご確認いただけます。ご注文ページにもリンクがあります。',
          ),
        },
        {
          kind: 'rows',
          rows: [
            [L(locale, 'Order number', 'ご注文番号'), order.number],
            [L(locale, 'Carrier', '配送業者'), carrier],
            [L(locale, 'Tracking number', '追跡番号'), order.trackingNumber ?? ''],
          ],
        },
        {
          kind: 'p',
          text: L(
            locale,
            'Customs duties and import taxes, if your country charges any, are paid by the recipient on delivery.',
            '関税・輸入税が課される場合は、お届け時に受取人様のお支払いとなります。',
          ),
        },
        ...orderSummary(detail, locale),
      ],
      action: orderAction(ctx, order.number),
      footer: footer(ctx),
    },
  };
}

/** A notice staff wrote (e.g. a release delay), in the customer's language. */
export function importantNoticeMail(
  ctx: MailContext,
  notice: {
    subjectEn: string;
    subjectJa: string;
    bodyEn: string;
    bodyJa: string;
    orderNumber?: string | null;
  },
): MailContent {
  const { locale } = ctx;
  return {
    subject: L(locale, notice.subjectEn, notice.subjectJa),
    body: {
      locale,
      blocks: [
        ...(notice.orderNumber
          ? [
              {
                kind: 'rows' as const,
                rows: [[L(locale, 'Order number', 'ご注文番号'), notice.orderNumber]] as [
                  string,
                  string,
                ][],
              },
            ]
          : []),
        ...L(locale, notice.bodyEn, notice.bodyJa)
          .split(/\n{2,}/)
          .map((text) => ({ kind: 'p' as const, text })),
      ],
      action: notice.orderNumber ? orderAction(ctx, notice.orderNumber) : null,
      footer: footer(ctx),
    },
  };
}

const codePurposes = {
  order_email_change: {
    en: 'to send the mails of an order to this address',
    ja: 'ご注文のメールをこのアドレスに送るための確認',
  },
  order_lookup: { en: 'to open your order', ja: 'ご注文を確認するため' },
} as const;

/** A six-digit code; the mail says what it is for and when it expires. */
export function verificationCodeMail(
  ctx: MailContext,
  data: MailPayloads['verification_code'] & { orderNumber?: string | null },
): MailContent {
  const { locale } = ctx;
  const purpose = codePurposes[data.purpose];
  return {
    subject: L(
      locale,
      `Your ${ctx.shopName} verification code`,
      `【${ctx.shopName}】確認コードのお知らせ`,
    ),
    body: {
      locale,
      blocks: [
        {
          kind: 'p',
          text: L(
            locale,
            `Enter this code on the ${ctx.shopName} page ${purpose.en}${data.orderNumber ? ` (order ${data.orderNumber})` : ''}:`,
            `${purpose.ja}${data.orderNumber ? `（ご注文 ${data.orderNumber}）` : ''}のため、${ctx.shopName} の画面に次のコードを入力してください。`,
          ),
        },
        { kind: 'code', text: data.code },
        {
          kind: 'p',
          text: L(
            locale,
            `The code is valid for ${data.minutes} minutes. If you did not ask for it, you can ignore this mail: nothing changes without the code.`,
            `コードの有効期限は${data.minutes}分です。お心当たりがない場合は、このメールを破棄してください。コードが入力されない限り、何も変更されません。`,
          ),
        },
      ],
      action: null,
      footer: footer(ctx),
    },
  };
}

/** The order mails and notices, by topic (the inquiry desk's are in support-mails.ts). */
export const coreTemplates = {
  order_placed: ({ ctx, detail }) => orderPlacedMail(ctx, needOrder(detail)),
  order_cancelled: ({ ctx, detail, payload }) =>
    orderCancelledMail(ctx, needOrder(detail), { refunded: payload.refunded, why: payload.why }),
  order_shipped: ({ ctx, detail }) => orderShippedMail(ctx, needOrder(detail)),
  important_notice: ({ ctx, payload, detail }) =>
    importantNoticeMail(ctx, { ...payload, orderNumber: detail?.order.number ?? null }),
  verification_code: ({ ctx, payload, detail }) =>
    verificationCodeMail(ctx, { ...payload, orderNumber: detail?.order.number ?? null }),
} satisfies Partial<MailTemplates>;
