import type { Member } from '../accounts/tables.ts';
import type { EmailProblem } from '../email-policy/check-email-address.ts';
import { checkEmailAddress, type EmailPolicyDeps } from '../email-policy/check-email-address.ts';
import {
  type AddressProblem,
  type CustomerMail,
  findAddressProblem,
  findRecentMail,
} from '../mail/find-order-mail.ts';
import { listMemberOrders } from '../orders/find-orders.ts';
import type { Order } from '../orders/tables.ts';

const CASE_MAIL = 8;
const CASE_ORDERS = 5;

export interface OrderContact {
  order: Order;
  /** The order's contact email is not the member's current address. */
  differsFromAccount: boolean;
  /** Mail to the order's contact email is bouncing or suppressed. */
  problem: AddressProblem | null;
}

/** Everything the flagship article shows a signed-in member about their own mail. */
export interface MemberCase {
  email: string;
  policyProblems: EmailProblem[];
  problem: AddressProblem | null;
  recentMail: (CustomerMail & { orderNumber: string | null })[];
  orders: OrderContact[];
}

/**
 * Gathers a member's mail situation: does their address pass the policy, is it bouncing or
 * suppressed, what was sent lately, and which recent orders send their mail where.
 */
export async function findMemberCase(
  deps: EmailPolicyDeps & { db: import('../db/client.ts').Db },
  member: Member,
): Promise<MemberCase> {
  const { db } = deps;
  const [policy, problem, mail, orders] = await Promise.all([
    checkEmailAddress(member.email, deps),
    findAddressProblem(db, member.email),
    findRecentMail(db, member, CASE_MAIL),
    listMemberOrders(db, member.id, CASE_ORDERS),
  ]);
  const numbers = new Map(orders.map((o) => [o.id, o.number]));
  // An order's own address may be broken even when the account's is fine, and vice versa.
  const orderContacts = await Promise.all(
    orders.map(async (order) => {
      const differs = order.contactEmail.toLowerCase() !== member.email.toLowerCase();
      return {
        order,
        differsFromAccount: differs,
        problem: differs ? await findAddressProblem(db, order.contactEmail) : problem,
      };
    }),
  );
  return {
    email: member.email,
    policyProblems: policy.problems,
    problem,
    recentMail: mail.map((m) => ({
      ...m,
      orderNumber: m.orderId ? (numbers.get(m.orderId) ?? null) : null,
    })),
    orders: orderContacts,
  };
}
