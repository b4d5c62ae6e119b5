import { Hono } from 'hono';
import { z } from 'zod';
import { formatJpy } from '../../lib/money.ts';
import type { AppEnv } from '../../web/context.ts';
import { notFound } from '../../web/errors.ts';
import { Csrf, Notice, renderPage } from '../../web/layout.tsx';
import {
  answerSandboxPaypalApproval,
  findSandboxPaypalOrder,
  isShopUrl,
  SANDBOX_PAYPAL_PATH,
} from './sandbox-paypal.ts';
import type { SandboxPaypalOrder } from './sandbox-tables.ts';

/*
 * The sandbox PayPal's buyer side: the page PayPal would show after the shop sends the buyer to
 * the approve link. It stands in for PayPal, not for the shop, so its words live here rather than
 * in the shop's dictionary; the "no real money" label is always in both languages.
 */

const LABEL = {
  en: 'PayPal sandbox — no real money',
  ja: 'PayPal サンドボックス — 実際のお金は動きません',
};

const words = {
  en: {
    title: (shop: string) => `Pay ${shop} with PayPal`,
    intro:
      'This page stands in for PayPal while the shop has no PayPal account set up. Choose what PayPal does with this payment.',
    amount: 'Amount',
    reference: 'Order reference',
    approve: 'Approve the payment',
    decline: 'Approve, but the funding source is declined',
    pending: 'Approve, the payment waits for review (pending)',
    cancel: (shop: string) => `Cancel and return to ${shop}`,
    done: 'This payment is no longer waiting for your approval.',
    back: (shop: string) => `Return to ${shop}`,
  },
  ja: {
    title: (shop: string) => `PayPalで${shop}へのお支払い`,
    intro:
      'このページは、当店がPayPalアカウントを設定するまでPayPalの代わりに表示されます。このお支払いをPayPalがどう扱うかを選んでください。',
    amount: '金額',
    reference: 'ご注文の参照番号',
    approve: '支払いを承認する',
    decline: '承認する（お支払い元が拒否される）',
    pending: '承認する（支払いが審査待ちになる）',
    cancel: (shop: string) => `キャンセルして${shop}に戻る`,
    done: 'このお支払いは、すでに承認待ちではありません。',
    back: (shop: string) => `${shop}に戻る`,
  },
};

const token = z.string().regex(/^[A-Z0-9]{1,36}$/);
const pageQuery = z.object({ token });
const answerForm = z.object({
  token,
  outcome: z.enum(['approve', 'decline', 'pending', 'cancel']),
});

/**
 * Where PayPal sends the buyer back: the URL stored at createOrder with `token` (and, once they
 * approved, `PayerID`) added. Only ever the shop's own origin, checked again here.
 */
function backUrl(stored: string, order: SandboxPaypalOrder, publicUrl: string, payer: boolean) {
  if (!isShopUrl(stored, publicUrl)) throw notFound();
  const url = new URL(stored);
  url.searchParams.set('token', order.id);
  if (payer && order.payerId) url.searchParams.set('PayerID', order.payerId);
  return url.toString();
}

/** The sandbox PayPal's approval page; mount with app.route('/', sandboxPaypalRoutes) after CSRF. */
export const sandboxPaypalRoutes = new Hono<AppEnv>()
  .get(SANDBOX_PAYPAL_PATH, async (c) => {
    const query = pageQuery.safeParse(c.req.query());
    if (!query.success) throw notFound();
    const deps = c.get('deps');
    const order = await findSandboxPaypalOrder(deps.db, query.data.token);
    if (!order) throw notFound();
    const locale = c.get('locale');
    const w = words[locale];
    const shop = deps.env.SHOP_NAME;
    const waiting = order.status === 'PAYER_ACTION_REQUIRED';
    return renderPage(
      c,
      `${LABEL[locale]} · ${w.title(shop)}`,
      <div class="challenge sandbox-paypal">
        <Notice kind="info">
          <strong lang="en">{LABEL.en}</strong>
          <br />
          <strong lang="ja">{LABEL.ja}</strong>
        </Notice>
        <h1>{w.title(shop)}</h1>
        <dl>
          <dt>{w.amount}</dt>
          <dd class="amount">{formatJpy(order.amountJpy, locale)}</dd>
          <dt>{w.reference}</dt>
          <dd>{order.customId}</dd>
        </dl>
        {waiting ? (
          <form method="post" action={SANDBOX_PAYPAL_PATH} class="stack">
            <p class="muted">{w.intro}</p>
            <Csrf token={c.get('csrfToken')} />
            <input type="hidden" name="token" value={order.id} />
            <button type="submit" name="outcome" value="approve">
              {w.approve}
            </button>
            <button type="submit" name="outcome" value="decline" class="secondary">
              {w.decline}
            </button>
            <button type="submit" name="outcome" value="pending" class="secondary">
              {w.pending}
            </button>
            <button type="submit" name="outcome" value="cancel" class="link">
              {w.cancel(shop)}
            </button>
          </form>
        ) : (
          <>
            <p>{w.done}</p>
            <p>
              <a href={backUrl(order.returnUrl, order, deps.publicUrl, true)}>{w.back(shop)}</a>
            </p>
          </>
        )}
      </div>,
    );
  })
  .post(SANDBOX_PAYPAL_PATH, async (c) => {
    const form = answerForm.safeParse(await c.req.parseBody());
    if (!form.success) throw notFound();
    const deps = c.get('deps');
    const { token: id, outcome } = form.data;
    if (outcome === 'cancel') {
      // PayPal leaves the order as it is (it expires unpaid) and sends the buyer to cancel_url.
      const order = await findSandboxPaypalOrder(deps.db, id);
      if (!order) throw notFound();
      return c.redirect(backUrl(order.cancelUrl, order, deps.publicUrl, false), 303);
    }
    // A declined funding source shows only at capture, so every choice returns to return_url.
    const order = await answerSandboxPaypalApproval(deps.db, deps.clock, id, outcome);
    if (!order) throw notFound();
    return c.redirect(backUrl(order.returnUrl, order, deps.publicUrl, true), 303);
  });
