import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { changeCartItem, MAX_LINE_QUANTITY } from '../cart/add-to-cart.ts';
import { type CartOwner, ensureCartId, findCartId, viewCart } from '../cart/find-cart.ts';
import { problemMessage } from '../cart/problem-message.ts';
import { checkPurchase } from '../cart/purchase-rules.ts';
import { availabilityOf } from '../catalog/availability.ts';
import { findProductBySku } from '../catalog/list-products.ts';
import { randomToken } from '../lib/ids.ts';
import type { AppEnv } from '../web/context.ts';
import { AppError, apiError } from '../web/errors.ts';
import { apiApp, errorResponse, optionalBearer, plainText } from './api-app.ts';
import { availabilitySchema, localizedText } from './products.ts';

/** A cart token as POST /carts hands it out (32 random bytes, base64url). */
export const cartTokenHeader = z
  .string()
  .regex(/^[\w-]{43}$/, 'Use the cartToken from POST /api/store/carts.')
  .openapi({ description: 'The cartToken from POST /api/store/carts (ignored for members).' });

const cartHeaders = z.object({ 'X-Cart-Token': cartTokenHeader.optional() });

const problemSchema = z.object({ code: z.string(), message: z.string() });

const cartSchema = z
  .object({
    lines: z.array(
      z.object({
        productId: z.uuid(),
        sku: z.string(),
        slug: z.string(),
        title: localizedText,
        unitPriceJpy: z.number().int(),
        quantity: z.number().int(),
        lineTotalJpy: z.number().int(),
        availability: availabilitySchema,
        problem: problemSchema
          .nullable()
          .openapi({ description: 'Why this line cannot be bought as it is, if it cannot.' }),
      }),
    ),
    itemCount: z.number().int(),
    subtotalJpy: z.number().int(),
  })
  .openapi('Cart');

/**
 * Whose cart "current" means: the member's when a bearer token is sent, else the guest cart of the
 * X-Cart-Token, which must exist (tokens come from POST /carts).
 */
export async function currentCartOwner(
  c: Context<AppEnv>,
  cartToken: string | undefined,
): Promise<CartOwner> {
  const member = c.get('member');
  if (member) return { memberId: member.id };
  if (!cartToken) {
    throw new AppError(
      'cart_token_required',
      400,
      'Send the X-Cart-Token header from POST /api/store/carts, or sign in.',
    );
  }
  const owner = { visitorId: cartToken };
  if (!(await findCartId(c.get('deps').db, owner))) {
    throw new AppError('cart_not_found', 404, 'No cart has this token. Create one first.');
  }
  return owner;
}

async function cartJson(c: Context<AppEnv>, owner: CartOwner): Promise<z.infer<typeof cartSchema>> {
  const { db, clock } = c.get('deps');
  const t = c.get('t');
  const ja = c.get('locale') === 'ja';
  const now = clock.now();
  const { lines } = await viewCart(db, owner);
  return {
    lines: lines.map(({ product, quantity }) => {
      const problem = checkPurchase(product, quantity, { isMember: 'memberId' in owner }, now);
      const title = ja ? product.titleJa : product.titleEn;
      return {
        productId: product.id,
        sku: product.sku,
        slug: product.slug,
        title: { en: product.titleEn, ja: product.titleJa },
        unitPriceJpy: product.priceJpy,
        quantity,
        lineTotalJpy: product.priceJpy * quantity,
        availability: availabilityOf(product, now),
        problem: problem
          ? { code: problem.code, message: problemMessage(t, problem, title) }
          : null,
      };
    }),
    itemCount: lines.reduce((sum, l) => sum + l.quantity, 0),
    subtotalJpy: lines.reduce((sum, l) => sum + l.product.priceJpy * l.quantity, 0),
  };
}

const cartResponse = {
  description: 'The cart',
  content: { 'application/json': { schema: z.object({ cart: cartSchema }) } },
};
const cartErrors = {
  400: errorResponse('Invalid input, or neither X-Cart-Token nor a bearer token'),
  401: errorResponse('The bearer token is not valid'),
  404: errorResponse('cart_not_found or unknown_product'),
};

