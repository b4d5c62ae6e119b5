import type { Block } from './layout.ts';
import {
  footer,
  L,
  type MailContent,
  type MailContext,
  type MailTemplate,
  text,
} from './mail-content.ts';

/** The subject of every staff reply: the number in brackets lets a customer's answer find its thread. */
export function inquiryReplySubject(locale: 'en' | 'ja', inquiryNumber: string): string {
  return L(
    locale,
    `Re: [${inquiryNumber}] Your inquiry`,
    `Re: [${inquiryNumber}] お問い合わせについて`,
  );
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
  inquiry_reply: ({ ctx, payload }) =>
    inquiryReplyMail(ctx, {
      inquiryNumber: text(payload.inquiryNumber),
      name: text(payload.name),
      body: text(payload.body),
    }),
} satisfies Record<string, MailTemplate>;
