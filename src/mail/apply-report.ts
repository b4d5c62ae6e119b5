import type { Db } from '../db/client.ts';
import type { InboundReport } from './bounces/parse-bounce.ts';
import type { ProviderEvent } from './bounces/parse-provider-event.ts';
import { recordDeliveryReport } from './record-delivery-report.ts';

export type ApplyOutcome = 'recorded' | 'unknown_message' | 'ignored';

/** Records a parsed bounce or complaint (from mail or a provider's webhook) against its message. */
export async function applyReport(
  deps: { db: Db; softBounceLimit: number; now: Date },
  report: InboundReport | ProviderEvent,
  source: string,
): Promise<ApplyOutcome> {
  if (report.kind === 'unrecognised' || report.kind === 'delivered') return 'ignored';
  if (!report.messageId) return 'unknown_message';
  if (report.kind === 'complaint') {
    return recordDeliveryReport(deps, {
      kind: 'complaint',
      messageId: report.messageId,
      recipient: report.recipient,
      feedbackType: report.feedbackType,
      source,
    });
  }
  return recordDeliveryReport(deps, {
    kind: 'bounce',
    messageId: report.messageId,
    recipient: report.recipient,
    status: report.status,
    bounceClass: report.bounceClass,
    diagnostic: report.diagnostic,
    source,
  });
}
