import { eq, inArray } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { expect, it } from 'vitest';
import { cancelOrder } from '../orders/cancel-order.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeOrder, makeProduct, testClock } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { sendImportantNotice } from './compose-notice.ts';
import { deliverDueMail } from './deliver-mail.ts';
import { caughtMails, outboxMessages } from './tables.ts';

const notice = {
  subjectEn: 'Release delayed to April',
  subjectJa: '発売延期のお知らせ',
  bodyEn: 'The maker moved the release.\n\nYour order stays reserved.',
  bodyJa: 'メーカーの都合により発売日が変更になりました。\n\nご注文はそのまま確保しています。',
};

describeEachDatabase('important notices', (kind) => {
  const clock = testClock();
  const { database, deps, mailer } = useTestWorld(kind, { clock, mailer: true });

  const noticesFor = (orderIds: string[]) =>
    database.db
      .select()
      .from(outboxMessages)
      .where(inArray(outboxMessages.orderId, orderIds))
      .then((rows) => rows.filter((m) => m.topic === 'important_notice'));

  /** The subject and text the customer received over SMTP for an outbox message. */
  async function received(messageId: string) {
    const [caught] = await database.db
      .select()
      .from(caughtMails)
      .where(eq(caughtMails.messageId, `<${messageId}@tenpo.example>`));
    const parsed = await simpleParser(caught!.raw);
    return { to: caught!.envelopeTo, subject: parsed.subject, text: parsed.text ?? '' };
  }

  it("tells every customer with a live order of a product, once per order, in the order's language", async () => {
    const product = await makeProduct(database.db, { status: 'preorder', releaseMonth: '2027-03' });
    const other = await makeProduct(database.db);
    const en = await makeOrder(deps, [{ product, quantity: 2 }], { email: 'p.en@example.com' });
    const ja = await makeOrder(
      deps,
      [
        { product, quantity: 1 },
        { product: other, quantity: 1 },
      ],
      { email: 'p.ja@example.com', locale: 'ja' },
    );
    // The same customer twice: two orders, two mails, each about its own order.
    const again = await makeOrder(deps, [{ product, quantity: 1 }], { email: 'p.en@example.com' });
    const cancelled = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: 'p.cancelled@example.com',
    });
    await cancelOrder(deps, { orderId: cancelled.id, actor: 'customer' });
    const unrelated = await makeOrder(deps, [{ product: other, quantity: 1 }], {
      email: 'p.other@example.com',
    });

    const result = await sendImportantNotice(deps, {
      target: { kind: 'product', sku: product.sku },
      notice,
      actor: 'staff:support@tenpo.test',
    });
    expect(result).toEqual({ ok: true, queued: 3 });
    const queued = await noticesFor([en.id, ja.id, again.id, cancelled.id, unrelated.id]);
    expect(queued.map((m) => [m.orderId, m.recipient, m.locale]).sort()).toEqual(
      [
        [en.id, 'p.en@example.com', 'en'],
        [ja.id, 'p.ja@example.com', 'ja'],
        [again.id, 'p.en@example.com', 'en'],
      ].sort(),
    );
    expect(queued[0]!.payload).toMatchObject(notice);

    await deliverDueMail(mailer.deps);
    const byOrder = new Map(queued.map((m) => [m.orderId, m.id]));
    const english = await received(byOrder.get(en.id)!);
    expect(english.subject).toBe(notice.subjectEn);
    expect(english.text).toContain('Your order stays reserved.');
    expect(english.text).toContain(en.number);
    const japanese = await received(byOrder.get(ja.id)!);
    expect(japanese.to).toEqual(['p.ja@example.com']);
    expect(japanese.subject).toBe(notice.subjectJa);
    expect(japanese.text).toContain('ご注文はそのまま確保しています。');
    expect(japanese.text).not.toContain('Your order stays reserved.');
  });

  it('sends to the customer of one order, whatever its state', async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: 'one.order@example.com',
      locale: 'ja',
    });
    await cancelOrder(deps, { orderId: order.id, actor: 'customer' });
    const result = await sendImportantNotice(deps, {
      target: { kind: 'order', orderNumber: order.number },
      notice,
      actor: 'staff:support@tenpo.test',
    });
    expect(result).toEqual({ ok: true, queued: 1 });
    expect(await noticesFor([order.id])).toMatchObject([
      { recipient: 'one.order@example.com', locale: 'ja' },
    ]);
  });

  it('queues nothing for an unknown order or product, or a product nobody has a live order of', async () => {
    const product = await makeProduct(database.db);
    const send = (target: Parameters<typeof sendImportantNotice>[1]['target']) =>
      sendImportantNotice(deps, { target, notice, actor: 'staff:support@tenpo.test' });
    expect(await send({ kind: 'order', orderNumber: 'TP-000000-NOPE00' })).toEqual({
      ok: false,
      reason: 'order_not_found',
    });
    expect(await send({ kind: 'product', sku: 'NO-SUCH-SKU' })).toEqual({
      ok: false,
      reason: 'product_not_found',
    });
    expect(await send({ kind: 'product', sku: product.sku })).toEqual({
      ok: false,
      reason: 'no_orders',
    });
  });
});
