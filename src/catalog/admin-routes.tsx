import { type Context, Hono } from 'hono';
import { loadPage } from '../lib/paging.ts';
import { allow, typedValues } from '../staff/access.ts';
import { type AdminStatus, renderAdminMessage, renderAdminPage } from '../web/admin-layout.tsx';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages } from '../web/errors.ts';
import { type ProductInput, productInput, productSearchInput } from './admin-inputs.ts';
import { findProductBySku, findProductBySlug } from './list-products.ts';
import {
  newProductValues,
  ProductFormPage,
  ProductListPage,
  productValues,
} from './pages/admin-product-pages.tsx';
import { saveProduct } from './save-product.ts';
import { searchProducts } from './search-products.ts';
import type { Product } from './tables.ts';

type Ctx = Context<AppEnv>;

function showForm(
  c: Ctx,
  product: Product | null,
  form: {
    values: Record<string, string>;
    errors?: Record<string, string>;
    notice?: string | undefined;
    error?: string;
  },
  status: AdminStatus = 200,
) {
  return renderAdminPage(
    c,
    product ? `Edit ${product.sku}` : 'New product',
    <ProductFormPage product={product} csrf={c.get('csrfToken')} errors={{}} {...form} />,
    status,
  );
}

/** PostgreSQL's unique_violation, wherever the driver or Drizzle put it in the cause chain. */
function isUniqueViolation(error: unknown): boolean {
  let current = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Which of SKU and slug another product already uses. */
async function takenFields(c: Ctx, input: ProductInput, ownId: string | null) {
  const { db } = c.get('deps');
  const [bySku, bySlug] = await Promise.all([
    findProductBySku(db, input.sku),
    findProductBySlug(db, input.slug),
  ]);
  const errors: Record<string, string> = {};
  if (bySku && bySku.id !== ownId)
    errors.sku = `SKU ${input.sku} is already used by another product.`;
  if (bySlug && bySlug.id !== ownId)
    errors.slug = `Slug ${input.slug} is already used by another product.`;
  return errors;
}

/** Validates and saves the form; a failure re-renders it with what staff typed. */
async function submit(c: Ctx, product: Product | null) {
  const body = await c.req.parseBody();
  const values = typedValues(body);
  const parsed = productInput.safeParse(body);
  if (!parsed.success) {
    const errors = fieldMessages(parsed.error.issues);
    return showForm(c, product, { values, errors, error: 'Fix the fields marked below.' }, 400);
  }
  let saved: Product;
  try {
    saved = await saveProduct(c.get('deps').db, parsed.data, product?.id);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const errors = await takenFields(c, parsed.data, product?.id ?? null);
    const message = 'Another product already uses this SKU or slug; choose a different one.';
    return showForm(c, product, { values, errors, error: message }, 409);
  }
  const done = product ? 'saved' : 'created';
  return c.redirect(`/admin/products/${encodeURIComponent(saved.sku)}?done=${done}`, 303);
}

const productNotFound = (c: Ctx) =>
  renderAdminMessage(c, 404, 'Product not found', 'There is no product with that SKU.');

export const productAdminRoutes = new Hono<AppEnv>()
  .use('*', allow('edit_products'))
  .get('/', async (c) => {
    const parsed = productSearchInput.safeParse(c.req.query());
    if (!parsed.success) {
      const message = Object.values(fieldMessages(parsed.error.issues)).join(' ');
      const q = c.req.query('q') ?? '';
      return renderAdminPage(
        c,
        'Products',
        <ProductListPage products={[]} q={q} page={1} hasNext={false} error={message} />,
        400,
      );
    }
    const { q, page } = parsed.data;
    const { rows, hasNext } = await loadPage(page, (limit, offset) =>
      searchProducts(c.get('deps').db, { q, limit, offset }),
    );
    return renderAdminPage(
      c,
      'Products',
      <ProductListPage products={rows} q={q} page={page} hasNext={hasNext} />,
    );
  })
  .get('/new', (c) => showForm(c, null, { values: newProductValues }))
  .post('/new', (c) => submit(c, null))
  .get('/:sku', async (c) => {
    const product = await findProductBySku(c.get('deps').db, c.req.param('sku'));
    if (!product) return productNotFound(c);
    const done = c.req.query('done');
    const notice =
      done === 'created' ? 'Product created.' : done === 'saved' ? 'Changes saved.' : undefined;
    return showForm(c, product, { values: productValues(product), notice });
  })
  .post('/:sku', async (c) => {
    const product = await findProductBySku(c.get('deps').db, c.req.param('sku'));
    if (!product) return productNotFound(c);
    return submit(c, product);
  });
