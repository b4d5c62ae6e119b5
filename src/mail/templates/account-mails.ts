import { formatDate, type Locale } from '../../web/i18n.ts';
import type { Block } from './layout.ts';
import {
  footer,
  L,
  type MailContent,
  type MailContext,
  type MailTemplates,
} from './mail-content.ts';

/** The one link of a mail to someone who has no member ID yet. */
function registerAction(ctx: MailContext, url: string) {
  return {
    label: L(ctx.locale, 'Become a member', '会員登録する'),
    url,
    instead: L(
      ctx.locale,
      `To become a member, choose "Register" at the top of any ${ctx.shopName} page.`,
      `会員登録は、${ctx.shopName} の各ページ上部の「会員登録」からお手続きください。`,
    ),
  };
}

/** What the code is for (one sentence per language), the code, and how long it works. */
function codeBlocks(
  locale: Locale,
  code: string,
  minutes: number,
  intro: [string, string],
): Block[] {
  return [
    { kind: 'p', text: L(locale, ...intro) },
    { kind: 'code', text: code },
    {
      kind: 'p',
      text: L(
        locale,
        `The code works for ${minutes} minutes and only once. If you did not ask for it, ignore this mail: nothing happens without the code.`,
        `コードの有効期限は${minutes}分で、1回だけ使えます。お心当たりがない場合は、このメールを破棄してください。コードが入力されない限り、何も起こりません。`,
      ),
    },
  ];
}

/** The code that confirms a new member's address; the account works once it is entered. */
export function registrationCodeMail(
  ctx: MailContext,
  data: { code: string; minutes: number; memberCode: string },
): MailContent {
  const { locale } = ctx;
  return {
    subject: L(
      locale,
      `Confirm your email address for ${ctx.shopName}`,
      `【${ctx.shopName}】メールアドレスの確認コード`,
    ),
    body: {
      locale,
      blocks: [
        {
          kind: 'p',
          text: L(
            locale,
            `Thank you for registering with ${ctx.shopName} as ${data.memberCode}. One step is left: confirm that this address is yours, so that order confirmations and shipping notices reach you.`,
            `${ctx.shopName} にご登録いただきありがとうございます（会員ID：${data.memberCode}）。ご注文確認や発送のお知らせが確実に届くよう、このメールアドレスがお客様のものであることを確認させてください。`,
          ),
        },
        ...codeBlocks(locale, data.code, data.minutes, [
          'Enter this code on the page that asks for it after registration (or after you sign in):',
          '会員登録の後（またはログインの後）に表示される画面で、次のコードを入力してください。',
        ]),
      ],
      action: null,
      footer: footer(ctx),
    },
  };
}

/** The code that moves a member's account to this (new) address. */
export function emailChangeCodeMail(
  ctx: MailContext,
  data: { code: string; minutes: number; memberCode: string },
): MailContent {
  const { locale } = ctx;
  return {
    subject: L(
      locale,
      `Confirm your new email address for ${ctx.shopName}`,
      `【${ctx.shopName}】新しいメールアドレスの確認コード`,
    ),
    body: {
      locale,
      blocks: [
        {
          kind: 'p',
          text: L(
            locale,
            `Member ${data.memberCode} asked to use this address for their ${ctx.shopName} account.`,
            `会員ID ${data.memberCode} のお客様から、${ctx.shopName} のアカウントのメールアドレスをこのアドレスに変更するお申し込みがありました。`,
          ),
        },
        ...codeBlocks(locale, data.code, data.minutes, [
          'To make the change, enter this code on the "Change your email address" page of MyPage:',
          '変更を完了するには、マイページの「メールアドレスの変更」画面で次のコードを入力してください。',
        ]),
      ],
      action: null,
      footer: footer(ctx),
    },
  };
}

