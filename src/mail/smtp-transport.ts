import nodemailer from 'nodemailer';
import type { MailIdentity } from './identity.ts';

/** What the receiving server answered, in the terms the delivery log records. */
export type SendOutcome =
  | { kind: 'accepted'; response: string; host: string }
  | { kind: 'temporary'; code: number | null; response: string }
  | { kind: 'permanent'; code: number; response: string };

export interface MailTransport {
  send(input: { envelopeFrom: string; to: string; raw: string }): Promise<SendOutcome>;
  close(): void;
}

/**
 * Nodemailer over a pooled SMTP connection, signing every message with DKIM. Timeouts are kept
 * well below the worker's claim lease so a slow server can't make two workers send one message.
 */
export function smtpTransport(smtpUrl: string, identity: MailIdentity): MailTransport {
  const url = new URL(smtpUrl);
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 4,
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    // Local catchers and relays on private networks often use self-signed certificates.
    tls: { rejectUnauthorized: url.searchParams.get('tls') !== 'insecure' },
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
    dkim: identity.dkim,
  });
  return {
    async send({ envelopeFrom, to, raw }) {
      try {
        const info = await transport.sendMail({ envelope: { from: envelopeFrom, to: [to] }, raw });
        return { kind: 'accepted', response: String(info.response ?? ''), host: url.hostname };
      } catch (error) {
        const err = error as {
          responseCode?: number;
          response?: string;
          message?: string;
          code?: string;
        };
        const code = typeof err.responseCode === 'number' ? err.responseCode : null;
        const response =
          err.response ?? `${err.code ?? 'ERROR'}: ${err.message ?? 'unknown error'}`;
        if (code !== null && code >= 500) return { kind: 'permanent', code, response };
        return { kind: 'temporary', code, response };
      }
    },
    close: () => transport.close(),
  };
}
