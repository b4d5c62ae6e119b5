import { inquiryStateLabels } from '../set-inquiry-state.ts';
import type { InquiryCategory, InquiryState } from '../tables.ts';

// Pieces shared by the inbox and the inquiry page.

export const categoryLabels: Record<InquiryCategory, string> = {
  order: 'An order',
  missing_email: 'Did not receive an email',
  contact_email: 'Change the contact email of an order',
  shipping: 'Shipping',
  payment: 'Payment',
  returns: 'Returns and defects',
  member_id: 'Member ID',
  other: 'Other',
};

const stateBadge: Record<InquiryState, string> = {
  open: 'state-preparing',
  waiting: '',
  closed: 'state-delivered',
};

export function StateBadge({ state }: { state: InquiryState }) {
  return (
    <span class={`badge ${stateBadge[state]}`} data-inquiry-state={state}>
      {inquiryStateLabels[state]}
    </span>
  );
}

/** Customer text with its line breaks; JSX escapes every character of it. */
export function Lines({ text }: { text: string }) {
  return (
    <>
      {text.split('\n').map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </>
  );
}
