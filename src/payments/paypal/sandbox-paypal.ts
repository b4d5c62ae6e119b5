import { randomInt } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type {
  CaptureResult,
  CaptureState,
  PaypalCapture,
  PaypalClient,
  PaypalErrorKind,
  PaypalFailure,
  PaypalOrder,
} from './paypal-client.ts';
import {
  createOrderInput as clientCreateOrderInput,
  refundInput as clientRefundInput,
  paypalIdSchema,
  requestIdSchema,
} from './paypal-client.ts';
import {
  type SandboxPaypalCaptureStatus,
  type SandboxPaypalOrder,
  sandboxPaypalOrders,
  sandboxPaypalRefunds,
} from './sandbox-tables.ts';

/*
 * PayPal inside the shop, for when no PayPal credentials are set: the same PaypalClient as the
 * real one, with its state in the database (0020) so every web process sees the same orders, and
 * an approval page of our own (sandbox-paypal-routes.tsx) where the buyer chooses what PayPal
 * does. Answers, issue codes and idempotency follow PayPal's, as paypal-server.ts does for tests.
 * It sends no webhooks: the shop learns everything from the answers and from reading orders and
 * captures, so verifyWebhookSignature never finds a genuine delivery.
 */

/** Where the buyer approves a sandbox PayPal order, on the shop's own origin. */
export const SANDBOX_PAYPAL_PATH = '/sandbox/paypal/checkoutnow';

/** A PENDING sandbox capture clears (COMPLETED) when read this long after it was made. */
export const SANDBOX_PENDING_CLEARS_AFTER_MS = 2 * 60 * 1000;

/** What the buyer chooses on the approval page, short of cancelling. */
export type SandboxBuyerChoice = 'approve' | 'decline' | 'pending';

