import { formatTokyoTime } from '../lib/japan-time.ts';
import { type Locale, type MessageKey, translator } from '../web/i18n.ts';
import type { MailEvent, MailState, OutboxMessage } from './tables.ts';

/** How a customer page colours a state: delivered, still on its way, or needing their attention. */
export type DeliveryTone = 'ok' | 'waiting' | 'problem';

export interface DeliveryDescription {
  tone: DeliveryTone;
  text: string;
  /** When the described state began (sent, bounced …), if known. */
  at: Date | null;
}

type MessageState = Pick<OutboxMessage, 'state' | 'sentAt' | 'nextAttemptAt'>;
type EventFacts = Pick<MailEvent, 'type' | 'detail' | 'at'>;

const NO_SUCH_ADDRESS =
  /user unknown|unknown user|no such (user|mailbox|recipient)|does not exist|doesn't exist|recipient not found|invalid recipient|address rejected|mailbox unavailable/i;
const MAILBOX_FULL =
  /mailbox (is )?full|over ?quota|quota exceeded|insufficient (system )?storage/i;
const SPAM = /spam|blocked|block ?list|black ?list|reputation|policy/i;

/** The reason a receiving server refused a mail, in words, from its RFC 3463 status or its text. */
export function bounceReasonKey(status: string | null | undefined, diagnostic = ''): MessageKey {
  const code = status?.trim() || diagnostic.match(/\b([245]\.\d{1,3}\.\d{1,3})\b/)?.[1] || '';
  const [, subject, detail] = code.split('.');
  if (subject === '1' && ['1', '2', '3', '10'].includes(detail ?? ''))
    return 'bounce.noSuchAddress';
  if (subject === '2' && detail === '2') return 'bounce.mailboxFull';
  if (subject === '7') return 'bounce.spam';
  if (MAILBOX_FULL.test(diagnostic)) return 'bounce.mailboxFull';
  if (NO_SUCH_ADDRESS.test(diagnostic)) return 'bounce.noSuchAddress';
  if (SPAM.test(diagnostic)) return 'bounce.spam';
  return 'bounce.other';
}

function lastEvent(events: readonly EventFacts[], type: MailEvent['type']) {
  let found: EventFacts | undefined;
  for (const event of events)
    if (event.type === type && (!found || event.at >= found.at)) found = event;
  return found;
}

function text(detail: Record<string, unknown> | undefined, key: string): string {
  const value = detail?.[key];
  return typeof value === 'string' ? value : '';
}

const waitingStates: readonly MailState[] = ['queued', 'sending'];

/**
 * A message's delivery state in plain words for its customer, from the message and its event
 * timeline; times are Japan time, where the shop operates.
 */
export function describeDelivery(
  message: MessageState,
  events: readonly EventFacts[],
  locale: Locale,
): DeliveryDescription {
  const t = translator(locale);
  if (waitingStates.includes(message.state))
    return { tone: 'waiting', text: t('delivery.waiting'), at: null };
  switch (message.state) {
    case 'sent': {
      const at = message.sentAt ?? lastEvent(events, 'sent')?.at ?? null;
      return at
        ? { tone: 'ok', text: t('delivery.sent', { time: formatTokyoTime(at, locale) }), at }
        : { tone: 'ok', text: t('delivery.sentNoTime'), at: null };
    }
    case 'deferred': {
      const event = lastEvent(events, 'deferred');
      return {
        tone: 'waiting',
        text: t('delivery.deferred', { time: formatTokyoTime(message.nextAttemptAt, locale) }),
        at: event?.at ?? null,
      };
    }
    case 'bounced': {
      const event = lastEvent(events, 'bounced');
      const reason = bounceReasonKey(
        text(event?.detail, 'status'),
        text(event?.detail, 'diagnostic'),
      );
      return {
        tone: 'problem',
        text: t('delivery.bounced', { reason: t(reason) }),
        at: event?.at ?? null,
      };
    }
    case 'complained':
      return {
        tone: 'problem',
        text: t('delivery.complained'),
        at: lastEvent(events, 'complained')?.at ?? null,
      };
    case 'suppressed': {
      const event = lastEvent(events, 'suppressed');
      const reason = text(event?.detail, 'reason');
      const key: MessageKey =
        reason === 'complaint'
          ? 'delivery.suppressedComplaint'
          : reason === 'manual'
            ? 'delivery.suppressedManual'
            : 'delivery.suppressed';
      return { tone: 'problem', text: t(key), at: event?.at ?? null };
    }
    default: {
      const event = lastEvent(events, 'failed');
      const key: MessageKey =
        text(event?.detail, 'reason') === 'retries_exhausted'
          ? 'delivery.failedRetries'
          : 'delivery.failed';
      return { tone: 'problem', text: t(key), at: event?.at ?? null };
    }
  }
}

/** Why an address is on the suppression list, in words that complete "we no longer send: …". */
export function describeSuppression(
  suppression: { reason: string; detail: string },
  locale: Locale,
): string {
  const t = translator(locale);
  switch (suppression.reason) {
    case 'hard_bounce':
      return t('suppression.hard_bounce', {
        reason: t(bounceReasonKey(null, suppression.detail)),
      });
    case 'soft_bounces':
      return t('suppression.soft_bounces');
    case 'complaint':
      return t('suppression.complaint');
    default:
      return t('suppression.manual');
  }
}
