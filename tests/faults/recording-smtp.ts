import { SMTPServer } from 'smtp-server';

/** One message the server accepted (replied 250 to). */
export interface ReceivedMail {
  /** The Message-ID header, e.g. `<uuid@tenpo.example>`. */
  messageId: string | null;
  /** The X-Tenpo-Message-Id header: the outbox row's id. */
  tenpoId: string | null;
  /** The SMTP AUTH user name, so tests can tell which worker sent it (any password is taken). */
  user: string | null;
  remotePort: number;
  at: number;
}

export interface RecordingSmtp {
  /** Fixed for the server's whole life, across stop and start. */
  readonly port: number;
  readonly listening: boolean;
  /** Every accepted message, in order, across restarts. */
  readonly received: ReceivedMail[];
  /** An SMTP_URL for a worker; with `user`, the worker logs in as that user. */
  url(user?: string): string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** How many times each Message-ID was accepted. */
  countsByMessageId(): Map<string, number>;
  /** Message-IDs accepted more than once. */
  duplicates(): string[];
}

/** Reads one header from the raw source's header block (unfolding continuation lines). */
export function headerValue(raw: string, name: string): string | null {
  const end = raw.search(/\r?\n\r?\n/);
  const block = (end === -1 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const wanted = `${name.toLowerCase()}:`;
  for (const line of block.split(/\r?\n/)) {
    if (line.toLowerCase().startsWith(wanted)) return line.slice(wanted.length).trim();
  }
  return null;
}

/**
 * A receiving SMTP server in the test process that records every accepted message. It keeps its
 * port across stop/start, so a worker configured with its URL sees "connection refused" while it
 * is stopped and reaches it again once restarted. `replyDelayMs` holds each 250 reply back, to
 * widen the window between "the server has the message" and "the worker recorded it as sent".
 */
export async function recordingSmtp(
  options: { replyDelayMs?: number; listening?: boolean } = {},
): Promise<RecordingSmtp> {
  const received: ReceivedMail[] = [];
  const delay = options.replyDelayMs ?? 0;
  let server: SMTPServer | null = null;
  let port = 0;

  const create = () =>
    new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      disabledCommands: ['STARTTLS'],
      logger: false,
      // A stop must not wait for the workers' pooled connections to go idle.
      closeTimeout: 100,
      onAuth(auth, _session, callback) {
        callback(null, { user: auth.username ?? 'anonymous' });
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const accept = () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            // Like a real MTA: the message counts as taken once the server commits to the 250,
            // even if the client has gone before reading it (that is the duplicate window).
            received.push({
              messageId: headerValue(raw, 'Message-ID'),
              tenpoId: headerValue(raw, 'X-Tenpo-Message-Id'),
              user: typeof session.user === 'string' ? session.user : null,
              remotePort: session.remotePort,
              at: Date.now(),
            });
            callback(null, `Queued as ${received.length}`);
          };
          if (delay > 0) setTimeout(accept, delay);
          else accept();
        });
      },
    });

  const start = async (listenPort: number) => {
    const next = create();
    // A client that vanishes mid-conversation (SIGKILL) must not crash the test process.
    next.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      next.server.once('error', reject);
      next.listen(listenPort, '127.0.0.1', () => {
        next.server.off('error', reject);
        resolve();
      });
    });
    const address = next.server.address();
    port = typeof address === 'object' && address ? address.port : listenPort;
    server = next;
  };

  const stop = async () => {
    const current = server;
    server = null;
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  // Listen once to be given a free port, then keep that port for every later start.
  await start(0);
  if (options.listening === false) await stop();

  const countsByMessageId = () => {
    const counts = new Map<string, number>();
    for (const mail of received) {
      const key = mail.messageId ?? '(no Message-ID)';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  };

  return {
    get port() {
      return port;
    },
    get listening() {
      return server !== null;
    },
    received,
    url: (user) =>
      user ? `smtp://${encodeURIComponent(user)}:x@127.0.0.1:${port}` : `smtp://127.0.0.1:${port}`,
    start: async () => {
      if (!server) await start(port);
    },
    stop,
    countsByMessageId,
    duplicates: () =>
      [...countsByMessageId()].filter(([, count]) => count > 1).map(([messageId]) => messageId),
  };
}