export interface SandboxPaypalOptions {
  db: Db;
  clock: Clock;
  /** The shop's PUBLIC_URL: approval links point here, and return/cancel URLs must be on it. */
  publicUrl: string;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** An id in PayPal's style, e.g. `5O190127TN364715T`. */
function paypalStyleId(length = 17): string {
  let id = '';
  for (let i = 0; i < length; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

// The same limits as the real client's, so both refuse the same input; only the amount's ceiling
// is lower, as the ledger's columns are 32-bit (no shop order comes near two billion yen).
const idSchema = paypalIdSchema;
const yenSchema = z.number().int().positive().max(2_147_483_647);
const createOrderInput = clientCreateOrderInput.extend({ amountJpy: yenSchema });
const refundInput = clientRefundInput.extend({ amountJpy: yenSchema });

/** True when `url` is on the shop's own origin, the only place the sandbox sends a buyer. */
export function isShopUrl(url: string, publicUrl: string): boolean {
  try {
    return new URL(url).origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}

export function sandboxApproveUrl(publicUrl: string, orderId: string): string {
  const url = new URL(SANDBOX_PAYPAL_PATH, publicUrl);
  url.searchParams.set('token', orderId);
  return url.toString();
}

function fail(
  kind: PaypalErrorKind,
  issue: string,
  message: string,
  extra: Partial<Omit<PaypalFailure, 'ok' | 'kind' | 'issue' | 'message'>> = {},
): PaypalFailure {
  const httpStatus = kind === 'not_found' ? 404 : kind === 'invalid' ? 422 : undefined;
  return { ok: false, kind, issue, message, ...(httpStatus ? { httpStatus } : {}), ...extra };
}

function invalidInput(error: z.ZodError): PaypalFailure {
  const first = error.issues[0];
  return {
    ok: false,
    kind: 'invalid',
    issue: 'INVALID_INPUT',
    message: `${first?.path.join('.') || 'input'}: ${first?.message ?? 'invalid'}`,
  };
}

const notFound = (field: string, extra: Partial<PaypalFailure> = {}) =>
  fail(
    'not_found',
    'INVALID_RESOURCE_ID',
    `Specified resource ID does not exist (${field}). Please check the resource ID and try again.`,
    extra,
  );

function captureState(status: SandboxPaypalCaptureStatus): CaptureState {
  // A partly or fully refunded capture was paid first, as the real client reads it.
  if (status === 'PENDING') return 'pending';
  if (status === 'DECLINED') return 'declined';
  return 'paid';
}

function toCapture(row: SandboxPaypalOrder): PaypalCapture | undefined {
  if (!row.captureId || !row.captureStatus) return undefined;
  return {
    id: row.captureId,
    state: captureState(row.captureStatus),
    status: row.captureStatus,
    amountJpy: row.capturedJpy,
    ...(row.captureStatus === 'PENDING' ? { pendingReason: 'PENDING_REVIEW' } : {}),
  };
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** The sandbox PayPal order with this id, as the approval page shows it. */
export async function findSandboxPaypalOrder(
  db: Db | Tx,
  id: string,
): Promise<SandboxPaypalOrder | undefined> {
  const [row] = await db.select().from(sandboxPaypalOrders).where(eq(sandboxPaypalOrders.id, id));
  return row;
}

/**
 * The buyer's answer on the approval page: the order is approved, and the next capture is plain,
 * PENDING, or refused with INSTRUMENT_DECLINED. Only an order waiting for the buyer moves, so a
 * second click changes nothing; the order is returned as it is afterwards.
 */
export async function answerSandboxPaypalApproval(
  db: Db,
  clock: Clock,
  id: string,
  choice: SandboxBuyerChoice,
): Promise<SandboxPaypalOrder | undefined> {
  const nextCapture =
    choice === 'decline' ? 'INSTRUMENT_DECLINED' : choice === 'pending' ? 'PENDING' : null;
  const [approved] = await db
    .update(sandboxPaypalOrders)
    .set({
      status: 'APPROVED',
      nextCapture,
      payerId: sql`coalesce(${sandboxPaypalOrders.payerId}, ${paypalStyleId(13)})`,
      updatedAt: clock.now(),
    })
    .where(
      and(eq(sandboxPaypalOrders.id, id), eq(sandboxPaypalOrders.status, 'PAYER_ACTION_REQUIRED')),
    )
    .returning();
  return approved ?? findSandboxPaypalOrder(db, id);
}

/** Settles a PENDING sandbox capture now, as PayPal does after its review; false if it was not pending. */
export async function settleSandboxPaypalCapture(
  db: Db | Tx,
  clock: Clock,
  captureId: string,
  outcome: 'COMPLETED' | 'DECLINED',
): Promise<boolean> {
  const settled = await db
    .update(sandboxPaypalOrders)
    .set({ captureStatus: outcome, updatedAt: clock.now() })
    .where(
      and(
        eq(sandboxPaypalOrders.captureId, captureId),
        eq(sandboxPaypalOrders.captureStatus, 'PENDING'),
      ),
    )
    .returning({ id: sandboxPaypalOrders.id });
  return settled.length > 0;
}

/** A PayPal client whose PayPal is the shop's own database and approval page. */
export function createSandboxPaypal({ db, clock, publicUrl }: SandboxPaypalOptions): PaypalClient {
  /** A PENDING capture whose review time is over has cleared by the time anyone looks. */
  async function settled(
    executor: Db | Tx,
    row: SandboxPaypalOrder | undefined,
  ): Promise<SandboxPaypalOrder | undefined> {
    if (row?.captureStatus !== 'PENDING' || !row.captureId || !row.capturedAt) return row;
    const due = row.capturedAt.getTime() + SANDBOX_PENDING_CLEARS_AFTER_MS <= clock.now().getTime();
    if (!due) return row;
    await settleSandboxPaypalCapture(executor, clock, row.captureId, 'COMPLETED');
    return findSandboxPaypalOrder(executor, row.id);
  }

  async function orderById(id: string) {
    return settled(db, await findSandboxPaypalOrder(db, id));
  }

  function toOrder(row: SandboxPaypalOrder): PaypalOrder {
    const capture = toCapture(row);
    return {
      id: row.id,
      status: row.status,
      amountJpy: row.amountJpy,
      customId: row.customId,
      ...(row.invoiceId ? { invoiceId: row.invoiceId } : {}),
      ...(row.payerId ? { payerId: row.payerId } : {}),
      ...(row.status === 'PAYER_ACTION_REQUIRED'
        ? { approveUrl: sandboxApproveUrl(publicUrl, row.id) }
        : {}),
      ...(capture ? { capture } : {}),
    };
  }

  /** The capture an order has, as the answer to a capture call (the real client's captureOutcome). */
  function captureOutcome(row: SandboxPaypalOrder, alreadyCaptured: boolean): CaptureResult {
    const capture = toCapture(row)!;
    if (capture.state === 'declined') {
      return fail(
        'declined',
        capture.status,
        `PayPal ${capture.status.toLowerCase()} the capture`,
        {
          orderId: row.id,
          captureId: capture.id,
        },
      );
    }
    return { ok: true, state: capture.state, orderId: row.id, capture, alreadyCaptured };
  }

  async function captureOnce(id: string, requestId: string): Promise<CaptureResult | undefined> {
    const order = await orderById(id);
    if (!order) return notFound('order_id', { orderId: id });
    // One capture per order: a retry with its request id gets it back, another request id is told
    // ORDER_ALREADY_CAPTURED, which the real client answers by reading the order's capture.
    if (order.captureId) return captureOutcome(order, order.captureRequestId !== requestId);
    if (order.status !== 'APPROVED') {
      return fail(
        'invalid',
        'ORDER_NOT_APPROVED',
        'Payer has not yet approved the Order for payment.',
        { orderId: id },
      );
    }
    const guard = and(
      eq(sandboxPaypalOrders.id, id),
      eq(sandboxPaypalOrders.status, 'APPROVED'),
      isNull(sandboxPaypalOrders.captureId),
      order.nextCapture
        ? eq(sandboxPaypalOrders.nextCapture, order.nextCapture)
        : isNull(sandboxPaypalOrders.nextCapture),
    );
    if (order.nextCapture === 'INSTRUMENT_DECLINED') {
      // The buyer goes back to PayPal to choose another funding source; no money moved.
      const [sentBack] = await db
        .update(sandboxPaypalOrders)
        .set({ status: 'PAYER_ACTION_REQUIRED', nextCapture: null, updatedAt: clock.now() })
        .where(guard)
        .returning({ id: sandboxPaypalOrders.id });
      if (!sentBack) return undefined;
      return fail(
        'instrument_declined',
        'INSTRUMENT_DECLINED',
        "The instrument presented was either declined by the processor or bank, or it can't be used for this payment.",
        { orderId: id, approveUrl: sandboxApproveUrl(publicUrl, id) },
      );
    }
    try {
      const [captured] = await db
        .update(sandboxPaypalOrders)
        .set({
          status: 'COMPLETED',
          nextCapture: null,
          captureId: paypalStyleId(),
          captureRequestId: requestId,
          captureStatus: order.nextCapture === 'PENDING' ? 'PENDING' : 'COMPLETED',
          capturedJpy: sql`${sandboxPaypalOrders.amountJpy}`,
          capturedAt: clock.now(),
          updatedAt: clock.now(),
        })
        .where(guard)
        .returning();
      return captured ? captureOutcome(captured, false) : undefined;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return fail(
        'invalid',
        'DUPLICATE_INVOICE_ID',
        'Duplicate Invoice ID detected. To avoid a potential duplicate transaction your account setting requires that Invoice Id be unique for each transaction.',
        { orderId: id },
      );
    }
  }

  return {
    async accessToken() {
      // Nothing to authenticate against: the sandbox is the shop itself.
      return { ok: true, token: 'sandbox' };
    },

    async createOrder(input) {
      const parsed = createOrderInput.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      const { amountJpy, reference, invoiceId, returnUrl, cancelUrl, requestId } = parsed.data;
      // The approval page redirects to these, so they must not send a buyer anywhere but the shop.
      for (const [field, url] of [
        ['return_url', returnUrl],
        ['cancel_url', cancelUrl],
      ] as const) {
        if (!isShopUrl(url, publicUrl)) {
          return fail(
            'invalid',
            'INVALID_PARAMETER_VALUE',
            `${field} must be on the shop's own origin (${new URL(publicUrl).origin})`,
          );
        }
      }
      const now = clock.now();
      // A retry with the same request id gets the order the first call made.
      await db
        .insert(sandboxPaypalOrders)
        .values({
          id: paypalStyleId(),
          createRequestId: requestId,
          status: 'PAYER_ACTION_REQUIRED',
          amountJpy,
          customId: reference,
          invoiceId: invoiceId ?? null,
          returnUrl,
          cancelUrl,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: sandboxPaypalOrders.createRequestId });
      const [order] = await db
        .select()
        .from(sandboxPaypalOrders)
        .where(eq(sandboxPaypalOrders.createRequestId, requestId));
      if (!order) throw new Error(`sandbox PayPal order for request ${requestId} vanished`);
      return {
        ok: true,
        id: order.id,
        status: order.status,
        approveUrl: sandboxApproveUrl(publicUrl, order.id),
      };
    },

    async getOrder(id) {
      const orderId = idSchema.safeParse(id);
      if (!orderId.success) return invalidInput(orderId.error);
      const order = await orderById(orderId.data);
      return order ? { ok: true, order: toOrder(order) } : notFound('order_id');
    },

    async captureOrder(id, requestId) {
      const orderId = idSchema.safeParse(id);
      if (!orderId.success) return invalidInput(orderId.error);
      const request = requestIdSchema.safeParse(requestId);
      if (!request.success) return invalidInput(request.error);
      // A guarded update that lost a race reads the order again; states only move forward.
      for (let attempt = 0; attempt < 3; attempt++) {
        const outcome = await captureOnce(orderId.data, request.data);
        if (outcome) return outcome;
      }
      return fail('unavailable', 'CONCURRENT_CHANGE', 'The order kept changing; try again.', {
        orderId: orderId.data,
      });
    },

    async getCapture(id) {
      const captureId = idSchema.safeParse(id);
      if (!captureId.success) return invalidInput(captureId.error);
      const [row] = await db
        .select()
        .from(sandboxPaypalOrders)
        .where(eq(sandboxPaypalOrders.captureId, captureId.data));
      const order = await settled(db, row);
      const capture = order && toCapture(order);
      return capture ? { ok: true, capture } : notFound('capture_id');
    },

    async refundCapture(id, input) {
      const captureId = idSchema.safeParse(id);
      if (!captureId.success) return invalidInput(captureId.error);
      const parsed = refundInput.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      const { amountJpy, requestId, noteToPayer } = parsed.data;
      const refused = (issue: string, message: string) =>
        fail('invalid', issue, message, { captureId: captureId.data });

      // The capture's row is locked, so refunds of one capture (and retries) take turns.
      return db.transaction(async (tx) => {
        const [locked] = await tx
          .select()
          .from(sandboxPaypalOrders)
          .where(eq(sandboxPaypalOrders.captureId, captureId.data))
          .for('update');
        if (!locked) return notFound('capture_id', { captureId: captureId.data });
        const [earlier] = await tx
          .select()
          .from(sandboxPaypalRefunds)
          .where(
            and(
              eq(sandboxPaypalRefunds.captureId, captureId.data),
              eq(sandboxPaypalRefunds.requestId, requestId),
            ),
          );
        if (earlier) {
          return {
            ok: true as const,
            refundId: earlier.id,
            status: 'COMPLETED' as const,
            amountJpy: earlier.amountJpy,
          };
        }
        const order = (await settled(tx, locked))!;
        if (order.captureStatus === 'PENDING') {
          return refused('PENDING_CAPTURE', 'Cannot initiate a refund as the capture is pending.');
        }
        if (order.captureStatus === 'DECLINED') {
          return refused('TRANSACTION_REFUSED', 'The request was refused.');
        }
        const remaining = order.capturedJpy - order.refundedJpy;
        if (remaining <= 0) {
          return refused('CAPTURE_FULLY_REFUNDED', 'The capture has already been fully refunded.');
        }
        const exceeded = () =>
          refused(
            'REFUND_AMOUNT_EXCEEDED',
            'The refund amount must be less than or equal to the capture amount that has not yet been refunded.',
          );
        if (amountJpy > remaining) return exceeded();
        const refunded = sql`${sandboxPaypalOrders.refundedJpy} + ${amountJpy}`;
        // Guarded as well as locked: whatever happens, refunds never add up to more than the capture.
        const [moved] = await tx
          .update(sandboxPaypalOrders)
          .set({
            refundedJpy: refunded,
            captureStatus: sql`case when ${refunded} = ${sandboxPaypalOrders.capturedJpy} then 'REFUNDED' else 'PARTIALLY_REFUNDED' end`,
            updatedAt: clock.now(),
          })
          .where(
            and(
              eq(sandboxPaypalOrders.captureId, captureId.data),
              inArray(sandboxPaypalOrders.captureStatus, ['COMPLETED', 'PARTIALLY_REFUNDED']),
              sql`${refunded} <= ${sandboxPaypalOrders.capturedJpy}`,
            ),
          )
          .returning({ id: sandboxPaypalOrders.id });
        if (!moved) return exceeded();
        const refundId = paypalStyleId();
        await tx.insert(sandboxPaypalRefunds).values({
          id: refundId,
          captureId: captureId.data,
          requestId,
          amountJpy,
          noteToPayer: noteToPayer ?? null,
          createdAt: clock.now(),
        });
        return { ok: true as const, refundId, status: 'COMPLETED' as const, amountJpy };
      });
    },

    async verifyWebhookSignature() {
      // The sandbox sends no webhooks, so no delivery can be one of its own.
      return { ok: true, verified: false };
    },
  };
}
