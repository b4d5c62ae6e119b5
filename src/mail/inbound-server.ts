import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { receiveInquiryMail } from '../support/receive-inquiry-mail.ts';
import { applyReport } from './apply-report.ts';
import { messageIdFromVerp, parseInboundReport } from './bounces/parse-bounce.ts';

const MAX_REPORT_BYTES = 10 * 1024 * 1024;

export interface InboundServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Whether `address` is the support address (the Reply-To of our mail), with or without a
 * `+tag` (support+anything@): customers' answers to inquiry replies arrive there.
 */
export function isSupportAddress(address: string, supportAddress: string | undefined): boolean {
  if (!supportAddress) return false;
  const at = supportAddress.lastIndexOf('@');
  const [local, domain] = [supportAddress.slice(0, at), supportAddress.slice(at + 1)];
  const given = address.toLowerCase();
  const givenAt = given.lastIndexOf('@');
  if (givenAt < 0 || given.slice(givenAt + 1) !== domain.toLowerCase()) return false;
  const givenLocal = given.slice(0, givenAt);
  return givenLocal === local.toLowerCase() || givenLocal.startsWith(`${local.toLowerCase()}+`);
}

const isBounceAddress = (address: string, bounceDomain: string) =>
  address.split('@').pop()?.toLowerCase() === bounceDomain && !!messageIdFromVerp(address);

/**
 * The SMTP listener for our VERP bounce addresses (`bounces+<message id>@<bounce domain>`):
 * receiving servers deliver bounces and complaint reports here, and each is recorded against
 * the message it is about. With `supportAddress`, customers' mail to it is taken too and lands in
 * the inquiry desk. Mail to any other address is refused at RCPT time.
 */
export async function startInboundServer(
  deps: {
    db: Db;
    clock: Clock;
    log: Logger;
    bounceDomain: string;
    softBounceLimit: number;
    /** The support address (identity.replyTo); without it only bounces are taken. */
    supportAddress?: string | undefined;
    /** The app secret that signs per-inquiry Reply-To tags; needed with `supportAddress`. */
    secret?: string | undefined;
  },
  options: {
    port: number;
    host: string;
    /** PEM files (INBOUND_TLS_KEY_FILE, INBOUND_TLS_CERT_FILE): with both, STARTTLS is offered. */
    tls?: { keyFile: string; certFile: string } | undefined;
  },
): Promise<InboundServer> {
  if (deps.supportAddress && !deps.secret)
    throw new Error('the inbound support address needs the app secret to check reply tags');
  const tls = options.tls
    ? { key: readFileSync(options.tls.keyFile), cert: readFileSync(options.tls.certFile) }
    : null;
  const server = new SMTPServer({
    authOptional: true,
    // Sending servers encrypt when we offer STARTTLS; without a certificate we take plain SMTP.
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls ?? {}),
    size: MAX_REPORT_BYTES,
    banner: 'Tenpo inbound mail',
    logger: false,
    onRcptTo(address, _session, callback) {
      const ours =
        isBounceAddress(address.address, deps.bounceDomain) ||
        isSupportAddress(address.address, deps.supportAddress);
      if (!ours) {
        const error = new Error('5.1.1 No such mailbox here') as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        try {
          const recipients = session.envelope.rcptTo.map((r) => r.address);
          const raw = Buffer.concat(chunks);
          if (recipients.some((r) => isSupportAddress(r, deps.supportAddress))) {
            const outcome = await receiveInquiryMail(deps, await simpleParser(raw), {
              recipients: recipients.filter((r) => isSupportAddress(r, deps.supportAddress)),
            });
            deps.log.info({ outcome }, 'support mail');
          }
          const bounceRecipients = recipients.filter((r) => isBounceAddress(r, deps.bounceDomain));
          if (bounceRecipients.length > 0) {
            const report = await parseInboundReport(raw, bounceRecipients);
            const outcome = await applyReport(
              { db: deps.db, softBounceLimit: deps.softBounceLimit, now: deps.clock.now() },
              report,
              'inbound-smtp',
            );
            deps.log.info(
              { kind: report.kind, messageId: report.messageId, outcome },
              'inbound report',
            );
          }
          callback();
        } catch (error) {
          deps.log.error({ err: error }, 'inbound mail could not be recorded');
          // A temporary failure makes the sending server try again later instead of losing the mail.
          const temporary = new Error('4.3.0 Try again later') as Error & { responseCode: number };
          temporary.responseCode = 451;
          callback(temporary);
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
