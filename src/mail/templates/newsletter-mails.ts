import { unsubscribeUrl } from '../../newsletter/unsubscribe-token.ts';
import { L, type MailContent, type MailContext, type MailTemplates } from './mail-content.ts';

/**
 * A newsletter staff wrote, in the member's language. Its one link is the unsubscribe link at the
 * end; the List-Unsubscribe headers (RFC 8058 one-click) carry the same URL, and stay even when
 * MAIL_LINKS=none because headers are not body text (see docs/decisions/0008).
 */
export function newsletterMail(
  ctx: MailContext,
  data: { subject: string; body: string; unsubscribeUrl: string },
): MailContent {
  const { locale } = ctx;
  const domain = ctx.fromAddress.split('@')[1] ?? 'localhost';
  return {
    subject: data.subject,
    headers: {
      'List-Unsubscribe': `<${data.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': `${ctx.shopName} newsletter <newsletter.${domain}>`,
      Precedence: 'bulk',
    },
    body: {
      locale,
      blocks: data.body
        .split(/\n{2,}/)
        .filter((part) => part.trim() !== '')
        .map((part) => ({ kind: 'p' as const, text: part })),
      action: {
        label: L(locale, 'Unsubscribe from this newsletter', 'メールマガジンの配信を停止する'),
        url: data.unsubscribeUrl,
        instead: L(
          locale,
          `To stop this newsletter, sign in to ${ctx.shopName} and open MyPage > Newsletter, or use your mail program's unsubscribe button.`,
          `配信を停止するには、${ctx.shopName} にログインして「マイページ」>「メールマガジン」から設定するか、メールソフトの「配信停止」ボタンをご利用ください。`,
        ),
      },
      footer: L(
        locale,
        [
          ctx.shopName,
          `You receive this newsletter at ${ctx.recipient} because you asked for it in your ${ctx.shopName} account. It comes from ${ctx.fromAddress}.`,
          'Replies reach our support team.',
        ],
        [
          ctx.shopName,
          `このメールマガジンは、${ctx.shopName} のアカウントで配信をご希望いただいた ${ctx.recipient} 宛にお送りしています。送信元は ${ctx.fromAddress} です。`,
          'このメールへのご返信はサポート担当に届きます。',
        ],
      ),
    },
  };
}

/** The newsletter mail, by topic; the payload is written by sendNewsletter. */
export const newsletterTemplates = {
  newsletter: ({ ctx, payload, publicUrl }) =>
    newsletterMail(ctx, {
      subject: payload.subject,
      body: payload.body,
      unsubscribeUrl: unsubscribeUrl(publicUrl, encodeURIComponent(payload.unsubscribeToken)),
    }),
} satisfies Partial<MailTemplates>;
