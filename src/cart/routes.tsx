import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../web/context.ts';
import { renderPage } from '../web/layout.tsx';
import { changeCartItem } from './add-to-cart.ts';
import { type CartOwner, viewCart } from './find-cart.ts';
import { CartPage } from './pages/cart-page.tsx';
import { problemMessage } from './problem-message.ts';

const itemForm = z.object({
  productId: z.uuid(),
  quantity: z.coerce.number().int().min(0).max(99),
});

/** Whose cart this request uses: the member's when signed in, else the visitor cookie's. */
export function cartOwner(c: Context<AppEnv>): CartOwner {
  const member = c.get('member');
  return member ? { memberId: member.id } : { visitorId: c.get('visitorId') };
}

async function showCart(
  c: Context<AppEnv>,
  messages: { notice?: string; error?: string },
  status: 200 | 400 | 409 = 200,
) {
  const { db, clock } = c.get('deps');
  const t = c.get('t');
  const { lines } = await viewCart(db, cartOwner(c));
  return renderPage(
    c,
    t('cart.title'),
    <CartPage
      lines={lines}
      t={t}
      locale={c.get('locale')}
      csrf={c.get('csrfToken')}
      now={clock.now()}
      {...messages}
    />,
    status,
  );
}

async function change(c: Context<AppEnv>, productId: string | undefined, mode: 'add' | 'set') {
  const t = c.get('t');
  const parsed = itemForm.safeParse({
    ...(await c.req.parseBody()),
    ...(productId ? { productId } : {}),
  });
  if (!parsed.success) return showCart(c, { error: t('error.fixBelow') }, 400);
  const { clock, db } = c.get('deps');
  const result = await changeCartItem(db, cartOwner(c), {
    ...parsed.data,
    mode,
    isMember: !!c.get('member'),
    now: clock.now(),
  });
  if (!result.ok)
    return showCart(c, { error: problemMessage(t, result.problem, result.title) }, 409);
  return c.redirect(mode === 'add' ? '/cart?added=1' : '/cart', 303);
}

export const cartRoutes = new Hono<AppEnv>()
  .get('/cart', (c) =>
    showCart(c, c.req.query('added') ? { notice: c.get('t')('cart.added') } : {}),
  )
  .post('/cart/items', (c) => change(c, undefined, 'add'))
  .post('/cart/items/:productId', (c) => change(c, c.req.param('productId'), 'set'));
