import { and, eq, ne } from 'drizzle-orm';
import { products } from '../catalog/tables.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { orderLines, orders } from '../orders/tables.ts';
import { enqueueMail } from './enqueue-mail.ts';

/** Who an important notice goes to: the customer of one order, or of every live order of a product. */
export type NoticeTarget =
  | { kind: 'order'; orderNumber: string }
  | { kind: 'product'; sku: string };

/** A notice is written in both languages; each customer gets the one of their order. */
export interface NoticeText {
  subjectEn: string;
  subjectJa: string;
  bodyEn: string;
  bodyJa: string;
}

export type NoticeResult =
  | { ok: true; queued: number }
  | { ok: false; reason: 'order_not_found' | 'product_not_found' | 'no_orders' };

/**
 * Queues one important notice per order and contact email of the target, in the order's language,
 * all in one transaction: either every customer gets it or nobody does.
 */
export async function sendImportantNotice(
  deps: { db: Db; clock: Clock },
  input: { target: NoticeTarget; notice: NoticeText; actor: string },
): Promise<NoticeResult> {
  const now = deps.clock.now();
  const recipient = {
    id: orders.id,
    contactEmail: orders.contactEmail,
    locale: orders.locale,
    memberId: orders.memberId,
  };
  return deps.db.transaction(async (tx) => {
    let targets: {
      id: string;
      contactEmail: string;
      locale: 'en' | 'ja';
      memberId: string | null;
    }[];
    if (input.target.kind === 'order') {
      targets = await tx
        .select(recipient)
        .from(orders)
        .where(eq(orders.number, input.target.orderNumber));
      if (targets.length === 0) return { ok: false, reason: 'order_not_found' };
    } else {
      const [product] = await tx
        .select({ id: products.id })
        .from(products)
        .where(eq(products.sku, input.target.sku));
      if (!product) return { ok: false, reason: 'product_not_found' };
      // An order with several lines of the product is still one customer to tell.
      targets = await tx
        .selectDistinct(recipient)
        .from(orders)
        .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
        .where(and(eq(orderLines.productId, product.id), ne(orders.state, 'cancelled')))
        .orderBy(orders.id);
      if (targets.length === 0) return { ok: false, reason: 'no_orders' };
    }
    for (const order of targets) {
      await enqueueMail(tx, {
        topic: 'important_notice',
        recipient: order.contactEmail,
        locale: order.locale,
        orderId: order.id,
        memberId: order.memberId,
        payload: { ...input.notice, sentBy: input.actor },
        now,
      });
    }
    return { ok: true, queued: targets.length };
  });
}
