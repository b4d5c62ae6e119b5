import { formatTokyoTime } from '../../lib/japan-time.ts';
import { describeDelivery } from '../../mail/describe-delivery.ts';
import type { CustomerMail } from '../../mail/find-order-mail.ts';
import { CodeField, TextField } from '../../web/form-fields.tsx';
import { formatDate, isMessageKey, type Locale, type Translate } from '../../web/i18n.ts';
import { Csrf, Notice } from '../../web/layout.tsx';
import type { PendingContactChange } from '../request-contact-change.ts';
import type { Order } from '../tables.ts';

/** The id the order page's mail section carries, so forms and redirects can land on it. */
export const MAIL_SECTION_ID = 'order-mail';

/** What a message was about, in words: 'Shipping notice', 'Verification code (to open this order)'. */
export function mailTopicText(t: Translate, mail: CustomerMail, locale: Locale): string {
  const key = `mail.topic.${mail.topic}`;
  const topic = isMessageKey(key) ? t(key) : t('mail.topic.other');
  const [open, close, colon] = locale === 'ja' ? ['（', '）', '：'] : [' (', ')', ': '];
  if (mail.noticeSubject) {
    const subject =
      (locale === 'ja' ? mail.noticeSubject.ja : mail.noticeSubject.en) ||
      mail.noticeSubject.en ||
      mail.noticeSubject.ja;
    return subject ? `${topic}${colon}${subject}` : topic;
  }
  const purpose = `mail.purpose.${mail.purpose}`;
  return mail.purpose && isMessageKey(purpose) ? `${topic}${open}${t(purpose)}${close}` : topic;
}

/** A list of messages with where they went and what happened to them; `resendAction` adds a button. */
export function MailList(props: {
  mail: CustomerMail[];
  t: Translate;
  locale: Locale;
  csrf: string;
  /** The resend form's action for a message, or null where resending cannot help. */
  resendAction?: ((messageId: string) => string | null) | null;
}) {
  const { t, locale } = props;
  return (
    <ol class="timeline mail-list">
      {props.mail.map((mail) => {
        const delivery = describeDelivery(mail, mail.events, locale);
        // Codes expire and inquiry mail belongs to its inquiry: neither is resent from here.
        const resendable = mail.topic !== 'verification_code' && !mail.topic.startsWith('inquiry_');
        const resendAction = resendable ? (props.resendAction?.(mail.id) ?? null) : null;
        return (
          <li
            class={
              delivery.tone === 'waiting' ? '' : delivery.tone === 'ok' ? 'done' : 'done cancelled'
            }
            data-mail-state={mail.state}
          >
            <strong>{mailTopicText(t, mail, locale)}</strong>
            {mail.resendOf && <span class="badge"> {t('mail.sentAgain')}</span>}
            <span class="muted"> · {formatDate(mail.createdAt, locale, true)}</span>
            <div class="muted mail-recipient">{t('mail.to', { email: mail.recipient })}</div>
            <div class="delivery-state">{delivery.text}</div>
            {resendAction && (
              <form method="post" action={resendAction} class="inline">
                <Csrf token={props.csrf} />
                <button type="submit" class="secondary">
                  {t('orderMail.resend')}
                </button>
              </form>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The sentence that says what a contact change does and does not change. */
function OnlyThisOrder({ t, memberEmail }: { t: Translate; memberEmail: string | null }) {
  return (
    <p>
      <strong>
        {memberEmail
          ? t('contactChange.onlyThisOrder', { email: memberEmail })
          : t('contactChange.onlyThisOrderGuest')}
      </strong>
    </p>
  );
}

export interface OrderMailProps {
  order: Order;
  mail: CustomerMail[];
  t: Translate;
  locale: Locale;
  csrf: string;
  /** The member's own account email, which a contact change leaves alone; null for guests. */
  memberEmail: string | null;
  /** Mail to the order's contact email is suppressed, so resending there cannot help. */
  contactBlocked: boolean;
  resendAction: (messageId: string) => string;
  contactChangeAction: string;
  contactForm: { value: string; error?: string | undefined };
  notice?: string | undefined;
  error?: string | undefined;
}

/** "Mail about this order": every message with its state, resend, and moving the mail elsewhere. */
export function OrderMailSection(props: OrderMailProps) {
  const { t, locale, order } = props;
  return (
    <section id={MAIL_SECTION_ID} aria-labelledby={`${MAIL_SECTION_ID}-title`}>
      <h2 id={`${MAIL_SECTION_ID}-title`}>{t('orderMail.title')}</h2>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <p class="muted">{t('contactChange.current', { email: order.contactEmail })}</p>
      {props.contactBlocked && (
        <Notice kind="error">{t('orderMail.blocked', { email: order.contactEmail })}</Notice>
      )}
      {props.mail.length === 0 ? (
        <p>{t('orderMail.none')}</p>
      ) : (
        <MailList
          mail={props.mail}
          t={t}
          locale={locale}
          csrf={props.csrf}
          resendAction={props.contactBlocked ? null : props.resendAction}
        />
      )}
      <h3>{t('contactChange.title')}</h3>
      <form method="post" action={props.contactChangeAction} class="stack contact-change">
        <Csrf token={props.csrf} />
        <p class="help">{t('contactChange.help')}</p>
        <OnlyThisOrder t={t} memberEmail={props.memberEmail} />
        <TextField
          name="email"
          type="email"
          label={t('contactChange.newEmail')}
          autocomplete="email"
          values={{ email: props.contactForm.value }}
          errors={{ email: props.contactForm.error }}
        />
        <button type="submit">{t('contactChange.send')}</button>
      </form>
    </section>
  );
}

/** Where the customer types the code sent to the new address. */
export function ContactCodePage(props: {
  order: Order;
  pending: PendingContactChange | null;
  t: Translate;
  locale: Locale;
  csrf: string;
  memberEmail: string | null;
  confirmAction: string;
  requestAction: string;
  orderPath: string;
  typed: string;
  error?: string | undefined;
  fieldError?: string | undefined;
}) {
  const { t, locale, pending } = props;
  const live = pending?.state === 'live';
  const stateMessage =
    props.error ??
    (!pending
      ? t('code.none')
      : pending.state === 'expired'
        ? t('code.expired')
        : pending.state === 'used_up'
          ? t('code.tooMany')
          : undefined);
  return (
    <section>
      <h1>{t('contactChange.codeTitle')}</h1>
      <p class="muted">{t('order.title', { number: props.order.number })}</p>
      {stateMessage && <Notice kind="error">{stateMessage}</Notice>}
      {live && (
        <p>
          {t('contactChange.codeSent', {
            email: pending.email,
            time: formatTokyoTime(pending.expiresAt, locale),
          })}
        </p>
      )}
      <OnlyThisOrder t={t} memberEmail={props.memberEmail} />
      {live && (
        <form method="post" action={props.confirmAction} class="stack">
          <Csrf token={props.csrf} />
          <CodeField t={t} value={props.typed} error={props.fieldError} />
          <button type="submit">{t('code.confirm')}</button>
        </form>
      )}
      {live && <p class="muted">{t('code.notArrived')}</p>}
      <form method="post" action={props.requestAction} class="stack">
        <Csrf token={props.csrf} />
        <TextField
          name="email"
          type="email"
          label={t('contactChange.newEmail')}
          autocomplete="email"
          values={{ email: pending?.email }}
          errors={{}}
        />
        <button type="submit" class="secondary">
          {t('code.sendAgain')}
        </button>
      </form>
      <p>
        <a href={props.orderPath}>{t('contactChange.back')}</a>
      </p>
    </section>
  );
}
