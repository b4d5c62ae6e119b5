import type { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { applyReport } from './apply-report.ts';
import { messageIdFromVerp, parseInboundReport } from './bounces/parse-bounce.ts';

const MAX_REPORT_BYTES = 10 * 1024 * 1024;

export interface InboundServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The SMTP listener for our VERP bounce addresses (`bounces+<message id>@<bounce domain>`):
 * receiving servers deliver bounces and complaint reports here, and each is recorded against
 * the message it is about. Mail to any other address is refused at RCPT time.
 */
export async function startInboundServer(
  deps: { db: Db; clock: Clock; log: Logger; bounceDomain: string; softBounceLimit: number },
  options: { port: number; host: string },
): Promise<InboundServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_REPORT_BYTES,
    banner: 'Tenpo bounce receiver',
    logger: false,
    onRcptTo(address, _session, callback) {
      const domain = address.address.split('@').pop()?.toLowerCase();
      if (domain !== deps.bounceDomain || !messageIdFromVerp(address.address)) {
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
          const report = await parseInboundReport(Buffer.concat(chunks), recipients);
          const outcome = await applyReport(
            { db: deps.db, softBounceLimit: deps.softBounceLimit, now: deps.clock.now() },
            report,
            'inbound-smtp',
          );
          deps.log.info(
            { kind: report.kind, messageId: report.messageId, outcome },
            'inbound report',
          );
          callback();
        } catch (error) {
          deps.log.error({ err: error }, 'inbound report could not be recorded');
          // A temporary failure makes the sending server try again later instead of losing the report.
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
