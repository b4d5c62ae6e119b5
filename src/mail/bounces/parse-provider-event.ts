import { z } from 'zod';
import {
  type BounceClass,
  classifyStatus,
  messageIdFromHeader,
  messageIdFromTenpoHeader,
  type ParsedBounce,
  type ParsedComplaint,
  statusFromText,
  tidyDiagnostic,
} from './parse-bounce.ts';

type Provider = 'tenpo' | 'ses' | 'postmark';
type Delivered = { kind: 'delivered'; messageId: string | null; recipient: string | null };

export type ProviderEvent = (ParsedBounce | ParsedComplaint | Delivered) & { provider: Provider };

export type ProviderPayload =
  | { kind: 'events'; events: ProviderEvent[] }
  | { kind: 'ses_subscription'; subscribeUrl: string; topicArn: string }
  | { kind: 'invalid'; reason: string };

/**
 * Normalises a delivery webhook (Tenpo's own JSON, Amazon SES through SNS, Postmark) into bounce,
 * complaint and delivered events; never throws. It does not verify SNS signatures.
 */
export function parseProviderPayload(
  body: unknown,
  headers: Record<string, string | undefined>,
): ProviderPayload {
  // SNS posts JSON with Content-Type text/plain, so the route may hand us the raw string.
  const data = typeof body === 'string' ? parseJson(body) : body;
  if (data === undefined) return invalid('body is not valid JSON');
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return invalid('body is not a JSON object');
  }
  const snsType = headerValue(headers, 'x-amz-sns-message-type');
  if (snsType !== undefined || ('Type' in data && 'TopicArn' in data))
    return readSns(data, snsType);
  if ('RecordType' in data) return readPostmark(data);
  if ('events' in data) return readTenpo(data);
  return invalid(
    'unknown payload: expected an SNS message, a Postmark webhook or {"events": [...]}',
  );
}

// --- Tenpo's documented format ----------------------------------------------------------------

const uuid = z.string().transform((value, ctx) => {
  const id = messageIdFromTenpoHeader(value);
  if (id === null) ctx.addIssue({ code: 'custom', message: 'expected a uuid' });
  return id ?? z.NEVER;
});
const email = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^@\s]+@[^@\s]+$/, 'expected an email address');
const status = z.string().regex(/^[245]\.\d{1,3}\.\d{1,3}$/, 'expected a status such as 5.1.1');

const tenpoEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('bounce'),
    messageId: uuid.nullish(),
    recipient: email,
    status: status.nullish(),
    bounceClass: z.enum(['hard', 'soft']).optional(),
    diagnostic: z.string().max(2000).default(''),
    reportingMta: z.string().max(255).nullish(),
  }),
  z.object({
    type: z.literal('complaint'),
    messageId: uuid.nullish(),
    recipient: email,
    feedbackType: z.string().min(1).max(64).default('abuse'),
    userAgent: z.string().max(255).nullish(),
  }),
  z.object({ type: z.literal('delivered'), messageId: uuid.nullish(), recipient: email }),
]);
const tenpoPayload = z.object({ events: z.array(tenpoEvent).min(1).max(1000) });

function readTenpo(data: object): ProviderPayload {
  const parsed = tenpoPayload.safeParse(data);
  if (!parsed.success) return invalid(describeIssues(parsed.error.issues));
  const events = parsed.data.events.map((event): ProviderEvent => {
    const common = { provider: 'tenpo' as const, messageId: event.messageId ?? null };
    if (event.type === 'bounce') {
      const code = event.status ?? null;
      return {
        ...common,
        kind: 'bounce',
        recipient: event.recipient,
        status: code,
        bounceClass: event.bounceClass ?? classifyStatus(code, event.diagnostic),
        diagnostic: event.diagnostic,
        reportingMta: event.reportingMta ?? null,
      };
    }
    if (event.type === 'complaint') {
      return {
        ...common,
        kind: 'complaint',
        recipient: event.recipient,
        feedbackType: event.feedbackType,
        userAgent: event.userAgent ?? null,
      };
    }
    return { ...common, kind: 'delivered', recipient: event.recipient };
  });
  return { kind: 'events', events };
}

// --- Amazon SES through SNS -------------------------------------------------------------------

const snsEnvelope = z.discriminatedUnion('Type', [
  z.object({
    Type: z.literal('SubscriptionConfirmation'),
    TopicArn: z.string().min(1),
    SubscribeURL: z.string().min(1),
  }),
  z.object({ Type: z.literal('Notification'), TopicArn: z.string().min(1), Message: z.string() }),
  z.object({ Type: z.literal('UnsubscribeConfirmation'), TopicArn: z.string().min(1) }),
]);

