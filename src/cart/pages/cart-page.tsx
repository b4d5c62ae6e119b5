import { availabilityOf } from '../../catalog/availability.ts';
import { Price, productTitle } from '../../catalog/pages/product-card.tsx';
import type { Locale, Translate } from '../../web/i18n.ts';
import { Csrf, Notice } from '../../web/layout.tsx';
import { MAX_LINE_QUANTITY } from '../add-to-cart.ts';
import type { CartLine } from '../find-cart.ts';

export function CartPage(props: {
  lines: CartLine[];
  t: Translate;
  locale: Locale;
  csrf: string;
  now: Date;
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const { lines, t, locale } = props;
  const subtotal = lines.reduce((sum, l) => sum + l.product.priceJpy * l.quantity, 0);
  const hasPreorder = lines.some((l) => l.product.status === 'preorder');
  return (
    <section>
      <h1>{t('cart.title')}</h1>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {lines.length === 0 ? (
        <p>
          {t('cart.empty')} <a href="/">{t('cart.continue')}</a>
        </p>
      ) : (
        <>
          <table>
            <tbody>
              {lines.map(({ product, quantity }) => {
                const availability = availabilityOf(product, props.now);
                return (
                  <tr>
                    <td>
                      <a href={`/p/${product.slug}`}>{productTitle(product, locale)}</a>
                      {availability === 'sold_out' && (
                        <p class="field-error">
                          {t('error.soldOut', { title: productTitle(product, locale) })}
                        </p>
                      )}
                    </td>
                    <td class="num">
                      <Price amount={product.priceJpy} t={t} locale={locale} />
                    </td>
                    <td class="num">
                      <form method="post" action={`/cart/items/${product.id}`} class="row">
                        <Csrf token={props.csrf} />
                        <input
                          type="number"
                          name="quantity"
                          min="0"
                          max={String(MAX_LINE_QUANTITY)}
                          value={String(quantity)}
                          aria-label={t('product.quantity')}
                          class="quantity"
                        />
                        <button type="submit" class="secondary">
                          {t('cart.update')}
                        </button>
                      </form>
                      <form method="post" action={`/cart/items/${product.id}`}>
                        <Csrf token={props.csrf} />
                        <input type="hidden" name="quantity" value="0" />
                        <button type="submit" class="link">
                          {t('cart.remove')}
                        </button>
                      </form>
                    </td>
                  </tr>
                );
              })}
              <tr>
                <th>{t('cart.subtotal')}</th>
                <td class="num" colspan={2}>
                  <Price amount={subtotal} t={t} locale={locale} />
                </td>
              </tr>
            </tbody>
          </table>
          {hasPreorder && <Notice kind="info">{t('cart.preorderNote')}</Notice>}
          <p class="muted">{t('cart.shippingNote')}</p>
          <p>
            <a class="button" href="/checkout">
              {t('cart.checkout')}
            </a>{' '}
            <a href="/">{t('cart.continue')}</a>
          </p>
        </>
      )}
    </section>
  );
}