/** Sent to the old address after the change, so a takeover does not go unnoticed. */
export function emailChangedMail(
  ctx: MailContext,
  data: { memberCode: string; newEmail: string; inquiryUrl: string },
): MailContent {
  const { locale } = ctx;
  return {
    subject: L(
      locale,
      `The email address of your ${ctx.shopName} account was changed`,
      `【${ctx.shopName}】メールアドレス変更のお知らせ`,
    ),
    body: {
      locale,
      blocks: [
        {
          kind: 'p',
          text: L(
            locale,
            `The email address of member ID ${data.memberCode} was changed to ${data.newEmail}. From now on we send account mail there, and this address no longer receives it.`,
            `会員ID ${data.memberCode} のメールアドレスが ${data.newEmail} に変更されました。今後のアカウントに関するメールは新しいアドレスにお送りし、このアドレスにはお送りしません。`,
          ),
        },
        {
          kind: 'p',
          text: L(
            locale,
            'Orders placed before the change keep sending their mail to the address they were placed with.',
            '変更前のご注文に関するメールは、引き続きご注文時のメールアドレスにお送りします。',
          ),
        },
        {
          kind: 'p',
          text: L(
            locale,
            'If you did not make this change, someone else may be using your account: reply to this mail or contact us through the inquiry form right away.',
            'お心当たりがない場合は、第三者がアカウントを使用している可能性があります。すぐにこのメールにご返信いただくか、お問い合わせフォームからご連絡ください。',
          ),
        },
      ],
      action: {
        label: L(locale, 'Contact us', 'お問い合わせ'),
        url: data.inquiryUrl,
        instead: L(
          locale,
          `To contact us, reply to this mail or use "Inquiry" at the bottom of any ${ctx.shopName} page.`,
          `このメールにご返信いただくか、${ctx.shopName} の各ページ下部の「お問い合わせ」からご連絡ください。`,
        ),
      },
      footer: footer(ctx),
    },
  };
}

/** A code and a link for a new password, or, for an address no member uses, word of that. */
export function passwordResetMail(
  ctx: MailContext,
  data:
    | { registered: false; registerUrl: string }
    | { registered: true; code: string; minutes: number; memberCode: string; resetUrl: string },
): MailContent {
  const { locale } = ctx;
  if (!data.registered) {
    return {
      subject: L(
        locale,
        `About your ${ctx.shopName} password request`,
        `【${ctx.shopName}】パスワード再設定のお申し込みについて`,
      ),
      body: {
        locale,
        blocks: [
          {
            kind: 'p',
            text: L(
              locale,
              `Someone asked to reset the ${ctx.shopName} password for this address, but no member ID is registered with it, so there is no password to reset.`,
              `このメールアドレスで ${ctx.shopName} のパスワード再設定のお申し込みがありましたが、このアドレスで登録された会員IDはありません。`,
            ),
          },
          {
            kind: 'p',
            text: L(
              locale,
              'You may have registered with another address. If you did not ask for this, you can ignore this mail.',
              '別のメールアドレスでご登録の可能性があります。お心当たりがない場合は、このメールを破棄してください。',
            ),
          },
        ],
        action: registerAction(ctx, data.registerUrl),
        footer: footer(ctx),
      },
    };
  }
  return {
    subject: L(
      locale,
      `Set a new ${ctx.shopName} password`,
      `【${ctx.shopName}】パスワード再設定のご案内`,
    ),
    body: {
      locale,
      blocks: [
        {
          kind: 'p',
          text: L(
            locale,
            `Someone (we hope you) asked to set a new password for member ID ${data.memberCode}.`,
            `会員ID ${data.memberCode} のパスワード再設定のお申し込みを受け付けました。`,
          ),
        },
        ...codeBlocks(locale, data.code, data.minutes, [
          'To choose a new password, enter this code on the "Forgot your password?" page, or open the link below:',
          '新しいパスワードを設定するには、「パスワードをお忘れの方」の画面で次のコードを入力するか、下のリンクを開いてください。',
        ]),
        {
          kind: 'p',
          text: L(
            locale,
            'Once the new password is set, you are signed out everywhere else.',
            '新しいパスワードを設定すると、ほかの端末やブラウザでのログインはすべて終了します。',
          ),
        },
      ],
      action: {
        label: L(locale, 'Set a new password', '新しいパスワードを設定する'),
        url: data.resetUrl,
        instead: L(
          locale,
          `Enter the code on the "Forgot your password?" page of ${ctx.shopName} (linked from the sign-in page).`,
          `${ctx.shopName} のログイン画面にある「パスワードをお忘れの方」の画面で、コードを入力してください。`,
        ),
      },
      footer: footer(ctx),
    },
  };
}

