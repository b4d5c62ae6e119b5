/** What a run of virtual buyers achieved. */
export interface BuyersResult {
  orders: number;
  seconds: number;
  ordersPerSecond: number;
  /** Latency of the checkout POST alone, in milliseconds. */
  p50Ms: number;
  p99Ms: number;
  failures: number;
  /** A few distinct failure descriptions, to tell a broken flow from a slow one. */
  failureSamples: string[];
}

/**
 * Runs `buyers` concurrent guests through the real HTML flow for `seconds`: product page (visitor
 * cookie and CSRF token), add to cart, then the checkout form; a 303 to /checkout/done/ is an order.
 */
export async function runBuyers(options: {
  url: string;
  slug: string;
  buyers: number;
  seconds: number;
}): Promise<BuyersResult> {
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  const latencies: number[] = [];
  const failures: string[] = [];
  let orders = 0;

  async function buyer() {
    const jar = new Map<string, string>();
    while (performance.now() < deadline) {
      try {
        const latency = await buyOnce(options.url, options.slug, jar);
        latencies.push(latency);
        orders++;
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  }

  await Promise.all(Array.from({ length: options.buyers }, buyer));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    orders,
    seconds,
    ordersPerSecond: orders / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    failures: failures.length,
    failureSamples: [...new Set(failures)].slice(0, 5),
  };
}

/** One order; answers the checkout POST's latency in ms, or throws describing what went wrong. */
async function buyOnce(url: string, slug: string, jar: Map<string, string>): Promise<number> {
  const page = await request(url, `/p/${slug}`, jar);
  const html = await page.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const productId = /name="productId" value="([^"]+)"/.exec(html)?.[1];
  if (page.status !== 200 || !csrf || !productId) {
    throw new Error(`product page: ${page.status}, no add-to-cart form`);
  }

  const added = await request(url, '/cart/items', jar, { productId, quantity: '1', _csrf: csrf });
  await added.body?.cancel();
  if (added.status !== 303) throw new Error(`add to cart: ${added.status}`);

  const start = performance.now();
  const placed = await request(url, '/checkout', jar, {
    email: 'bench@example.com',
    name: 'Taro Bench',
    line1: '1-2-3 Shibuya',
    city: 'Shibuya-ku',
    region: 'Tokyo',
    postalCode: '150-0002',
    country: 'JP',
    phone: '+81 3 1234 5678',
    shippingMethod: 'domestic',
    cardNumber: '4242424242424242',
    cardHolder: 'TARO BENCH',
    cardExpiry: '12/30',
    cardCvc: '123',
    idempotencyKey: crypto.randomUUID(),
    action: 'place',
    _csrf: csrf,
  });
  const latency = performance.now() - start;
  const location = placed.headers.get('location') ?? '';
  if (placed.status !== 303 || !location.includes('/checkout/done/')) {
    const text = await placed.text();
    const message = /class="notice[^"]*"[^>]*>([^<]*)/.exec(text)?.[1] ?? '';
    throw new Error(`checkout: ${placed.status} ${location} ${message}`.trim());
  }
  await placed.body?.cancel();
  return latency;
}

// A tiny cookie jar: the shop only sets simple name=value cookies on path /.
async function request(
  url: string,
  path: string,
  jar: Map<string, string>,
  form?: Record<string, string>,
): Promise<Response> {
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(url + path, {
    method: form ? 'POST' : 'GET',
    headers: cookie ? { cookie } : {},
    body: form ? new URLSearchParams(form) : undefined,
    redirect: 'manual',
  });
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return res;
}

/** The q-quantile of sorted values (nearest rank); 0 when there are none. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}
