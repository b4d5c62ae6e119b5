import { and, asc, desc, eq, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  type Order,
  type OrderEvent,
  type OrderLine,
  type OrderState,
  orderEvents,
  orderLines,
  orders,
} from './tables.ts';

export interface OrderDetail {
  order: Order;
  lines: OrderLine[];
  events: OrderEvent[];
}

/** An order with its lines and event timeline. */
export async function loadOrderDetail(db: Db, where: SQL): Promise<OrderDetail | null> {
  const [order] = await db.select().from(orders).where(where);
  if (!order) return null;
  const [lines, events] = await Promise.all([
    db
      .select()
      .from(orderLines)
      .where(eq(orderLines.orderId, order.id))
      .orderBy(asc(orderLines.sku)),
    db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, order.id))
      .orderBy(asc(orderEvents.id)),
  ]);
  return { order, lines, events };
}

/** A member's order by number; another member's order is simply not found. */
export function findMemberOrder(db: Db, memberId: string, number: string) {
  return loadOrderDetail(db, and(eq(orders.memberId, memberId), eq(orders.number, number))!);
}

export function findOrderByNumber(db: Db, number: string) {
  return loadOrderDetail(db, eq(orders.number, number));
}

export function findOrderById(db: Db, id: string) {
  return loadOrderDetail(db, eq(orders.id, id));
}

/** A member's orders, newest first. */
export function listMemberOrders(db: Db, memberId: string, limit = 50): Promise<Order[]> {
  return db
    .select()
    .from(orders)
    .where(eq(orders.memberId, memberId))
    .orderBy(desc(orders.createdAt))
    .limit(limit);
}

export interface OrderSearch {
  state?: OrderState | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** An order number or (part of) a contact email. */
  q?: string | undefined;
  limit?: number;
  offset?: number;
}

/** Staff's order list with filters. */
export function searchOrders(db: Db, search: OrderSearch): Promise<Order[]> {
  const where: SQL[] = [];
  if (search.state) where.push(eq(orders.state, search.state));
  if (search.from) where.push(gte(orders.createdAt, search.from));
  if (search.to) where.push(lt(orders.createdAt, search.to));
  if (search.q) {
    const q = search.q.trim();
    const escaped = q.replace(/[\\%_]/g, (m) => `\\${m}`);
    where.push(or(eq(orders.number, q.toUpperCase()), ilike(orders.contactEmail, `%${escaped}%`))!);
  }
  return db
    .select()
    .from(orders)
    .where(where.length ? and(...where) : sql`true`)
    .orderBy(desc(orders.createdAt))
    .limit(search.limit ?? 50)
    .offset(search.offset ?? 0);
}