const sesRecipient = z.object({
  emailAddress: z.string(),
  status: z.string().nullish(),
  diagnosticCode: z.string().nullish(),
});
const sesMessage = z.object({
  notificationType: z.string().optional(),
  eventType: z.string().optional(),
  mail: z
    .object({
      headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
      commonHeaders: z.object({ messageId: z.string().optional() }).optional(),
    })
    .optional(),
  bounce: z
    .object({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(sesRecipient),
      reportingMTA: z.string().optional(),
    })
    .optional(),
  complaint: z
    .object({
      complainedRecipients: z.array(z.object({ emailAddress: z.string() })),
      complaintFeedbackType: z.string().optional(),
      userAgent: z.string().optional(),
    })
    .optional(),
  delivery: z.object({ recipients: z.array(z.string()) }).optional(),
  deliveryDelay: z
    .object({
      delayType: z.string().optional(),
      delayedRecipients: z.array(sesRecipient),
      reportingMTA: z.string().optional(),
    })
    .optional(),
});
type SesMessage = z.infer<typeof sesMessage>;

function readSns(data: object, headerType: string | undefined): ProviderPayload {
  const envelope = snsEnvelope.safeParse(data);
  if (!envelope.success) return invalid(`SNS message: ${describeIssues(envelope.error.issues)}`);
  const sns = envelope.data;
  if (headerType !== undefined && headerType !== sns.Type) {
    return invalid(`x-amz-sns-message-type ${headerType} does not match Type ${sns.Type}`);
  }
  if (sns.Type === 'UnsubscribeConfirmation') return { kind: 'events', events: [] };
  if (sns.Type === 'SubscriptionConfirmation') {
    // Confirming means fetching this URL: only ever fetch Amazon's own SNS endpoint.
    if (!isSnsUrl(sns.SubscribeURL)) return invalid('SubscribeURL is not an Amazon SNS address');
    return { kind: 'ses_subscription', subscribeUrl: sns.SubscribeURL, topicArn: sns.TopicArn };
  }
  const parsed = sesMessage.safeParse(parseJson(sns.Message));
  if (!parsed.success) return invalid(`SES message: ${describeIssues(parsed.error.issues)}`);
  return readSesMessage(parsed.data);
}

function readSesMessage(message: SesMessage): ProviderPayload {
  const type = message.eventType ?? message.notificationType;
  const messageId = sesMessageId(message);
  const provider = 'ses' as const;
  switch (type) {
    case 'Bounce': {
      const bounce = message.bounce;
      if (!bounce) return invalid('SES Bounce without a bounce object');
      const events = bounce.bouncedRecipients.map((r): ProviderEvent => {
        const fallback = `${bounce.bounceType}${bounce.bounceSubType ? `/${bounce.bounceSubType}` : ''}`;
        const event = sesBounce(r, fallback, bounce.reportingMTA);
        const bounceClass: BounceClass =
          bounce.bounceType === 'Permanent'
            ? 'hard'
            : bounce.bounceType === 'Transient'
              ? 'soft'
              : classifyStatus(event.status, event.diagnostic);
        return { ...event, bounceClass, messageId, provider };
      });
      return { kind: 'events', events };
    }
    case 'DeliveryDelay': {
      const delay = message.deliveryDelay;
      if (!delay) return invalid('SES DeliveryDelay without a deliveryDelay object');
      const events = delay.delayedRecipients.map(
        (r): ProviderEvent => ({
          ...sesBounce(r, delay.delayType ?? 'DeliveryDelay', delay.reportingMTA),
          bounceClass: 'soft',
          messageId,
          provider,
        }),
      );
      return { kind: 'events', events };
    }
    case 'Complaint': {
      const complaint = message.complaint;
      if (!complaint) return invalid('SES Complaint without a complaint object');
      const events = complaint.complainedRecipients.map(
        (r): ProviderEvent => ({
          kind: 'complaint',
          messageId,
          recipient: r.emailAddress,
          // SES only forwards a complaint when the recipient reported the mail as spam.
          feedbackType: complaint.complaintFeedbackType ?? 'abuse',
          userAgent: complaint.userAgent ?? null,
          provider,
        }),
      );
      return { kind: 'events', events };
    }
    case 'Delivery': {
      const delivery = message.delivery;
      if (!delivery) return invalid('SES Delivery without a delivery object');
      const events = delivery.recipients.map(
        (recipient): ProviderEvent => ({ kind: 'delivered', messageId, recipient, provider }),
      );
      return { kind: 'events', events };
    }
    case undefined:
      return invalid('SES message has neither notificationType nor eventType');
    default:
      // Send, Open, Click, Reject and friends say nothing about whether the mail arrived.
      return { kind: 'events', events: [] };
  }
}

function sesBounce(
  recipient: z.infer<typeof sesRecipient>,
  fallbackDiagnostic: string,
  reportingMta: string | undefined,
): Omit<ParsedBounce, 'bounceClass' | 'messageId'> {
  const diagnostic = recipient.diagnosticCode ? tidyDiagnostic(recipient.diagnosticCode) : '';
  return {
    kind: 'bounce',
    recipient: recipient.emailAddress,
    status: statusFromText(recipient.status ?? '') ?? statusFromText(diagnostic),
    diagnostic: diagnostic || fallbackDiagnostic,
    reportingMta: reportingMta?.replace(/^dns\s*;\s*|^dsn\s*;\s*/i, '').trim() || null,
  };
}

