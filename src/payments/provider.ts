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
   * Takes `amountJpy`, which may be less than was authorised (the rest of the hold is released),
   * never more. Idempotent per `ref`: capturing a captured authorisation for the same amount
   * answers ok again, so a retry after a crash never charges twice (a real acquirer gets `ref` as
   * its idempotency key).
   */
  capture(ref: string, amountJpy: number): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Releases an authorisation that will not be captured; a captured payment is left alone. */
  void(ref: string): Promise<void>;
  /**
   * Gives back part or all of the money captured; a payment may be refunded several times, each
   * with its own `idempotencyKey`. A key seen before answers its first refund again and moves no
   * money. Refunds together never exceed the capture: more is refused, never trimmed.
   */
  refund(ref: string, refund: { amountJpy: number; idempotencyKey: string }): Promise<RefundAnswer>;
}

/**
 * Why a card network refuses a refund: more than the capture has left, nothing captured (only
 * authorised, voided, unknown), or a key already used for another payment or amount.
 */
export type RefundRefusal = 'exceeds_captured' | 'not_captured' | 'key_reused';

export type RefundAnswer =
  | { ok: true; refundRef: string; amountJpy: number; replayed: boolean }
  | { ok: false; reason: RefundRefusal; refundableJpy: number };
