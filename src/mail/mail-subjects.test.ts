import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { parseEnv } from '../env.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, makeOrder, makeProduct, testDeps } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { enqueueMail, type MailPayloads, type MailTopic, mailTopics } from './enqueue-mail.ts';
import { loadMailIdentity } from './identity.ts';
import { isSecretTopic, secretsOf } from './mail-secrets.ts';
import { type RenderDeps, renderMail } from './render-mail.ts';
import { outboxMessages } from './tables.ts';

const SECRET = 'subject-test-secret';

/**
 * One payload per topic, as its caller writes it; the ones with a secret carry one that looks
 * like the real thing. `order` mails are about a guest order, whose link carries a signed key.
 */
const address = {
  name: 'Taro Yamada',
  line1: '',
  line2: '',
  city: 'Tokyo',
  region: '',
  postalCode: '150-0002',
  country: 'JP',
  phone: '03-1234-5678',
};

type Sample<T extends MailTopic> = { payload: MailPayloads[T]; order?: true };

const samples: { [T in MailTopic]: Sample<T>[] } = {
  order_placed: [{ payload: {}, order: true }],
  order_cancelled: [{ payload: { refunded: true, why: null }, order: true }],
  checkout_refunded: [
    { payload: { name: 'Taro Yamada', amountJpy: 2860, paypalCaptureId: '3C679366HH908993F' } },
  ],
  order_shipped: [{ payload: {}, order: true }],
  payment_failed: [{ payload: { fixDueAt: '2026-12-01T03:00:00.000Z' }, order: true }],
  paypal_declined: [{ payload: {}, order: true }],
  order_address_changed: [
    {
      payload: {
        orderNumber: 'TP-261126-A1B2C3',
        previous: { ...address, line1: '1-2-3 Shibuya' },
        current: { ...address, line1: '4-5-6 Umeda' },
        by: 'customer',
      },
      order: true,
    },
  ],
  // Goes to the address the order left: no order link, so no order attached here.
  order_contact_moved: [
    { payload: { orderNumber: 'TP-261126-A1B2C3', maskedEmail: 'n***@example.net' } },
  ],
  important_notice: [
    {
      payload: {
        subjectEn: 'Release delayed',
        subjectJa: '発売延期のお知らせ',
        bodyEn: 'Later.',
        bodyJa: '遅れます。',
      },
      order: true,
    },
  ],
  verification_code: [
    { payload: { code: '482913', purpose: 'order_email_change', minutes: 10 }, order: true },
    { payload: { code: '730251', purpose: 'order_lookup', minutes: 10 }, order: true },
  ],
  inquiry_receipt: [{ payload: { inquiryNumber: 'Q-261126-0042', category: 'Shipping' } }],
  inquiry_reply: [
    { payload: { inquiryNumber: 'Q-261126-0042', name: 'Taro Yamada', body: 'It ships today.' } },
  ],
  inquiry_contact_notice: [
    {
      payload: {
        stage: 'requested',
        inquiryNumber: 'Q-261126-0042',
        orderNumber: 'TP-261126-A1B2C3',
        maskedEmail: 'n***@example.net',
      },
    },
  ],
  registration_code: [{ payload: { code: '561038', minutes: 10, memberCode: 'Hana_26' } }],
  registration_attempt: [
    {
      payload: {
        memberCode: 'Hana_26',
        at: '2026-11-26T03:00:00.000Z',
        confirmed: true,
        holdHours: 24,
      },
    },
  ],
  email_change_code: [{ payload: { code: '104729', minutes: 10, memberCode: 'Hana_26' } }],
  email_changed: [{ payload: { memberCode: 'Hana_26', newEmail: 'new@example.jp' } }],
  password_reset: [
    {
      payload: {
        registered: true,
        code: '550211',
        token: 'rT0k3n-Reset_Link-9x8y7z6w5v4u3t2s',
        minutes: 30,
        memberCode: 'Hana_26',
      },
    },
    { payload: { registered: false } },
  ],
  member_lookup: [
    { payload: { registered: true, code: '930114', minutes: 10 } },
    { payload: { registered: false } },
  ],
  newsletter: [
    {
      payload: {
        newsletterId: '6f1c2b9e-3d4a-4f5b-8c7d-9e0f1a2b3c4d',
        subject: 'Winter arrivals',
        body: 'New mugs are in.',
        unsubscribeToken: 'AbCdEfGhIjKlMnOpQrStUv.WxYz0123456789abcdEF',
      },
    },
  ],
  password_changed: [{ payload: { memberCode: 'Hana_26', at: '2026-11-26T03:00:00.000Z' } }],
  staff_locked: [
    {
      payload: {
        name: 'Sato',
        failures: 10,
        at: '2026-12-06T03:00:00.000Z',
        clientAddress: '203.0.113.9',
      },
    },
  ],
  membership_cancelled: [
    { payload: { memberCode: 'Hana_26', name: 'Hana', at: '2026-11-26T03:00:00.000Z' } },
  ],
};

describeEachDatabase('mail subjects carry no secret', (kind) => {
  const { database } = useTestWorld(kind);
  let render: RenderDeps;
  let orderId: string;
  let memberId: string;
  beforeAll(async () => {
    const deps = testDeps(database.db);
    const env = parseEnv({ LOG_LEVEL: 'silent' });
    render = {
      db: database.db,
      identity: await loadMailIdentity(database.db, env),
      shopName: 'Tenpo',
      publicUrl: 'http://shop.test',
      secret: SECRET,
      links: 'one',
    };
    const product = await makeProduct(database.db);
    // A guest order: its mails link to the order with a signed key.
    orderId = (await makeOrder(deps, [{ product, quantity: 1 }], { email: 'guest@example.com' }))
      .id;
    memberId = (await makeMember(database.db)).id;
  });

  /** Queues a sample; generic, so the payload is checked against its own topic. */
  const queue = <T extends MailTopic>(topic: T, sample: Sample<T>, locale: 'en' | 'ja') =>
    database.db.transaction((tx) =>
      enqueueMail(tx, {
        now: new Date(),
        topic,
        recipient: 'hana@example.com',
        locale,
        orderId: sample.order ? orderId : null,
        memberId,
        payload: sample.payload,
      }),
    );

  it('has a sample for every topic', () => {
    expect(Object.keys(samples).sort()).toEqual([...mailTopics].sort());
  });

  for (const topic of mailTopics) {
    for (const [index, sample] of samples[topic].entries()) {
      for (const locale of ['en', 'ja'] as const) {
        it(`${topic} #${index + 1} (${locale}): the subject says what it is, the secret stays in the body`, async () => {
          const id = await queue(topic, sample, locale);
          const [message] = await database.db
            .select()
            .from(outboxMessages)
            .where(eq(outboxMessages.id, id));
          const mail = await renderMail(render, message!);
          expect(mail.subject.length).toBeGreaterThan(5);
          const secrets = secretsOf(message!, SECRET);
          for (const value of secrets) expect(mail.subject).not.toContain(value);
          expect(mail.subject).not.toMatch(/https?:|\?key=|token=/);
          // The secret itself still reaches the customer, in the body.
          for (const field of ['code', 'token'] as const) {
            const value = message!.payload[field];
            if (typeof value === 'string' && message!.payload.registered !== false)
              expect(mail.text).toContain(value);
          }
          // Order mails link to the guest's order with its signed key (code mails have no link).
          if (sample.order && !isSecretTopic(topic)) expect(mail.text).toContain('?key=');
        });
      }
    }
  }
});
