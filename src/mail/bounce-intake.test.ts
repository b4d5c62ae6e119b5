import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseEnv } from '../env.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeOrder, makeProduct } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { parseInboundReport } from './bounces/parse-bounce.ts';
import { parseProviderPayload } from './bounces/parse-provider-event.ts';
import { type InboundServer, startInboundServer } from './inbound-server.ts';
import { findSuppression } from './suppressions.ts';
import { mailEvents, outboxMessages } from './tables.ts';

const fixtures = join(import.meta.dirname, 'bounces', 'fixtures');
const BOUNCE_DOMAIN = 'bounces.tenpo.example';
const TOKEN = 'webhook-token-for-tests-123';

describeEachDatabase('bounce and complaint intake', (kind) => {
  const fetched: string[] = [];
  const { database, deps, app } = useTestWorld(kind, {
    appDeps: {
      env: parseEnv({ LOG_LEVEL: 'silent', MAIL_WEBHOOK_TOKEN: TOKEN, SOFT_BOUNCE_LIMIT: '2' }),
      fetch: (async (url: string) => {
        fetched.push(url);
        return new Response('<ConfirmSubscriptionResponse/>', { status: 200 });
      }) as typeof fetch,
    },
  });
  let inbound: InboundServer;

  beforeAll(async () => {
    inbound = await startInboundServer(
      {
        db: database.db,
        clock: deps.clock,
        log: pino({ level: 'silent' }),
        bounceDomain: BOUNCE_DOMAIN,
        softBounceLimit: 2,
      },
      { port: 0, host: '127.0.0.1' },
    );
  });
  afterAll(async () => {
    await inbound.close();
  });

  /** A fresh order whose confirmation mail the report will be about. */
  async function messageTo(email: string) {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], { email });
    const [message] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id));
    return message!;
  }

  /** The fixture with its message id replaced by ours, as a real server would have sent it. */
  async function fixtureFor(file: string, messageId: string) {
    const raw = readFileSync(join(fixtures, file), 'utf8');
    const original = file.endsWith('.json')
      ? (() => {
          const parsed = parseProviderPayload(raw, {});
          return parsed.kind === 'events' ? parsed.events[0]?.messageId : null;
        })()
      : (await parseInboundReport(raw, [])).messageId;
    if (!original) throw new Error(`fixture ${file} names no message`);
    return raw.replaceAll(original, messageId).replaceAll(original.toUpperCase(), messageId);
  }

  async function sendToBounceAddress(messageId: string, raw: string) {
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: inbound.port,
      secure: false,
      ignoreTLS: true,
    });
    await client.sendMail({
      envelope: { from: '', to: [`bounces+${messageId}@${BOUNCE_DOMAIN}`] },
      raw,
    });
    client.close();
  }

  const stateOf = async (id: string) =>
    (await database.db.select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0]!.state;

  it.each([
    ['postfix-user-unknown.eml', 'hard', '5.1.1'],
    ['gmail-no-such-user.eml', 'hard', '5.1.1'],
    ['outlook-mailbox-unavailable.eml', 'hard', '5.5.0'],
    ['exim-dsn.eml', 'hard', '5.1.1'],
    ['yahoo-no-account.eml', 'hard', '5.0.0'],
  ])(
    'maps a %s bounce over SMTP to its message and suppresses the address',
    async (file, bounceClass, status) => {
      const email = `hard.${file.split('.')[0]}@example.com`;
      const message = await messageTo(email);
      await sendToBounceAddress(message.id, await fixtureFor(file, message.id));
      expect(await stateOf(message.id)).toBe('bounced');
      const [event] = await database.db
        .select()
        .from(mailEvents)
        .where(eq(mailEvents.messageId, message.id))
        .orderBy(mailEvents.id)
        .offset(1);
      expect(event!.detail).toMatchObject({ bounceClass, status, source: 'inbound-smtp' });
      expect((await findSuppression(database.db, email))?.reason).toBe('hard_bounce');
    },
  );

  it('counts soft bounces and suppresses only after the limit', async () => {
    const email = 'full.mailbox@example.com';
    const first = await messageTo(email);
    await sendToBounceAddress(first.id, await fixtureFor('sendmail-mailbox-full.eml', first.id));
    expect(await stateOf(first.id)).toBe('bounced');
    expect(await findSuppression(database.db, email)).toBeNull();
    const second = await messageTo(email);
    await sendToBounceAddress(second.id, await fixtureFor('sendmail-mailbox-full.eml', second.id));
    expect((await findSuppression(database.db, email))?.reason).toBe('soft_bounces');
  });

  it('records an ARF complaint and suppresses the address', async () => {
    const email = 'complainer@example.com';
    const message = await messageTo(email);
    await sendToBounceAddress(message.id, await fixtureFor('yahoo-arf-abuse.eml', message.id));
    expect(await stateOf(message.id)).toBe('complained');
    expect((await findSuppression(database.db, email))?.reason).toBe('complaint');
  });

  it('leaves an out-of-office reply alone', async () => {
    const message = await messageTo('on.holiday@example.com');
    const raw = readFileSync(join(fixtures, 'out-of-office.eml'), 'utf8');
    await sendToBounceAddress(message.id, raw);
    expect(await stateOf(message.id)).toBe('queued');
  });

  it('refuses mail for addresses that are not ours at RCPT time', async () => {
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: inbound.port,
      secure: false,
      ignoreTLS: true,
    });
    await expect(
      client.sendMail({
        envelope: { from: 'x@example.com', to: ['postmaster@bounces.tenpo.example'] },
        raw: 'Subject: hi\r\n\r\nhi',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    client.close();
  });

  const postEvents = (body: string, headers: Record<string, string> = {}) =>
    app.request('/api/webhooks/mail-events', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      body,
    });

  it('takes Postmark and SES bounces and complaints through the webhook', async () => {
    const hard = await messageTo('pm.hard@example.com');
    const res = await postEvents(await fixtureFor('postmark-hard-bounce.json', hard.id));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ recorded: 1 });
    expect(await stateOf(hard.id)).toBe('bounced');

    const ses = await messageTo('ses.hard@example.com');
    const sesBody = await fixtureFor('ses-bounce-permanent.json', ses.id);
    const sesRes = await app.request('/api/webhooks/mail-events', {
      method: 'POST',
      // SNS signs in with HTTP Basic from the endpoint URL and posts JSON as text/plain.
      headers: {
        authorization: `Basic ${Buffer.from(`sns:${TOKEN}`).toString('base64')}`,
        'content-type': 'text/plain; charset=UTF-8',
        'x-amz-sns-message-type': 'Notification',
      },
      body: sesBody,
    });
    expect(sesRes.status).toBe(200);
    expect(await stateOf(ses.id)).toBe('bounced');

    const complaint = await messageTo('ses.complaint@example.com');
    await postEvents(await fixtureFor('ses-complaint.json', complaint.id), {
      'x-amz-sns-message-type': 'Notification',
    });
    expect(await stateOf(complaint.id)).toBe('complained');
  });

  it('accepts the documented normalised JSON', async () => {
    const message = await messageTo('normalised@example.com');
    const res = await postEvents(
      JSON.stringify({
        events: [
          {
            type: 'bounce',
            messageId: message.id,
            recipient: 'normalised@example.com',
            status: '5.1.1',
            bounceClass: 'hard',
            diagnostic: 'user unknown',
          },
        ],
      }),
    );
    expect(await res.json()).toMatchObject({ recorded: 1 });
    expect((await findSuppression(database.db, 'normalised@example.com'))?.reason).toBe(
      'hard_bounce',
    );
  });

  it('confirms an SNS subscription by fetching the SubscribeURL', async () => {
    const body = readFileSync(join(fixtures, 'ses-subscription-confirmation.json'), 'utf8');
    const res = await postEvents(body, { 'x-amz-sns-message-type': 'SubscriptionConfirmation' });
    expect(res.status).toBe(200);
    expect(fetched.at(-1)).toMatch(/^https:\/\/sns\.[a-z0-9-]+\.amazonaws\.com\//);
  });

  it('refuses a missing or wrong token and invalid bodies', async () => {
    const noToken = await app.request('/api/webhooks/mail-events', { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    const wrong = await postEvents('{}', { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const invalid = await postEvents('{"events": [{"type": "bounce"}]}');
    expect(invalid.status).toBe(400);
    expect((await postEvents('not json')).status).toBe(400);
  });

  it('stops a client that guessed 20 wrong tokens, even once it sends the right one', async () => {
    const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
    const post = (token: string, client: string) =>
      app.request(
        '/api/webhooks/mail-events',
        { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: 'not json' },
        from(client),
      );
    for (let i = 0; i < 20; i++)
      expect((await post(`guess-${i}`, '198.51.100.20')).status).toBe(401);
    const locked = await post(TOKEN, '198.51.100.20');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    // The provider, from its own address, is not held up (its body here is just not valid).
    expect((await post(TOKEN, '198.51.100.21')).status).toBe(400);
  });
});
