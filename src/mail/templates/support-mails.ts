import { inquiryLimits } from '../../support/limits.ts';
import type { Block } from './layout.ts';
import {
  footer,
  L,
  type MailContent,
  type MailContext,
  type MailTemplates,
} from './mail-content.ts';

/**
 * The subject every mail about an inquiry shares: the receipt uses it as is and each reply adds
 * "Re: ", so mail programs thread them together; the number in brackets lets a customer's answer
 * find its thread.
 */
export function inquirySubject(locale: 'en' | 'ja', inquiryNumber: string): string {
  return L(locale, `[${inquiryNumber}] Your inquiry`, `[${inquiryNumber}] お問い合わせについて`);
}

/** The subject of every staff reply. */
export function inquiryReplySubject(locale: 'en' | 'ja', inquiryNumber: string): string {
  return `Re: ${inquirySubject(locale, inquiryNumber)}`;
}

/**
 * The receipt for a new inquiry: its number and topic only. The customer's own text is never
 * quoted: the address it goes to is not verified, and quoting would let anyone send their words
 * to anyone under the shop's name.
 */
export function inquiryReceiptMail(
  ctx: MailContext,
  data: { inquiryNumber: string; category: string },
): MailContent {
  const { locale } = ctx;
  return {
    subject: inquirySubject(locale, data.inquiryNumber),
    body: {
      locale,
      blocks: [
        {
          kind: 'p',
          text: L(
            locale,
            `Thank you for contacting us. We received your inquiry. Our support team will answer by mail, usually within ${inquiryLimits.answerBusinessDays} business days. To add anything, reply to this mail and keep the inquiry number in the subject.`,
            `お問い合わせありがとうございます。お問い合わせを受け付けました。通常${inquiryLimits.answerBusinessDays}営業日以内に、サポート担当よりメールでご回答いたします。追加のご連絡は、件名のお問い合わせ番号を残したままこのメールにご返信ください。`,
          ),
        },
        {
          kind: 'rows',
          rows: [
            [L(locale, 'Inquiry number', 'お問い合わせ番号'), data.inquiryNumber],
            [L(locale, 'Topic', '種別'), data.category],
          ],
        },
      ],
      action: null,
      footer: footer(ctx),
    },
  };
}

export type ContactNoticeStage = 'requested' | 'applied';

/**
 * To an order's current (or, once applied, former) contact address: someone asked to move the
 * order's mails elsewhere. The new address is masked and there is no link; the way to object is a
 * reply, which the number in the subject threads into the inquiry.
 */
export function inquiryContactNoticeMail(
  ctx: MailContext,
  data: {
    stage: ContactNoticeStage;
    inquiryNumber: string;
    orderNumber: string;
    maskedEmail: string;
  },
): MailContent {
  const { locale } = ctx;
  const { inquiryNumber: q, orderNumber: o, maskedEmail: to } = data;
  const applied = data.stage === 'applied';
  return {
    subject: applied
      ? L(
          locale,
          `[${q}] The contact email of order ${o} was changed`,
          `[${q}] ご注文 ${o} の連絡先メールアドレスを変更しました`,
        )
      : L(
          locale,
          `[${q}] Request to change the contact email of order ${o}`,
          `[${q}] ご注文 ${o} の連絡先メールアドレス変更のご依頼について`,
        ),
    body: {
      locale,
      blocks: [
        {
          kind: 'p',
          text: applied
            ? L(
                locale,
                `From now on, the mails of order ${o} go to ${to} (inquiry ${q}). If you did not ask for this, reply to this mail right away.`,
                `今後、ご注文 ${o} のメールは ${to} にお送りします（お問い合わせ番号 ${q}）。お心当たりがない場合は、すぐにこのメールにご返信ください。`,
              )
            : L(
                locale,
                `We received a request to send the mails of order ${o} to ${to} (inquiry ${q}). If you asked for this, there is nothing to do. If not, reply to this mail right away.`,
                `ご注文 ${o} のメールを ${to} にお送りするよう、ご依頼をいただきました（お問い合わせ番号 ${q}）。ご本人のご依頼であれば、お手続きは不要です。お心当たりがない場合は、すぐにこのメールにご返信ください。`,
              ),
        },
        ...(applied
          ? []
          : [
              {
                kind: 'p' as const,
                text: L(
                  locale,
                  'Nothing changes on the order until our staff have checked the request.',
                  'ご依頼を担当者が確認するまで、ご注文の連絡先は変更されません。',
                ),
              },
            ]),
        {
          kind: 'rows',
          rows: [
            [L(locale, 'Order number', 'ご注文番号'), o],
            [L(locale, 'Inquiry number', 'お問い合わせ番号'), q],
          ],
        },
      ],
      action: null,
      footer: footer(ctx),
    },
  };
}

/**
 * A staff answer to an inquiry, in the inquiry's language. The staff text is data: it goes into
 * paragraphs that the layout escapes in the HTML part, never into markup.
 */
export function inquiryReplyMail(
  ctx: MailContext,
  data: { inquiryNumber: string; name: string; body: string },
): MailContent {
  const { locale } = ctx;
  const paragraphs: Block[] = data.body
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => ({ kind: 'p', text: part }));
  return {
    subject: inquiryReplySubject(locale, data.inquiryNumber),
    body: {
      locale,
      blocks: [
        {
          kind: 'p',
          text: data.name
            ? L(locale, `Dear ${data.name},`, `${data.name} 様`)
            : L(locale, 'Hello,', 'お問い合わせありがとうございます。'),
        },
        ...paragraphs,
        {
          kind: 'rows',
          rows: [[L(locale, 'Inquiry number', 'お問い合わせ番号'), data.inquiryNumber]],
        },
        {
          kind: 'p',
          text: L(
            locale,
            `To answer, reply to this mail and keep [${data.inquiryNumber}] in the subject, so your message joins this inquiry.`,
            `ご返信の際は、件名の [${data.inquiryNumber}] を残したままこのメールにご返信ください。同じお問い合わせとしてお受けします。`,
          ),
        },
      ],
      action: null,
      footer: footer(ctx),
    },
  };
}

/** The inquiry desk's mails, by topic. */
export const supportTemplates = {
  inquiry_receipt: ({ ctx, payload }) => inquiryReceiptMail(ctx, payload),
  inquiry_reply: ({ ctx, payload }) => inquiryReplyMail(ctx, payload),
  inquiry_contact_notice: ({ ctx, payload }) => inquiryContactNoticeMail(ctx, payload),
} satisfies Partial<MailTemplates>;
