import { and, eq } from 'drizzle-orm';
import { enqueueMail, type MailTopic } from '../mail/enqueue-mail.ts';
import { caughtMails, outboxMessages } from '../mail/tables.ts';
import { markPreparing, shipOrder } from '../orders/advance-order.ts';
import { cancelOrder } from '../orders/cancel-order.ts';
import { changeShippingAddress } from '../orders/change-shipping-address.ts';
import { captureOrderPayment } from '../payments/capture-order-payment.ts';
import { sandboxPayments } from '../payments/tables.ts';
import { formatDate, type Locale } from '../web/i18n.ts';
import { makeOrder, makeProduct, type testDeps } from './factories.ts';

/** One queued mail of a known topic and language, with what its text must say. */
export interface SampleMail {
  id: string;
  topic: MailTopic;
  locale: Locale;
  recipient: string;
  /** The exact decoded subject. */
  subject: string;
  /** Facts the plain-text part must carry on its own. */
  mustSay: string[];
  /** Whether the mail is about an order, so it carries the one link (or says where to look). */
  aboutOrder: boolean;
}

export const sampleNotice = {
  subjectEn: 'Release date change for your pre-order',
  subjectJa: '予約商品の発売日変更のお知らせ',
  bodyEn:
    'The release of an item in your order has moved from March to April.\n\nYour order stays reserved and ships as soon as the item arrives. You do not need to do anything.',
  bodyJa:
    'ご注文に含まれる商品の発売日が3月から4月に変更になりました。\n\nご注文はそのまま確保しており、商品が入荷次第発送いたします。お手続きは不要です。',
};

/** Where the sample order's parcel moves to (same zone as the factory's Tokyo address). */
const sampleOsakaAddress = {
  name: 'Taro Yamada',
  line1: '4-5-6 Umeda',
  line2: '',
  city: 'Osaka-shi Kita-ku',
  region: 'Osaka',
  postalCode: '530-0001',
  country: 'JP',
  phone: '+81 6 1234 5678',
};

const topicSubject: Record<MailTopic, Record<Locale, (n: string) => string>> = {
  order_placed: {
    en: (n) => `Thank you for your order ${n}`,
    ja: (n) => `ご注文ありがとうございます（${n}）`,
  },
  order_cancelled: {
    en: (n) => `Your order ${n} has been cancelled`,
    ja: (n) => `ご注文キャンセルのお知らせ（${n}）`,
  },
  checkout_refunded: {
    en: () => 'Your PayPal payment was refunded: no order was placed',
    ja: () => '【Tenpo】PayPalでのお支払いを返金しました（ご注文は成立していません）',
  },
  order_shipped: {
    en: (n) => `Your order ${n} has shipped`,
    ja: (n) => `ご注文商品を発送しました（${n}）`,
  },
  payment_failed: {
    en: (n) => `Action needed: we could not charge your card for order ${n}`,
    ja: (n) => `【要対応】ご注文 ${n} のカード決済ができませんでした`,
  },
  paypal_declined: {
    en: (n) => `PayPal declined the payment: your order ${n} has been cancelled`,
    ja: (n) => `PayPalでのお支払いが承認されなかったため、ご注文 ${n} をキャンセルしました`,
  },
  order_address_changed: {
    en: (n) => `The delivery address of your order ${n} was changed`,
    ja: (n) => `お届け先変更のお知らせ（${n}）`,
  },
  order_contact_moved: {
    en: (n) => `The mails of your order ${n} now go to another address`,
    ja: (n) => `ご注文 ${n} のメールの送り先が変更されました`,
  },
  important_notice: { en: () => sampleNotice.subjectEn, ja: () => sampleNotice.subjectJa },
  verification_code: {
    en: () => 'Your Tenpo verification code',
    ja: () => '【Tenpo】確認コードのお知らせ',
  },
  inquiry_receipt: {
    en: (n) => `[${n}] Your inquiry`,
    ja: (n) => `[${n}] お問い合わせについて`,
  },
  inquiry_reply: {
    en: (n) => `Re: [${n}] Your inquiry`,
    ja: (n) => `Re: [${n}] お問い合わせについて`,
  },
  // The sample's order number is fixed, as it travels in the payload.
  inquiry_contact_notice: {
    en: (n) => `[${n}] Request to change the contact email of order TP-261126-A1B2C3`,
    ja: (n) => `[${n}] ご注文 TP-261126-A1B2C3 の連絡先メールアドレス変更のご依頼について`,
  },
  registration_code: {
    en: () => 'Confirm your email address for Tenpo',
    ja: () => '【Tenpo】メールアドレスの確認コード',
  },
  registration_attempt: {
    en: () => 'Someone tried to register with your address at Tenpo',
    ja: () => '【Tenpo】ご登録済みのメールアドレスで会員登録のお申し込みがありました',
  },
  email_change_code: {
    en: () => 'Confirm your new email address for Tenpo',
    ja: () => '【Tenpo】新しいメールアドレスの確認コード',
  },
  email_changed: {
    en: () => 'The email address of your Tenpo account was changed',
    ja: () => '【Tenpo】メールアドレス変更のお知らせ',
  },
  password_reset: {
    en: () => 'Set a new Tenpo password',
    ja: () => '【Tenpo】パスワード再設定のご案内',
  },
  member_lookup: {
    en: () => 'Your Tenpo member ID check code',
    ja: () => '【Tenpo】会員ID確認コード',
  },
  // Staff write the subject; the sample uses it as is.
  newsletter: { en: (subject) => subject, ja: (subject) => subject },
  password_changed: {
    en: () => 'Your Tenpo password was changed',
    ja: () => '【Tenpo】パスワード変更のお知らせ',
  },
  membership_cancelled: {
    en: () => 'Your Tenpo membership has been cancelled',
    ja: () => '【Tenpo】退会手続き完了のお知らせ',
  },
  staff_locked: {
    en: () => 'Your Tenpo staff account is locked',
    ja: () => '【Tenpo】スタッフアカウントがロックされました',
  },
};

