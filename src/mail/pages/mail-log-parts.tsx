import { formatJapanTime } from '../../lib/japan-time.ts';
import type { MailTopic } from '../enqueue-mail.ts';
import type { SuppressionReason } from '../suppressions.ts';
import type { MailEvent, MailState } from '../tables.ts';

// Names and badges of the staff mail views that other domains' staff pages show too.

export const topicLabels: Record<MailTopic, string> = {
  order_placed: 'Order confirmation',
  order_cancelled: 'Order cancelled',
  checkout_refunded: 'PayPal payment refunded, no order placed',
  order_shipped: 'Order shipped',
  payment_failed: 'Payment failed (another card needed)',
  paypal_declined: 'PayPal declined the payment (order cancelled)',
  order_address_changed: 'Delivery address changed',
  order_contact_moved: 'Order mail moved to another address (to the old one)',
  important_notice: 'Important notice',
  verification_code: 'Verification code',
  inquiry_receipt: 'Inquiry receipt',
  inquiry_reply: 'Inquiry reply',
  inquiry_contact_notice: 'Inquiry: contact email notice (to the order address)',
  registration_code: 'Registration code',
  registration_attempt: 'Registration attempt with a registered address (to its owner)',
  email_change_code: 'Email change code',
  email_changed: 'Email changed (to old address)',
  password_reset: 'Password reset',
  member_lookup: 'Member ID check',
  newsletter: 'Newsletter',
  password_changed: 'Password changed',
  membership_cancelled: 'Membership cancelled',
  staff_locked: 'Staff account locked (to the staff member)',
};

export const mailStateLabels: Record<MailState, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  deferred: 'Deferred (will retry)',
  bounced: 'Bounced',
  complained: 'Complaint',
  suppressed: 'Suppressed (not sent)',
  failed: 'Failed',
};

export const suppressionReasonLabels: Record<SuppressionReason, string> = {
  hard_bounce: 'Hard bounce',
  complaint: 'Spam complaint',
  soft_bounces: 'Repeated soft bounces',
  manual: 'Added by staff',
};

export const topicLabel = (topic: MailTopic) => topicLabels[topic] ?? topic;

/** The stylesheet colours order-state badges; mail states borrow the closest one. */
const badgeClass: Record<MailState, string> = {
  queued: '',
  sending: 'state-preparing',
  sent: 'state-delivered',
  deferred: 'state-preparing',
  bounced: 'state-cancelled',
  complained: 'state-cancelled',
  suppressed: 'state-cancelled',
  failed: 'state-cancelled',
};

export function MailStateBadge({ state }: { state: MailState }) {
  return (
    <span class={`badge ${badgeClass[state]}`} data-mail-state={state}>
      {mailStateLabels[state]}
    </span>
  );
}

export const eventLabels: Record<MailEvent['type'], string> = {
  queued: 'Queued',
  sent: 'Sent',
  deferred: 'Deferred',
  bounced: 'Bounced',
  complained: 'Complaint',
  suppressed: 'Suppressed',
  failed: 'Failed',
};

/** One timeline event in words, with the facts its detail holds. */
export function describeMailEvent(event: MailEvent): {
  summary: string;
  facts: [label: string, value: string][];
} {
  const d = event.detail as Record<string, unknown>;
  const text = (key: string) => (d[key] === undefined || d[key] === null ? '' : String(d[key]));
  const when = (key: string) => {
    const value = text(key);
    const date = value ? new Date(value) : null;
    return date && !Number.isNaN(date.getTime()) ? `${formatJapanTime(date)} JST` : value;
  };
  const facts: [string, string][] = [];
  const shown = new Set<string>();
  const fact = (label: string, key: string, value = text(key)) => {
    shown.add(key);
    if (value) facts.push([label, value]);
  };
  let summary: string;
  switch (event.type) {
    case 'queued':
      summary = d.recipient ? `Queued for ${text('recipient')}` : 'Queued';
      shown.add('recipient');
      break;
    case 'sent':
      summary = `Accepted by ${text('host') || 'the receiving server'}`;
      fact('Server reply', 'response');
      shown.add('host');
      fact('Attempt', 'attempt');
      break;
    case 'deferred':
      summary = 'Temporary failure; it will be tried again';
      fact('Reply code', 'code');
      fact('Server reply', 'response');
      fact('Attempt', 'attempt');
      fact('Next try', 'nextAttemptAt', when('nextAttemptAt'));
      break;
    case 'bounced':
      summary = `${text('bounceClass') === 'hard' ? 'Hard' : 'Soft'} bounce`;
      fact('Class', 'bounceClass');
      fact('Status (RFC 3463)', 'status');
      fact('Diagnostic', 'diagnostic');
      fact('Reported by', 'source');
      fact('Recipient', 'recipient');
      fact('Recipient in report', 'reportedRecipient');
      break;
    case 'complained':
      summary = 'The recipient marked it as spam';
      fact('Feedback type', 'feedbackType');
      fact('Reported by', 'source');
      fact('Recipient', 'recipient');
      fact('Recipient in report', 'reportedRecipient');
      break;
    case 'suppressed':
      summary = 'Not sent: the address is on the suppression list';
      fact(
        'Reason',
        'reason',
        suppressionReasonLabels[text('reason') as SuppressionReason] ?? text('reason'),
      );
      fact('Suppressed since', 'since', when('since'));
      break;
    case 'failed':
      summary =
        text('reason') === 'retries_exhausted'
          ? 'Gave up: the receiving server kept refusing for the whole retry window'
          : text('reason') === 'render_failed'
            ? 'Could not be rendered'
            : `Failed${d.reason ? `: ${text('reason')}` : ''}`;
      shown.add('reason');
      fact('Reply code', 'code');
      fact('Last reply', 'response');
      fact('Attempts', 'attempts');
      fact('Error', 'error');
      break;
    default:
      summary = event.type;
  }
  // Whatever else a report carried is still worth seeing.
  for (const [key, value] of Object.entries(d))
    if (!shown.has(key) && value !== null && value !== undefined && value !== '')
      facts.push([key, typeof value === 'string' ? value : JSON.stringify(value)]);
  return { summary, facts };
}
