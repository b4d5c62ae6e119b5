import { addressLines, type OrderAddress } from '../../orders/shipping-address.ts';
import {
  footer,
  L,
  type MailContent,
  type MailContext,
  type MailTemplates,
  orderAction,
} from './mail-content.ts';

/** Confirms a changed delivery address: both addresses, the unchanged fee, what to do if unexpected. */
export function orderAddressChangedMail(
  ctx: MailContext,
  data: {
    orderNumber: string;
    previous: OrderAddress;
    current: OrderAddress;
    byStaff: boolean;
  },
): MailContent {
  const { locale } = ctx;
  const n = data.orderNumber;
  const name = data.current.name;
  return {
    subject: L(
      locale,
      `The delivery address of your order ${n} was changed`,
      `お届け先変更のお知らせ（${n}）`,
    ),
    body: {
      locale,
      blocks: [
        {
          kind: 'p',
          text: name
            ? L(locale, `Dear ${name},`, `${name} 様`)
            : L(locale, 'Hello,', 'いつもご利用ありがとうございます。'),
        },
        {
          kind: 'p',
          text: data.byStaff
            ? L(
                locale,
                `As you asked us, we have changed the delivery address of your order ${n}. It will be delivered to the new address below. The shipping fee and the amount authorised on your card stay the same.`,
                `ご依頼により、ご注文 ${n} のお届け先を変更しました。下記の新しいお届け先へお届けします。送料およびカードの与信額に変更はありません。`,
              )
            : L(
                locale,
                `The delivery address of your order ${n} was changed on the order page. It will be delivered to the new address below. The shipping fee and the amount authorised on your card stay the same.`,
                `ご注文ページで、ご注文 ${n} のお届け先が変更されました。下記の新しいお届け先へお届けします。送料およびカードの与信額に変更はありません。`,
              ),
        },
        { kind: 'heading', text: L(locale, 'New delivery address', '新しいお届け先') },
        { kind: 'p', text: addressLines(data.current, locale).join('\n') },
        { kind: 'heading', text: L(locale, 'Previous address', '変更前のお届け先') },
        { kind: 'p', text: addressLines(data.previous, locale).join('\n') },
        {
          kind: 'p',
          text: L(
            locale,
            'If you did not make this change, reply to this mail right away, so we can stop the parcel before it leaves.',
            'お心当たりがない場合は、発送前に止められるよう、すぐにこのメールにご返信ください。',
          ),
        },
      ],
      action: orderAction(ctx, n),
      footer: footer(ctx),
    },
  };
}

/**
 * To the address an order's mail was moved away from, after the customer confirmed the new one
 * on the order page: who now gets it (masked), and that this address's order links stopped
 * working. No link and no code: the mailbox may not be the customer's any more.
 */
export function orderContactMovedMail(
  ctx: MailContext,
  data: { orderNumber: string; maskedEmail: string },
): MailContent {
  const { locale } = ctx;
  const { orderNumber: n, maskedEmail: to } = data;
  return {
    subject: L(
      locale,
      `The mails of your order ${n} now go to another address`,
      `ご注文 ${n} のメールの送り先が変更されました`,
    ),
    body: {
      locale,
      blocks: [
        {
          kind: 'p',
          text: L(
            locale,
            `The email address of order ${n} was changed on the order page, after a code sent to the new address was entered. From now on, the mails of this order go to ${to}, and the order links sent to this address no longer work.`,
            `ご注文ページで、新しいアドレスに送った確認コードが入力され、ご注文 ${n} のメールアドレスが変更されました。今後、このご注文のメールは ${to} にお送りします。このアドレスにお送りしたご注文のリンクは使えなくなりました。`,
          ),
        },
        {
          kind: 'p',
          text: L(
            locale,
            'If you did not make this change, reply to this mail right away.',
            'お心当たりがない場合は、すぐにこのメールにご返信ください。',
          ),
        },
      ],
      action: null,
      footer: footer(ctx),
    },
  };
}

/** Mails about changes to a placed order, by topic. */
export const orderAddressTemplates = {
  order_address_changed: ({ ctx, payload }) =>
    orderAddressChangedMail(ctx, {
      orderNumber: payload.orderNumber,
      previous: payload.previous,
      current: payload.current,
      byStaff: payload.by === 'staff',
    }),
  order_contact_moved: ({ ctx, payload }) => orderContactMovedMail(ctx, payload),
} satisfies Partial<MailTemplates>;