/** "Which member ID uses this address?": the code that shows it, or that none does. */
export function memberLookupMail(
  ctx: MailContext,
  data:
    | { registered: false; registerUrl: string }
    | { registered: true; code: string; minutes: number },
): MailContent {
  const { locale } = ctx;
  if (!data.registered) {
    return {
      subject: L(
        locale,
        `No ${ctx.shopName} member ID uses this address`,
        `【${ctx.shopName}】会員IDの確認結果`,
      ),
      body: {
        locale,
        blocks: [
          {
            kind: 'p',
            text: L(
              locale,
              `Someone asked which ${ctx.shopName} member ID is registered for this address. No member ID uses this address.`,
              `このメールアドレスで登録されている ${ctx.shopName} の会員IDの確認のお申し込みがありました。このアドレスで登録された会員IDはありません。`,
            ),
          },
          {
            kind: 'p',
            text: L(
              locale,
              'You may have registered with another address; you can check that one the same way. If you did not ask for this, you can ignore this mail.',
              '別のメールアドレスでご登録の可能性があります。そのアドレスでも同じ方法でご確認いただけます。お心当たりがない場合は、このメールを破棄してください。',
            ),
          },
        ],
        action: registerAction(ctx, data.registerUrl),
        footer: footer(ctx),
      },
    };
  }
  return {
    subject: L(
      locale,
      `Your ${ctx.shopName} member ID check code`,
      `【${ctx.shopName}】会員ID確認コード`,
    ),
    body: {
      locale,
      blocks: [
        {
          kind: 'p',
          text: L(
            locale,
            `Someone asked which ${ctx.shopName} member ID is registered for this address. A member ID uses it.`,
            `このメールアドレスで登録されている ${ctx.shopName} の会員IDの確認のお申し込みがありました。このアドレスで登録された会員IDがあります。`,
          ),
        },
        ...codeBlocks(locale, data.code, data.minutes, [
          'To see the member ID, enter this code on the "Check your member ID" page:',
          '会員IDを表示するには、「会員IDの確認」の画面で次のコードを入力してください。',
        ]),
      ],
      action: null,
      footer: footer(ctx),
    },
  };
}

/** A payload time (an ISO string) in Japan time, as the shop shows it. */
function when(value: string, locale: Locale): string {
  return `${formatDate(new Date(value), locale, true)} (JST)`;
}

/**
 * To the owner of an address someone tried to register again: the registration page does not say
 * the address is taken (no account enumeration), so only the mailbox learns it, with the member ID.
 */
