import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../db/client.ts';
import { caughtMails } from './tables.ts';

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export interface MailCatcher {
  port: number;
  url: string;
  close(): Promise<void>;
}

/**
 * The embedded development mailbox: a real SMTP server on localhost that accepts every message
 * and stores it in the database, where /admin/mailbox shows it to staff.
 */
export async function startMailCatcher(db: Db, port = 0): Promise<MailCatcher> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    banner: 'Tenpo mail catcher',
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        try {
          const raw = Buffer.concat(chunks).toString('utf8');
          const parsed = await simpleParser(raw);
          const [row] = await db
            .insert(caughtMails)
            .values({
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              headerFrom: parsed.from?.text ?? '',
              headerTo: Array.isArray(parsed.to)
                ? parsed.to.map((a) => a.text).join(', ')
                : (parsed.to?.text ?? ''),
              messageId: parsed.messageId ?? null,
              raw,
            })
            .returning({ id: caughtMails.id });
          callback(null, `Message stored as ${row!.id}`);
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
