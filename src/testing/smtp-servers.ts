import { SMTPServer } from 'smtp-server';

/** An SMTP server that answers every RCPT with the given reply, to play a busy or refusing receiver. */
export async function refusingSmtpServer(code: number, message: string) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      const error = new Error(message) as Error & { responseCode: number };
      error.responseCode = code;
      callback(error);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