export function registrationAttemptMail(
  ctx: MailContext,
  data: {
    memberCode: string;
    at: string;
    confirmed: boolean;
    holdHours: number;
    signInUrl: string;
  },
): MailContent {
  const { locale } = ctx;
  const status = data.confirmed
    ? L(
        locale,
        `You already have a membership with this address: your member ID is ${data.memberCode}.`,
        `このメールアドレスはすでに会員登録されています。お客様の会員IDは ${data.memberCode} です。`,
      )
    : L(
        locale,
        `This address is already registered to member ID ${data.memberCode}, which is waiting for its address to be confirmed with a code.`,
        `このメールアドレスは会員ID ${data.memberCode} で登録済みで、確認コードによるメールアドレスの確認待ちです。`,
      );
  const advice = data.confirmed
    ? L(
        locale,
        'If it was you, sign in with that member ID or this address, or choose "Forgot your password?" on the sign-in page to set a new password. If it was not you, you can ignore this mail: nothing was changed.',
        'お客様ご自身によるお手続きの場合は、この会員IDまたはメールアドレスでログインしてください。パスワードをお忘れの場合は、ログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定できます。お心当たりがない場合は、このメールを破棄してください。アカウントには何の変更もありません。',
      )
    : L(
        locale,
        `If it was you, sign in with that member ID and its password: you are taken to the page for the code and can send a new one. If it was not you, you can ignore this mail: nothing was changed, and a registration whose address is not confirmed is released ${data.holdHours} hours after it was made.`,
        `お客様ご自身によるお手続きの場合は、その会員IDとパスワードでログインしてください。確認コードの入力画面が表示され、新しいコードを送ることもできます。お心当たりがない場合は、このメールを破棄してください。何の変更もありません。メールアドレスが確認されていない登録は、登録から${data.holdHours}時間後に解除されます。`,
      );
  return {
    subject: L(
      locale,
      `Someone tried to register with your address at ${ctx.shopName}`,
      `【${ctx.shopName}】ご登録済みのメールアドレスで会員登録のお申し込みがありました`,
    ),
    body: {
      locale,
      blocks: [
        {
          kind: 'p',
          text: L(
            locale,
            `Someone tried to create a new ${ctx.shopName} member ID with this address on ${data.at}. We did not create it.`,
            `${data.at}に、このメールアドレスで ${ctx.shopName} の新しい会員IDの登録のお申し込みがありました。新しい会員IDは作成していません。`,
          ),
        },
        { kind: 'p', text: status },
        {
          kind: 'rows',
          rows: [
            [L(locale, 'Member ID', '会員ID'), data.memberCode],
            [L(locale, 'Attempt made at', 'お申し込み日時'), data.at],
          ],
        },
        { kind: 'p', text: advice },
      ],
      action: {
        label: L(locale, 'Sign in', 'ログイン'),
        url: data.signInUrl,
        instead: L(
          locale,
          `To sign in, choose "Sign in" at the top of any ${ctx.shopName} page; "Forgot your password?" is on the same page.`,
          `ログインは、${ctx.shopName} の各ページ上部の「ログイン」からどうぞ。「パスワードをお忘れの方」も同じ画面にあります。`,
        ),
      },
      footer: footer(ctx),
    },
  };
}

/** The account mails (registration and attempts, email change, password reset, member ID check), by topic. */
export const accountTemplates = {
  registration_code: ({ ctx, payload }) => registrationCodeMail(ctx, payload),
  registration_attempt: ({ ctx, payload, publicUrl }) =>
    registrationAttemptMail(ctx, {
      ...payload,
      at: when(payload.at, ctx.locale),
      signInUrl: `${publicUrl}/account/sign-in`,
    }),
  email_change_code: ({ ctx, payload }) => emailChangeCodeMail(ctx, payload),
  email_changed: ({ ctx, payload, publicUrl }) =>
    emailChangedMail(ctx, {
      memberCode: payload.memberCode,
      newEmail: payload.newEmail,
      inquiryUrl: `${publicUrl}/inquiry`,
    }),
  password_reset: ({ ctx, payload, publicUrl }) =>
    passwordResetMail(
      ctx,
      payload.registered
        ? {
            ...payload,
            resetUrl: `${publicUrl}/account/password/reset?token=${encodeURIComponent(payload.token)}`,
          }
        : { registered: false, registerUrl: `${publicUrl}/account/register` },
    ),
  member_lookup: ({ ctx, payload, publicUrl }) =>
    memberLookupMail(
      ctx,
      payload.registered
        ? payload
        : { registered: false, registerUrl: `${publicUrl}/account/register` },
    ),
} satisfies Partial<MailTemplates>;
