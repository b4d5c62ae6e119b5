import type { Locale } from '../../web/i18n.ts';
import { formatDate } from '../../web/i18n.ts';
import { L, type MailContent, type MailContext, type MailTemplates } from './mail-content.ts';

/** The time in a payload (an ISO string), in Japan time as the shop shows it. */
function when(value: string, locale: Locale): string {
  return `${formatDate(new Date(value), locale, true)} (JST)`;
}

function footer(ctx: MailContext): string[] {
  return L(
    ctx.locale,
    [
      ctx.shopName,
      `This mail was sent to ${ctx.recipient}. It comes from ${ctx.fromAddress}.`,
      'Questions? Reply to this mail and our support team will answer.',
    ],
    [
      ctx.shopName,
      `このメールは ${ctx.recipient} 宛にお送りしています。送信元は ${ctx.fromAddress} です。`,
      'ご不明な点は、このメールにご返信ください。サポート担当よりお答えします。',
    ],
  );
}

/** Security notice after a password change; no link, so it cannot be mistaken for phishing. */
export function passwordChangedMail(
  ctx: MailContext,
  data: { memberCode: string; at: string },
): MailContent {
  const { locale } = ctx;
  return {
    subject: L(
      locale,
      `Your ${ctx.shopName} password was changed`,
      `【${ctx.shopName}】パスワード変更のお知らせ`,
    ),
    body: {
      locale,
      blocks: [
        {
          kind: 'p',
          text: L(
            locale,
            'The password of your account was changed. Everywhere else you were signed in has been signed out.',
            'お客様のアカウントのパスワードが変更されました。ほかの端末やブラウザでのログインはすべて終了しています。',
          ),
        },
        {
          kind: 'rows',
          rows: [
            [L(locale, 'Member ID', '会員ID'), data.memberCode],
            [L(locale, 'Changed at', '変更日時'), data.at],
          ],
        },
        {
          kind: 'p',
          text: L(
            locale,
            `If you did this, there is nothing more to do. If you did not, someone may know your password: choose "Forgot your password?" on the ${ctx.shopName} sign-in page to set a new one, and reply to this mail so we can help.`,
            `お客様ご自身による変更であれば、対応は不要です。お心当たりがない場合は、第三者にパスワードを知られている可能性があります。${ctx.shopName} のログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、このメールにご返信ください。`,
          ),
        },
      ],
      action: null,
      footer: footer(ctx),
    },
  };
}

/** The last mail to a member: what was erased, what orders keep, and that they are welcome back. */
export function membershipCancelledMail(
  ctx: MailContext,
  data: { memberCode: string; name: string; at: string },
): MailContent {
  const { locale } = ctx;
  const greeting = data.name
    ? L(locale, `Dear ${data.name},`, `${data.name} 様`)
    : L(locale, 'Hello,', 'いつもご利用ありがとうございます。');
  return {
    subject: L(
      locale,
      `Your ${ctx.shopName} membership has been cancelled`,
      `【${ctx.shopName}】退会手続き完了のお知らせ`,
    ),
    body: {
      locale,
      blocks: [
        { kind: 'p', text: greeting },
        {
          kind: 'p',
          text: L(
            locale,
            `Your ${ctx.shopName} membership has been cancelled as you asked. Thank you for shopping with us.`,
            `ご依頼により、${ctx.shopName} の退会手続きが完了しました。これまでのご利用、誠にありがとうございました。`,
          ),
        },
        {
          kind: 'rows',
          rows: [
            [L(locale, 'Member ID', '会員ID'), data.memberCode],
            [L(locale, 'Cancelled at', '退会日時'), data.at],
          ],
        },
        {
          kind: 'p',
          text: L(
            locale,
            'We have erased your name, saved addresses, cart and sign-in details. The records of your past orders (contact email, shipping address, items) stay with us because the law requires shops to keep them; we use them only for those orders. This is the last mail about your account.',
            'お名前・登録住所・カート・ログイン情報は削除しました。過去のご注文の記録（連絡先メールアドレス・お届け先・商品）は、法令により保存が義務付けられているため当店で保管し、そのご注文に関してのみ使用します。アカウントに関するメールはこれが最後となります。',
          ),
        },
        {
          kind: 'p',
          text: L(
            locale,
            'You can register again at any time, with the same email address and member ID if they are still free.',
            '同じメールアドレス・会員ID（ほかの方が使用していない場合）で、いつでも再度ご登録いただけます。',
          ),
        },
      ],
      action: null,
      footer: footer(ctx),
    },
  };
}

/** Mails about a member's own account settings, by topic. */
export const profileTemplates = {
  password_changed: ({ ctx, payload }) =>
    passwordChangedMail(ctx, { memberCode: payload.memberCode, at: when(payload.at, ctx.locale) }),
  membership_cancelled: ({ ctx, payload }) =>
    membershipCancelledMail(ctx, { ...payload, at: when(payload.at, ctx.locale) }),
} satisfies Partial<MailTemplates>;