const createCartRoute = createRoute({
  method: 'post',
  path: '/carts',
  tags: ['Carts'],
  summary: 'Create a guest cart',
  description: 'Send the returned cartToken as X-Cart-Token. Members use their own cart instead.',
  responses: {
    201: {
      description: 'A new, empty cart',
      content: { 'application/json': { schema: z.object({ cartToken: z.string() }) } },
    },
  },
});

const viewCartRoute = createRoute({
  method: 'get',
  path: '/carts/current',
  tags: ['Carts'],
  summary: "The current cart (the member's, or the X-Cart-Token's)",
  security: optionalBearer,
  request: { headers: cartHeaders },
  responses: { 200: cartResponse, ...cartErrors },
});

const quantity = (min: number) =>
  z.number().int().min(min).max(MAX_LINE_QUANTITY).openapi({ example: 1 });

const addItemRoute = createRoute({
  method: 'post',
  path: '/carts/current/items',
  tags: ['Carts'],
  summary: 'Add a quantity of a product to the cart',
  security: optionalBearer,
  request: {
    headers: cartHeaders,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              productId: z.uuid().optional(),
              sku: plainText(64).optional(),
              quantity: quantity(1),
            })
            .refine((b) => (b.productId === undefined) !== (b.sku === undefined), {
              path: ['productId'],
              message: 'Send either productId or sku.',
            })
            .openapi('AddCartItem'),
        },
      },
    },
  },
  responses: {
    200: cartResponse,
    ...cartErrors,
    409: errorResponse('sold_out, over_limit, member_only, not_enough_stock or not_for_sale'),
  },
});

const setItemRoute = createRoute({
  method: 'put',
  path: '/carts/current/items/{sku}',
  tags: ['Carts'],
  summary: 'Set the quantity of a product in the cart (0 removes it)',
  security: optionalBearer,
  request: {
    headers: cartHeaders,
    params: z.object({ sku: plainText(64) }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ quantity: quantity(0) }).openapi('SetCartItem'),
        },
      },
    },
  },
  responses: {
    200: cartResponse,
    ...cartErrors,
    409: errorResponse('sold_out, over_limit, member_only, not_enough_stock or not_for_sale'),
  },
});

const unknownProduct = () =>
  new AppError('unknown_product', 404, 'There is no product with this id or SKU.');

/** Applies a cart change through the same use case as the storefront; problems become 409s. */
async function change(
  c: Context<AppEnv>,
  owner: CartOwner,
  productId: string,
  quantity: number,
  mode: 'add' | 'set',
) {
  const { db, clock } = c.get('deps');
  const result = await changeCartItem(db, owner, {
    productId,
    quantity,
    mode,
    isMember: 'memberId' in owner,
    now: clock.now(),
  });
  if (result.ok) return null;
  if (result.problem.code === 'unknown_product') throw unknownProduct();
  return apiError(result.problem.code, problemMessage(c.get('t'), result.problem, result.title));
}

export const cartsApi = apiApp()
  .openapi(createCartRoute, async (c) => {
    const cartToken = randomToken();
    await ensureCartId(c.get('deps').db, { visitorId: cartToken });
    return c.json({ cartToken }, 201);
  })
  .openapi(viewCartRoute, async (c) => {
    const owner = await currentCartOwner(c, c.req.valid('header')['X-Cart-Token']);
    return c.json({ cart: await cartJson(c, owner) }, 200);
  })
  .openapi(addItemRoute, async (c) => {
    const owner = await currentCartOwner(c, c.req.valid('header')['X-Cart-Token']);
    const body = c.req.valid('json');
    let productId = body.productId;
    if (!productId) {
      const product = await findProductBySku(c.get('deps').db, body.sku!);
      if (!product) throw unknownProduct();
      productId = product.id;
    }
    const problem = await change(c, owner, productId, body.quantity, 'add');
    if (problem) return c.json(problem, 409);
    return c.json({ cart: await cartJson(c, owner) }, 200);
  })
  .openapi(setItemRoute, async (c) => {
    const owner = await currentCartOwner(c, c.req.valid('header')['X-Cart-Token']);
    const product = await findProductBySku(c.get('deps').db, c.req.valid('param').sku);
    if (!product) throw unknownProduct();
    const problem = await change(c, owner, product.id, c.req.valid('json').quantity, 'set');
    if (problem) return c.json(problem, 409);
    return c.json({ cart: await cartJson(c, owner) }, 200);
  });
