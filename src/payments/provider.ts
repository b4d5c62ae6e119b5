import type { CardBrand } from './cards.ts';

/** What a card network needs from us; the sandbox implements it, a real acquirer would too. */
export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  holder: string;
}

export type DeclineReason =
  | 'card_declined'
  | 'insufficient_funds'
  | 'invalid_card'
  | 'expired_card';

export type AuthoriseResult =
  | { status: 'authorised'; ref: string; brand: CardBrand; last4: string }
  | {
      status: 'challenge_required';
      ref: string;
      brand: CardBrand;
      last4: string;
      challengeUrl: string;
    }
  | { status: 'declined'; reason: DeclineReason };

export type PaymentStatus =
  | 'challenge_required'
  | 'authorised'
  | 'declined'
  | 'captured'
  | 'voided'
  | 'refunded'
  | 'unknown';

/**
 * Who holds an order's money (orders.payment_provider): the card networks the shop can talk to,
 * and PayPal (payments/paypal/, captured at checkout; its payment_ref is the capture id).
 */
export const paymentProviderCodes = ['sandbox', 'paypal'] as const;
export type PaymentProviderCode = (typeof paymentProviderCodes)[number];

export interface PaymentProvider {
  readonly code: PaymentProviderCode;
  /** Reserves `amountJpy` on the card; may ask for a 3-D Secure challenge that returns to `returnUrl`. */
  authorise(input: {
    amountJpy: number;
    card: CardInput;
    returnUrl: string;
  }): Promise<AuthoriseResult>;
  /** Where an authorisation stands, e.g. after the customer came back from a challenge. */
  status(ref: string): Promise<{ status: PaymentStatus; brand: CardBrand | null; last4: string }>;
  /**
   * Takes the money (when the order ships, or early when the authorisation gets old). Idempotent
   * per `ref`: capturing a captured authorisation for the same amount answers ok again, so a retry
   * after a crash never charges twice (a real acquirer gets `ref` as its idempotency key).
   */
  capture(ref: string, amountJpy: number): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Releases an authorisation that will not be captured; a captured payment is left alone. */
  void(ref: string): Promise<void>;
  /**
   * Gives back money already captured (an order cancelled after an early capture). Idempotent per
   * `ref`, like capture: refunding a refunded payment answers ok again.
   */
  refund(ref: string, amountJpy: number): Promise<{ ok: true } | { ok: false; reason: string }>;
}
