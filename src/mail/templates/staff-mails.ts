import { formatDate, type Locale } from '../../web/i18n.ts';
import { L, type MailContent, type MailContext, type MailTemplates } from './mail-content.ts';

/** The time in a payload (an ISO string), in Japan time as the shop shows it. */
function when(value: string, locale: Locale): string {
  return `${formatDate(new Date(value), locale, true)} (JST)`;
}

/**
 * To a staff member whose account locked after wrong passwords in a row. The sign-in page does
 * not say so (an attacker must not learn it), so this mail is how the real owner finds out.
 * No link, and nothing secret in it.
 */
export function staffLockedMail(
  ctx: MailContext,
  data: { name: string; failures: string; at: string; clientAddress: string },
): MailContent {
  const { locale } = ctx;
  return {
    subject: L(
      locale,
      `Your ${ctx.shopName} staff account is locked`,
      `【${ctx.shopName}】スタッフアカウントがロックされました`,
    ),
    body: {
      locale,
      blocks: [
        {
          kind: 'p',
          text: data.name
            ? L(locale, `Dear ${data.name},`, `${data.name} 様`)
            : L(locale, 'Hello,', 'スタッフ各位'),
        },
        {
          kind: 'p',
          text: L(
            locale,
            `Your staff account was locked after ${data.failures} wrong passwords in a row. Until it is unlocked, nobody can sign in with it, not even with the right password.`,
            `パスワードが${data.failures}回続けて間違って入力されたため、スタッフアカウントをロックしました。ロックが解除されるまでは、正しいパスワードでもログインできません。`,
          ),
        },
        {
          kind: 'rows',
          rows: [
            [L(locale, 'Locked at', 'ロック日時'), data.at],
            [L(locale, 'Last attempt from', '最後の試行元'), data.clientAddress || '-'],
          ],
        },
        {
          kind: 'p',
          text: L(
            locale,
            'If you mistyped your password, ask an administrator to unlock the account (npm run tenpo -- staff unlock --email <your address>). If it was not you, someone is guessing your password: tell an administrator, and choose a new password once you are back in.',
            'ご自身の入力間違いであれば、管理者にロックの解除（npm run tenpo -- staff unlock --email <メールアドレス>）を依頼してください。お心当たりがない場合は、第三者がパスワードを推測しようとしています。管理者に連絡し、ログインできるようになったらパスワードを変更してください。',
          ),
        },
      ],
      action: null,
      footer: [
        ctx.shopName,
        L(
          locale,
          `This mail was sent to ${ctx.recipient}.`,
          `このメールは ${ctx.recipient} 宛にお送りしています。`,
        ),
      ],
    },
  };
}

export const staffTemplates = {
  staff_locked: ({ ctx, payload }) =>
    staffLockedMail(ctx, {
      ...payload,
      failures: String(payload.failures),
      at: when(payload.at, ctx.locale),
    }),
} satisfies Partial<MailTemplates>;