/** Our id from the headers we sent; SES's own mail.messageId is not ours. */
function sesMessageId(message: SesMessage): string | null {
  const headers = message.mail?.headers ?? [];
  const named = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value;
  return (
    messageIdFromTenpoHeader(named('x-tenpo-message-id')) ??
    messageIdFromHeader(named('message-id')) ??
    messageIdFromHeader(message.mail?.commonHeaders?.messageId)
  );
}

function isSnsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      url.protocol === 'https:' && /^sns\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/.test(url.hostname)
    );
  } catch {
    return false;
  }
}

// --- Postmark ---------------------------------------------------------------------------------

const postmarkRecord = z.object({
  RecordType: z.string(),
  Type: z.string().optional(),
  Email: z.string().optional(),
  Recipient: z.string().optional(),
  Description: z.string().nullish(),
  Details: z.string().nullish(),
  Metadata: z.record(z.string(), z.unknown()).nullish(),
  Headers: z.array(z.object({ Name: z.string(), Value: z.string() })).nullish(),
});
type PostmarkRecord = z.infer<typeof postmarkRecord>;

// The address is dead, or Postmark will not send to it again until someone reactivates it.
const POSTMARK_HARD = new Set(['HardBounce', 'BadEmailAddress', 'ManuallyDeactivated']);
// Temporary, or a refusal of our mail (spam filter, DMARC) rather than of the address.
const POSTMARK_SOFT = new Set([
  'SoftBounce',
  'Transient',
  'DnsError',
  'Blocked',
  'SpamNotification',
  'DMARCPolicy',
]);
// Not delivery failures: auto-replies, list subscription changes, Postmark's own API errors.
const POSTMARK_IGNORED = new Set([
  'AutoResponder',
  'AddressChange',
  'Subscribe',
  'Unsubscribe',
  'OpenRelayTest',
  'ChallengeVerification',
  'Unconfirmed',
  'VirusNotification',
  'SMTPApiError',
  'InboundError',
  'TemplateRenderingFailed',
]);

function readPostmark(data: object): ProviderPayload {
  const parsed = postmarkRecord.safeParse(data);
  if (!parsed.success) return invalid(`Postmark webhook: ${describeIssues(parsed.error.issues)}`);
  const record = parsed.data;
  const messageId = postmarkMessageId(record);
  const provider = 'postmark' as const;
  const complaint = (recipient: string): ProviderPayload => ({
    kind: 'events',
    events: [
      { kind: 'complaint', messageId, recipient, feedbackType: 'abuse', userAgent: null, provider },
    ],
  });
  switch (record.RecordType) {
    case 'Bounce': {
      if (!record.Email) return invalid('Postmark bounce without Email');
      const type = record.Type ?? 'Unknown';
      if (type === 'SpamComplaint') return complaint(record.Email);
      if (POSTMARK_IGNORED.has(type)) return { kind: 'events', events: [] };
      const details = record.Details ? tidyDiagnostic(record.Details) : '';
      const diagnostic = details || record.Description || type;
      const status = statusFromText(details);
      const bounceClass: BounceClass = POSTMARK_HARD.has(type)
        ? 'hard'
        : POSTMARK_SOFT.has(type)
          ? 'soft'
          : classifyStatus(status, `${details} ${record.Description ?? ''}`);
      const event: ProviderEvent = {
        kind: 'bounce',
        messageId,
        recipient: record.Email,
        status,
        bounceClass,
        diagnostic,
        reportingMta: null,
        provider,
      };
      return { kind: 'events', events: [event] };
    }
    case 'SpamComplaint':
      if (!record.Email) return invalid('Postmark spam complaint without Email');
      return complaint(record.Email);
    case 'Delivery':
      if (!record.Recipient) return invalid('Postmark delivery without Recipient');
      return {
        kind: 'events',
        events: [{ kind: 'delivered', messageId, recipient: record.Recipient, provider }],
      };
    default:
      // Open, Click, SubscriptionChange: not about whether the mail arrived.
      return { kind: 'events', events: [] };
  }
}

/** Postmark's MessageID is Postmark's own uuid, so ours travels in Metadata or a header. */
function postmarkMessageId(record: PostmarkRecord): string | null {
  const fromMetadata = record.Metadata?.tenpoMessageId;
  const header = (name: string) => record.Headers?.find((h) => h.Name.toLowerCase() === name);
  return (
    messageIdFromTenpoHeader(typeof fromMetadata === 'string' ? fromMetadata : null) ??
    messageIdFromTenpoHeader(header('x-tenpo-message-id')?.Value) ??
    messageIdFromHeader(header('message-id')?.Value)
  );
}

// --- shared -----------------------------------------------------------------------------------

function invalid(reason: string): ProviderPayload {
  return { kind: 'invalid', reason };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function headerValue(
  headers: Record<string, string | undefined>,
  name: string,
): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}