/**
 * Queues one mail of every topic in English and Japanese: order mails through the real use cases
 * (place, cancel, ship), the others with enqueueMail and the payloads their callers write.
 */
export async function queueSampleMails(
  deps: ReturnType<typeof testDeps>,
  tag: string,
): Promise<SampleMail[]> {
  const { db } = deps;
  const product = await makeProduct(db, { stock: 50 });
  const samples: SampleMail[] = [];
  const idOf = async (orderId: string, topic: MailTopic) => {
    const [row] = await db
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orderId, orderId), eq(outboxMessages.topic, topic)));
    if (!row) throw new Error(`no ${topic} mail for order ${orderId}`);
    return row.id;
  };
  for (const locale of ['en', 'ja'] as const) {
    const title = locale === 'ja' ? product.titleJa : product.titleEn;
    const email = (what: string) => `${what}.${locale}.${tag}@example.com`;

    const placed = await makeOrder(deps, [{ product, quantity: 2 }], {
      email: email('placed'),
      locale,
    });
    samples.push({
      id: await idOf(placed.id, 'order_placed'),
      topic: 'order_placed',
      locale,
      recipient: placed.contactEmail,
      subject: topicSubject.order_placed[locale](placed.number),
      mustSay: [placed.number, title, 'Taro Yamada', '1-2-3 Shibuya', '150-0002'],
      aboutOrder: true,
    });

    const cancelled = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: email('cancelled'),
      locale,
    });
    const cancel = await cancelOrder(deps, { orderId: cancelled.id, actor: 'staff:test' });
    if (!cancel.ok) throw new Error(`cancel failed: ${cancel.reason}`);
    samples.push({
      id: await idOf(cancelled.id, 'order_cancelled'),
      topic: 'order_cancelled',
      locale,
      recipient: cancelled.contactEmail,
      subject: topicSubject.order_cancelled[locale](cancelled.number),
      mustSay: [cancelled.number, title],
      aboutOrder: true,
    });

    const shipped = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: email('shipped'),
      locale,
    });
    await markPreparing(deps, shipped.id, 'staff:test');
    const ship = await shipOrder(deps, {
      orderId: shipped.id,
      carrier: 'dhl_express',
      trackingNumber: '7741 2398 5521',
      actor: 'staff:test',
    });
    if (!ship.ok) throw new Error(`ship failed: ${ship.reason}`);
    samples.push({
      id: await idOf(shipped.id, 'order_shipped'),
      topic: 'order_shipped',
      locale,
      recipient: shipped.contactEmail,
      subject: topicSubject.order_shipped[locale](shipped.number),
      mustSay: [shipped.number, '7741 2398 5521', 'DHL', title],
      aboutOrder: true,
    });

    const moved = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: email('moved'),
      locale,
    });
    const move = await changeShippingAddress(deps, {
      orderId: moved.id,
      address: { ...sampleOsakaAddress },
      actor: 'customer',
    });
    if (!move.ok) throw new Error(`address change failed: ${move.reason}`);
    samples.push({
      id: await idOf(moved.id, 'order_address_changed'),
      topic: 'order_address_changed',
      locale,
      recipient: moved.contactEmail,
      subject: topicSubject.order_address_changed[locale](moved.number),
      mustSay: [moved.number, '4-5-6 Umeda', '530-0001', '1-2-3 Shibuya', '150-0002'],
      aboutOrder: true,
    });

    const unpaid = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: email('unpaid'),
      locale,
    });
    // As if the card had been the sandbox's capture-failing one (4000 0000 0000 0341).
    await db
      .update(sandboxPayments)
      .set({ failsCapture: true })
      .where(eq(sandboxPayments.ref, unpaid.paymentRef));
    const failed = await captureOrderPayment(deps, {
      orderId: unpaid.id,
      actor: 'system',
      cause: 'authorisation_age',
    });
    if (failed.ok || failed.reason !== 'capture_failed') throw new Error('capture did not fail');
    samples.push({
      id: await idOf(unpaid.id, 'payment_failed'),
      topic: 'payment_failed',
      locale,
      recipient: unpaid.contactEmail,
      subject: topicSubject.payment_failed[locale](unpaid.number),
      mustSay: [unpaid.number, formatDate(failed.fixDueAt, locale, true), 'JST'],
      aboutOrder: true,
    });

    const now = deps.clock.now();
    const noticeId = await db.transaction((tx) =>
      enqueueMail(tx, {
        now,
        topic: 'important_notice',
        orderId: placed.id,
        recipient: placed.contactEmail,
        locale,
        payload: sampleNotice,
      }),
    );
    samples.push({
      id: noticeId,
      topic: 'important_notice',
      locale,
      recipient: placed.contactEmail,
      subject: topicSubject.important_notice[locale](''),
      mustSay: [
        placed.number,
        locale === 'ja' ? '発売日が3月から4月に変更' : 'moved from March to April',
        locale === 'ja' ? 'お手続きは不要です' : 'You do not need to do anything',
      ],
      aboutOrder: true,
    });

    const codeRecipient = email('newaddress');
    const codeId = await db.transaction((tx) =>
      enqueueMail(tx, {
        now,
        topic: 'verification_code',
        orderId: placed.id,
        recipient: codeRecipient,
        locale,
        payload: { code: '482913', purpose: 'order_email_change', minutes: 10 },
      }),
    );
    samples.push({
      id: codeId,
      topic: 'verification_code',
      locale,
      recipient: codeRecipient,
      subject: topicSubject.verification_code[locale]('482913'),
      mustSay: ['482913', placed.number, locale === 'ja' ? '10分' : '10 minutes'],
      aboutOrder: false,
    });

    const inquiryRecipient = email('inquiry');
    const category = locale === 'ja' ? '配送について' : 'Shipping';
    const inquiryId = await db.transaction((tx) =>
      enqueueMail(tx, {
        now,
        topic: 'inquiry_receipt',
        recipient: inquiryRecipient,
        locale,
        payload: {
          inquiryNumber: 'Q-261126-0042',
          category,
        },
      }),
    );
    samples.push({
      id: inquiryId,
      topic: 'inquiry_receipt',
      locale,
      recipient: inquiryRecipient,
      subject: topicSubject.inquiry_receipt[locale]('Q-261126-0042'),
      mustSay: ['Q-261126-0042', category],
      aboutOrder: false,
    });

    const noticeRecipient = email('oldaddress');
    const contactNoticeId = await db.transaction((tx) =>
      enqueueMail(tx, {
        now,
        topic: 'inquiry_contact_notice',
        recipient: noticeRecipient,
        locale,
        payload: {
          stage: 'requested',
          inquiryNumber: 'Q-261126-0042',
          orderNumber: 'TP-261126-A1B2C3',
          maskedEmail: 'n***@example.net',
        },
      }),
    );
    samples.push({
      id: contactNoticeId,
      topic: 'inquiry_contact_notice',
      locale,
      recipient: noticeRecipient,
      subject: topicSubject.inquiry_contact_notice[locale]('Q-261126-0042'),
      mustSay: [
        'Q-261126-0042',
        'TP-261126-A1B2C3',
        'n***@example.net',
        locale === 'ja' ? 'すぐにこのメールにご返信ください' : 'reply to this mail right away',
      ],
      aboutOrder: false,
    });

    const answer =
      locale === 'ja'
        ? 'ご注文の商品は明日発送いたします。'
        : 'Your order ships tomorrow; the tracking number follows by mail.';
    const replyId = await db.transaction((tx) =>
      enqueueMail(tx, {
        now,
        topic: 'inquiry_reply',
        recipient: inquiryRecipient,
        locale,
        payload: { inquiryNumber: 'Q-261126-0042', name: 'Taro Yamada', body: answer },
      }),
    );
    samples.push({
      id: replyId,
      topic: 'inquiry_reply',
      locale,
      recipient: inquiryRecipient,
      subject: topicSubject.inquiry_reply[locale]('Q-261126-0042'),
      mustSay: ['Q-261126-0042', 'Taro Yamada', answer],
      aboutOrder: false,
    });
  }
  return samples;
}

/** The message the catcher received for an outbox message; throws unless exactly one arrived. */
export async function caughtMailOf(
  db: ReturnType<typeof testDeps>['db'],
  messageId: string,
  domain = 'tenpo.example',
) {
  const rows = await db
    .select()
    .from(caughtMails)
    .where(eq(caughtMails.messageId, `<${messageId}@${domain}>`));
  if (rows.length !== 1)
    throw new Error(`expected one caught mail for ${messageId}, ${rows.length}`);
  return rows[0]!;
}
