import { and, eq } from 'drizzle-orm';
import { deliverDueMail } from '../mail/deliver-mail.ts';
import { outboxMessages } from '../mail/tables.ts';
import { makeMember, makeOrder, makeProduct } from './factories.ts';
import { signInMember, type TestWorld } from './world.ts';

/**
 * A member with one order whose confirmation the receiving server accepted, signed in through
 * the sign-in form: the starting point of every "what happened to my mail" page test.
 */
export async function signedInMemberWithSentOrder(
  world: Pick<TestWorld, 'database' | 'deps' | 'app' | 'mailer'>,
) {
  const { database, deps, app, mailer } = world;
  const member = await makeMember(database.db);
  const product = await makeProduct(database.db);
  const order = await makeOrder(deps, [{ product, quantity: 1 }], {
    memberId: member.id,
    email: member.email,
  });
  await deliverDueMail(mailer.deps);
  const [confirmation] = await database.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orderId, order.id), eq(outboxMessages.topic, 'order_placed')));
  const browser = await signInMember(app, member.email);
  return { member, order, confirmation: confirmation!, browser };
}
