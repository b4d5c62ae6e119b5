import type { Tx } from '../db/client.ts';
import { outboxMessages } from './tables.ts';

export type MailTopic = 'order_placed' | 'order_cancelled' | 'order_shipped';

/** Records a mail to send inside the caller's transaction, so it commits or rolls back with the change. */
export async function enqueueMail(
  tx: Tx,
  mail: { topic: MailTopic; orderId?: string; recipient: string; locale: string; payload?: object },
): Promise<void> {
  await tx.insert(outboxMessages).values({ ...mail, payload: mail.payload ?? {} });
}
