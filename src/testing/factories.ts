import pino from 'pino';
import { hashPassword } from '../accounts/passwords.ts';
import { createMember } from '../accounts/register-member.ts';
import type { Member } from '../accounts/tables.ts';
import { changeCartItem } from '../cart/add-to-cart.ts';
import { type CartOwner, ensureCartId } from '../cart/find-cart.ts';
import { type ProductFields, saveProduct } from '../catalog/save-product.ts';
import type { Product } from '../catalog/tables.ts';
import type { CheckoutInput } from '../checkout/inputs.ts';
import { type Buyer, placeOrder } from '../checkout/place-order.ts';
import type { Db } from '../db/client.ts';
import { type Clock, fixedClock } from '../lib/clock.ts';
import { randomToken } from '../lib/ids.ts';
import { sandboxCards, sandboxProvider } from '../payments/sandbox-provider.ts';

let counter = 0;

/** A clock at a fixed instant, so pre-order windows and expiry are predictable. */
export function testClock(): Clock & { advance(ms: number): void } {
  return fixedClock(new Date('2026-11-26T03:00:00Z'));
}

export function testDeps(db: Db, clock: Clock = testClock()) {
  return {
    db,
    clock,
    log: pino({ level: 'silent' }),
    payments: sandboxProvider(db, clock, 'http://shop.test/sandbox/3ds'),
  };
}

/** A product on sale with sensible defaults; override anything. */
export function makeProduct(db: Db, overrides: Partial<ProductFields> = {}): Promise<Product> {
  counter += 1;
  const sku = overrides.sku ?? `TST-${counter}-${randomToken(3)}`;
  return saveProduct(db, {
    sku,
    slug: sku.toLowerCase(),
    category: 'goods',
    kind: 'physical',
    status: 'on_sale',
    titleEn: `Test acrylic stand ${counter}`,
    titleJa: `テスト アクリルスタンド ${counter}`,
    priceJpy: 1650,
    stock: 10,
    weightG: 120,
    lengthCm: 15,
    widthCm: 10,
    heightCm: 3,
    ...overrides,
  });
}

export async function makeMember(
  db: Db,
  overrides: Partial<{ memberCode: string; email: string; password: string }> = {},
): Promise<Member> {
  counter += 1;
  const password = overrides.password ?? 'correct horse battery';
  // A member who has confirmed their address, as after registration's code; no mail is queued.
  const member = await createMember(
    db,
    {
      memberCode: overrides.memberCode ?? `member_${counter}_${randomToken(3).replace(/-/g, '_')}`,
      email:
        overrides.email ??
        `member${counter}.${randomToken(3).toLowerCase().replace(/[-_]/g, 'x')}@example.com`,
      name: 'Test Member',
      locale: 'en',
    },
    {
      passwordHash: await hashPassword(password),
      now: new Date(),
      verifiedAt: new Date(),
    },
  );
  if (!member) throw new Error('member factory collided');
  return member;
}

/** A cart holding the given products and quantities. */
export async function makeCart(
  db: Db,
  clock: Clock,
  items: { product: Product; quantity: number }[],
  owner: CartOwner = { visitorId: randomToken() },
): Promise<string> {
  const cartId = await ensureCartId(db, owner);
  for (const { product, quantity } of items) {
    const result = await changeCartItem(db, owner, {
      productId: product.id,
      quantity,
      mode: 'set',
      isMember: 'memberId' in owner,
      now: clock.now(),
    });
    if (!result.ok) throw new Error(`cart factory: ${JSON.stringify(result.problem)}`);
  }
  return cartId;
}

export const tokyoAddress = {
  name: 'Taro Yamada',
  line1: '1-2-3 Shibuya',
  line2: '',
  city: 'Shibuya-ku',
  region: 'Tokyo',
  postalCode: '150-0002',
  country: 'JP',
  phone: '+81 3 1234 5678',
};

export function checkoutRequest(
  overrides: Partial<CheckoutInput> = {},
  card: string = sandboxCards.success,
): CheckoutInput {
  return {
    email: 'buyer@example.com',
    address: tokyoAddress,
    shippingMethod: 'domestic',
    paymentMethod: 'card',
    card: { number: card, holder: 'TARO YAMADA', expiry: '12/30', cvc: '123' },
    ...overrides,
  };
}

/** Places an order through the real use case; throws unless it was placed. */
export async function makeOrder(
  deps: ReturnType<typeof testDeps>,
  items: { product: Product; quantity: number }[],
  buyer: Partial<Buyer> = {},
) {
  const owner: CartOwner = buyer.memberId
    ? { memberId: buyer.memberId }
    : { visitorId: randomToken() };
  const cartId = await makeCart(deps.db, deps.clock, items, owner);
  const result = await placeOrder(deps, {
    cartId,
    buyer: { memberId: null, email: 'buyer@example.com', locale: 'en', ...buyer },
    request: checkoutRequest(),
    idempotencyKey: randomToken(16),
    returnUrl: (id) => `http://shop.test/checkout/return/${id}`,
  });
  if (result.kind !== 'placed') throw new Error(`order factory: ${JSON.stringify(result)}`);
  return result.order;
}
