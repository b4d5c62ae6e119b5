import { toJapanLocal } from '../../lib/japan-time.ts';
import { formatJpy } from '../../lib/money.ts';
import { CheckboxField, Pager, SelectField, TextArea, TextField } from '../../web/admin-layout.tsx';
import { Csrf, Notice } from '../../web/layout.tsx';
import { productKinds, productStatuses } from '../admin-inputs.ts';
import { categories, categoryNames } from '../demo-catalog.ts';
import type { Product } from '../tables.ts';

const statusLabels: Record<(typeof productStatuses)[number], string> = {
  on_sale: 'On sale',
  preorder: 'Pre-order',
  sold_out: 'Sold out',
  ended: 'Sales ended',
};

/** Every product, whatever its status, with stock; searchable by SKU or title. */
export function ProductListPage(props: {
  products: Product[];
  q: string;
  page: number;
  hasNext: boolean;
  error?: string;
}) {
  const href = (page: number) => {
    const params = new URLSearchParams();
    if (props.q) params.set('q', props.q);
    if (page > 1) params.set('page', String(page));
    const query = params.toString();
    return query ? `/admin/products?${query}` : '/admin/products';
  };
  return (
    <section>
      <h1>Products</h1>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <form method="get" action="/admin/products" class="filters">
        <label>
          SKU or title
          <br />
          <input type="search" name="q" value={props.q} />
        </label>
        <button type="submit">Search</button>
        <a href="/admin/products">Clear</a>
        <a class="button secondary" href="/admin/products/new">
          New product
        </a>
      </form>
      {props.products.length === 0 ? (
        <p class="muted">No products match.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th>SKU</th>
              <th>Title</th>
              <th>Category</th>
              <th>Status</th>
              <th class="num">Price</th>
              <th class="num">Stock</th>
              <th>Flags</th>
            </tr>
          </thead>
          <tbody>
            {props.products.map((p) => (
              <tr data-sku={p.sku}>
                <td>
                  <a href={`/admin/products/${encodeURIComponent(p.sku)}`}>{p.sku}</a>
                </td>
                <td>
                  {p.titleEn}
                  <div class="muted" lang="ja">
                    {p.titleJa}
                  </div>
                </td>
                <td>{p.category}</td>
                <td>{statusLabels[p.status]}</td>
                <td class="num">{formatJpy(p.priceJpy, 'en')}</td>
                <td class={`num ${p.stock === 0 ? 'stock-out' : ''}`}>{p.stock}</td>
                <td>
                  <span class="badges">
                    {p.kind === 'digital' && <span class="badge">digital</span>}
                    {p.memberOnly && <span class="badge member">member-only</span>}
                    {p.domesticOnly && <span class="badge domestic">domestic-only</span>}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={props.page} hasNext={props.hasNext} href={href} />
    </section>
  );
}

/** Form values for an existing product, as the inputs show them. */
export function productValues(p: Product): Record<string, string> {
  const time = (d: Date | null) => (d ? toJapanLocal(d) : '');
  return {
    sku: p.sku,
    slug: p.slug,
    category: p.category,
    kind: p.kind,
    status: p.status,
    titleEn: p.titleEn,
    titleJa: p.titleJa,
    descriptionEn: p.descriptionEn,
    descriptionJa: p.descriptionJa,
    priceJpy: String(p.priceJpy),
    stock: String(p.stock),
    purchaseLimit: p.purchaseLimit === null ? '' : String(p.purchaseLimit),
    preorderOpensAt: time(p.preorderOpensAt),
    preorderClosesAt: time(p.preorderClosesAt),
    releaseMonth: p.releaseMonth ?? '',
    regionCode: p.regionCode ?? '',
    domesticOnly: p.domesticOnly ? 'on' : '',
    memberOnly: p.memberOnly ? 'on' : '',
    weightG: String(p.weightG),
    lengthCm: String(p.lengthCm),
    widthCm: String(p.widthCm),
    heightCm: String(p.heightCm),
  };
}

export const newProductValues: Record<string, string> = {
  category: 'goods',
  kind: 'physical',
  status: 'on_sale',
  stock: '0',
  weightG: '0',
  lengthCm: '0',
  widthCm: '0',
  heightCm: '0',
};

/** The create and edit form; `product` is null for a new one. */
export function ProductFormPage(props: {
  product: Product | null;
  csrf: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const { product, values, errors } = props;
  const action = product
    ? `/admin/products/${encodeURIComponent(product.sku)}`
    : '/admin/products/new';
  const f = { values, errors };
  return (
    <section>
      <p>
        <a href="/admin/products">← Products</a>
        {product && product.status !== 'ended' && (
          <>
            {' · '}
            <a href={`/p/${product.slug}`}>View in shop</a>
          </>
        )}
      </p>
      <h1>{product ? `Edit ${product.sku}` : 'New product'}</h1>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <form method="post" action={action} class="stack admin-form">
        <Csrf token={props.csrf} />
        <fieldset>
          <legend>Identity</legend>
          <div class="row">
            <TextField name="sku" label="SKU" required maxlength={40} {...f} />
            <TextField
              name="slug"
              label="Slug"
              help="Address in the shop: /p/<slug>"
              required
              maxlength={100}
              {...f}
            />
          </div>
          <div class="row">
            <SelectField
              name="category"
              label="Category"
              options={categories.map((c) => [c, categoryNames[c].en] as const)}
              {...f}
            />
            <SelectField
              name="kind"
              label="Kind"
              options={productKinds.map((k) => [k, k] as const)}
              {...f}
            />
            <SelectField
              name="status"
              label="Status"
              options={productStatuses.map((s) => [s, statusLabels[s]] as const)}
              {...f}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>Titles and descriptions</legend>
          <TextField name="titleEn" label="Title (English)" required maxlength={200} {...f} />
          <TextField name="titleJa" label="Title (Japanese)" required maxlength={200} {...f} />
          <TextArea name="descriptionEn" label="Description (English)" {...f} />
          <TextArea name="descriptionJa" label="Description (Japanese)" {...f} />
        </fieldset>
        <fieldset>
          <legend>Price and stock</legend>
          <div class="row">
            <TextField
              name="priceJpy"
              label="Price (yen, tax included)"
              type="number"
              required
              {...f}
            />
            <TextField name="stock" label="Stock" type="number" required {...f} />
            <TextField
              name="purchaseLimit"
              label="Limit per customer"
              help="Empty for no limit"
              type="number"
              {...f}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>Pre-order</legend>
          <div class="row">
            <TextField name="preorderOpensAt" label="Opens (JST)" type="datetime-local" {...f} />
            <TextField name="preorderClosesAt" label="Closes (JST)" type="datetime-local" {...f} />
            <TextField
              name="releaseMonth"
              label="Release month"
              help="YYYY-MM"
              type="month"
              {...f}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>Shipping and who may buy</legend>
          <div class="row">
            <TextField
              name="regionCode"
              label="Disc region code"
              help="Blu-ray A/B/C, DVD 0–6 or ALL; empty for non-disc goods"
              maxlength={12}
              {...f}
            />
            <TextField name="weightG" label="Weight (g)" type="number" required {...f} />
          </div>
          <div class="row">
            <TextField name="lengthCm" label="Length (cm)" type="number" required {...f} />
            <TextField name="widthCm" label="Width (cm)" type="number" required {...f} />
            <TextField name="heightCm" label="Height (cm)" type="number" required {...f} />
          </div>
          <CheckboxField name="domesticOnly" label="Ships only within Japan" {...f} />
          <CheckboxField name="memberOnly" label="Fan-club members only" {...f} />
        </fieldset>
        <div>
          <button type="submit">{product ? 'Save changes' : 'Create product'}</button>
        </div>
      </form>
    </section>
  );
}
