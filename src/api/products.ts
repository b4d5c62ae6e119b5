import { createRoute, z } from '@hono/zod-openapi';
import { type Availability, availabilityOf } from '../catalog/availability.ts';
import { categories } from '../catalog/demo-catalog.ts';
import { findProductBySlug, listProducts } from '../catalog/list-products.ts';
import type { Product } from '../catalog/tables.ts';
import { notFound } from '../web/errors.ts';
import { apiApp, errorResponse, optionalBearer, plainText } from './api-app.ts';

// Keyed by every Availability, so the documented enum cannot drift from catalog/availability.ts.
const availabilityKeys: Record<Availability, true> = {
  on_sale: true,
  low_stock: true,
  preorder_open: true,
  preorder_not_open: true,
  preorder_closed: true,
  sold_out: true,
  ended: true,
};
export const availabilitySchema = z
  .enum(Object.keys(availabilityKeys) as [Availability, ...Availability[]])
  .openapi('Availability');

export const localizedText = z.object({ en: z.string(), ja: z.string() }).openapi('LocalizedText');

const productSchema = z
  .object({
    id: z.uuid(),
    sku: z.string(),
    slug: z.string(),
    category: z.string().openapi({ example: 'figures' }),
    kind: z.enum(['physical', 'digital']),
    title: localizedText,
    description: localizedText,
    priceJpy: z.number().int().openapi({ description: 'Tax-included price in yen.' }),
    availability: availabilitySchema,
    stockState: z
      .enum(['in_stock', 'low_stock', 'out_of_stock'])
      .openapi({ description: 'How much is left, without the exact count.' }),
    purchaseLimit: z.number().int().nullable(),
    preorderOpensAt: z.iso.datetime().nullable(),
    preorderClosesAt: z.iso.datetime().nullable(),
    releaseMonth: z.string().nullable().openapi({ example: '2027-03' }),
    regionCode: z.string().nullable().openapi({ description: 'Disc region code, e.g. A or 2.' }),
    domesticOnly: z.boolean().openapi({ description: 'Ships only to addresses in Japan.' }),
    memberOnly: z.boolean(),
    imageUrl: z.string().openapi({ example: '/images/products/FIG-001.svg' }),
  })
  .openapi('Product');

/** A product as the API shows it: availability and a stock level, never the exact stock. */
export function productJson(p: Product, now: Date): z.infer<typeof productSchema> {
  // Availability of the same product as if plainly on sale says only how much stock is left.
  const stock = availabilityOf({ ...p, status: 'on_sale' }, now);
  return {
    id: p.id,
    sku: p.sku,
    slug: p.slug,
    category: p.category,
    kind: p.kind,
    title: { en: p.titleEn, ja: p.titleJa },
    description: { en: p.descriptionEn, ja: p.descriptionJa },
    priceJpy: p.priceJpy,
    availability: availabilityOf(p, now),
    stockState:
      stock === 'sold_out' ? 'out_of_stock' : stock === 'low_stock' ? 'low_stock' : 'in_stock',
    purchaseLimit: p.purchaseLimit,
    preorderOpensAt: p.preorderOpensAt?.toISOString() ?? null,
    preorderClosesAt: p.preorderClosesAt?.toISOString() ?? null,
    releaseMonth: p.releaseMonth,
    regionCode: p.regionCode,
    domesticOnly: p.domesticOnly,
    memberOnly: p.memberOnly,
    imageUrl: `/images/products/${encodeURIComponent(p.sku)}.svg`,
  };
}

const listRoute = createRoute({
  method: 'get',
  path: '/products',
  tags: ['Products'],
  summary: 'List or search products',
  description: 'Newest first, or best match first with `q`. Fan-club goods only for members.',
  security: optionalBearer,
  request: {
    query: z.object({
      category: z.enum(categories).optional(),
      q: z.string().trim().max(100).optional().openapi({ description: 'Search words (EN or JA).' }),
      limit: z.coerce.number().int().min(1).max(100).default(48),
      // The explicit type keeps the generator from documenting the 0 default as nullable.
      offset: z.coerce.number().int().min(0).max(10_000).default(0).openapi({ type: 'integer' }),
    }),
  },
  responses: {
    200: {
      description: 'Matching products',
      content: {
        'application/json': {
          schema: z.object({
            products: z.array(productSchema),
            limit: z.number().int(),
            offset: z.number().int(),
          }),
        },
      },
    },
    400: errorResponse('A query parameter is not valid'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/products/{slug}',
  tags: ['Products'],
  summary: 'One product by its slug',
  security: optionalBearer,
  request: { params: z.object({ slug: plainText(200) }) },
  responses: {
    200: {
      description: 'The product',
      content: { 'application/json': { schema: z.object({ product: productSchema }) } },
    },
    400: errorResponse('The slug is not valid'),
    404: errorResponse('No such product (fan-club goods are hidden from guests)'),
  },
});

export const productsApi = apiApp()
  .openapi(listRoute, async (c) => {
    const { db, clock } = c.get('deps');
    const { category, q, limit, offset } = c.req.valid('query');
    const found = await listProducts(db, {
      category,
      q,
      includeMemberOnly: !!c.get('member'),
      limit,
      offset,
    });
    const now = clock.now();
    return c.json({ products: found.map((p) => productJson(p, now)), limit, offset }, 200);
  })
  .openapi(detailRoute, async (c) => {
    const { db, clock } = c.get('deps');
    const product = await findProductBySlug(db, c.req.valid('param').slug);
    if (!product || (product.memberOnly && !c.get('member'))) throw notFound('The product');
    return c.json({ product: productJson(product, clock.now()) }, 200);
  });
