import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every verified PayPal webhook event, by PayPal's event id (0021): written in the transaction
 * that handles it, so a delivery PayPal repeats finds its id taken and changes nothing.
 */
export const paypalWebhookEvents = pgTable('paypal_webhook_events', {
  id: text('id').primaryKey(),
  eventType: text('event_type').notNull(),
  /** The event's resource: a capture id, or a refund id for refund events. */
  resourceId: text('resource_id'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  /** What handling it did (see PaypalEventOutcome). */
  outcome: text('outcome').notNull(),
});

export type PaypalWebhookEvent = typeof paypalWebhookEvents.$inferSelect;
