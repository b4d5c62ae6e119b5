import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { addressInput } from '../checkout/inputs.ts';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages, notFound } from '../web/errors.ts';
import type { MessageKey } from '../web/i18n.ts';
import { renderPage } from '../web/layout.tsx';
import { clientAddress, hitRateLimits } from '../web/rate-limit.ts';
import { clearCookie, cookieNames } from '../web/session.ts';
import { addressFormValues, findMemberAddress, listAddresses } from './address-book.ts';
import { cancelMembership, findOpenOrderNumbers } from './cancel-membership.ts';
import { changePassword } from './change-password.ts';
import { deleteAddress } from './delete-address.ts';
import { MEMBER_PASSWORD_LIMITS } from './limits.ts';
import {
  AddressBookPage,
  AddressFormPage,
  CancelMembershipPage,
  GoodbyePage,
  PasswordPage,
  ProfilePage,
} from './pages/profile-pages.tsx';
import {
  addressFormFields,
  cancelMembershipInput,
  passwordChangeInput,
  profileInput,
} from './profile-inputs.ts';
import { MAX_ADDRESSES, makeDefaultAddress, saveAddress } from './save-address.ts';
import { updateProfile } from './update-profile.ts';

type Ctx = Context<AppEnv>;

/** Member information needs a member; everyone else signs in first and comes back. */
const requireMember: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('member'))
    return c.redirect(`/account/sign-in?next=${encodeURIComponent(c.req.path)}`, 303);
  return next();
};

/** What the member typed, to put back into the form; passwords and the CSRF token stay out. */
function typed(body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body))
    if (typeof value === 'string' && !/password/i.test(key) && key !== '_csrf') values[key] = value;
  return values;
}

/** Notices after a redirect, by the `?done=` key. */
const doneNotices: Record<string, MessageKey> = {
  saved: 'profile.saved',
  unchanged: 'profile.unchanged',
  added: 'profile.addressSaved',
  updated: 'profile.addressSaved',
  deleted: 'profile.addressDeleted',
  default: 'profile.defaultChanged',
};

function doneNotice(c: Ctx): string | undefined {
  const key = doneNotices[c.req.query('done') ?? ''];
  return key ? c.get('t')(key) : undefined;
}

/**
 * Counts an attempt to confirm the member's password (password change, cancellation). Five per
 * quarter hour per account stops guessing from a hijacked session; the per-address limit, a
 * spray over many accounts.
 */
async function limitPasswordChecks(c: Ctx, memberId: string) {
  const { db, clock } = c.get('deps');
  const limited = await hitRateLimits(
    db,
    [
      { key: `member-password:member:${memberId}`, ...MEMBER_PASSWORD_LIMITS.perMember },
      { key: `member-password:ip:${clientAddress(c)}`, ...MEMBER_PASSWORD_LIMITS.perClient },
    ],
    clock.now(),
  );
  if (limited.ok) return null;
  c.header('retry-after', String(limited.retryAfterSeconds));
  return c.get('t')('error.tooMany', { minutes: Math.ceil(limited.retryAfterSeconds / 60) });
}

function showProfile(
  c: Ctx,
  state: { values?: Record<string, string>; errors?: Record<string, string>; message?: string },
  status: 200 | 400 = 200,
) {
  const t = c.get('t');
  const member = c.get('member')!;
  return renderPage(
    c,
    t('profile.title'),
    <ProfilePage
      t={t}
      csrf={c.get('csrfToken')}
      member={member}
      values={state.values ?? { name: member.name, locale: member.locale }}
      errors={state.errors ?? {}}
      message={state.message}
      notice={doneNotice(c)}
    />,
    status,
  );
}

function showPassword(
  c: Ctx,
  state: { errors?: Record<string, string>; message?: string; notice?: string },
  status: 200 | 400 | 429 = 200,
) {
  const t = c.get('t');
  return renderPage(
    c,
    t('profile.passwordTitle'),
    <PasswordPage
      t={t}
      csrf={c.get('csrfToken')}
      email={c.get('member')!.email}
      values={{}}
      errors={state.errors ?? {}}
      message={state.message}
      notice={state.notice}
    />,
    status,
  );
}

async function showAddressBook(c: Ctx, message?: string, status: 200 | 409 = 200) {
  const t = c.get('t');
  const addresses = await listAddresses(c.get('deps').db, c.get('member')!.id);
  return renderPage(
    c,
    t('profile.addressesTitle'),
    <AddressBookPage
      t={t}
      locale={c.get('locale')}
      csrf={c.get('csrfToken')}
      addresses={addresses}
      notice={doneNotice(c)}
      message={message}
    />,
    status,
  );
}

function showAddressForm(
  c: Ctx,
  id: string | null,
  state: { values: Record<string, string>; errors?: Record<string, string>; message?: string },
  status: 200 | 400 | 409 = 200,
) {
  const t = c.get('t');
  return renderPage(
    c,
    id ? t('profile.editAddress') : t('profile.addAddress'),
    <AddressFormPage
      t={t}
      locale={c.get('locale')}
      csrf={c.get('csrfToken')}
      id={id}
      values={state.values}
      errors={state.errors ?? {}}
      message={state.message}
    />,
    status,
  );
}

/** Validates and saves the address form, for a new address (`id` null) or one of the member's. */
async function postAddress(c: Ctx, id: string | null) {
  const t = c.get('t');
  const member = c.get('member')!;
  const { db, clock } = c.get('deps');
  if (id && !(await findMemberAddress(db, member.id, id))) throw notFound();
  const body = await c.req.parseBody();
  const values = typed(body);
  const parsed = addressInput.safeParse(addressFormFields.parse(body));
  if (!parsed.success) {
    const errors = fieldMessages(parsed.error.issues, t);
    return showAddressForm(c, id, { values, errors, message: t('error.fixBelow') }, 400);
  }
  const result = await saveAddress(db, {
    memberId: member.id,
    id: id ?? undefined,
    address: parsed.data,
    makeDefault: body.makeDefault === 'on',
    now: clock.now(),
  });
  if (!result.ok && result.reason === 'not_found') throw notFound();
  if (!result.ok) {
    const message = t('profile.tooManyAddresses', { max: MAX_ADDRESSES });
    return showAddressForm(c, id, { values, message }, 409);
  }
  return c.redirect(`/mypage/addresses?done=${id ? 'updated' : 'added'}`, 303);
}

async function showCancel(
  c: Ctx,
  state: { errors?: Record<string, string>; message?: string },
  status: 200 | 400 | 409 | 429 = 200,
) {
  const t = c.get('t');
  const openOrders = await findOpenOrderNumbers(c.get('deps').db, c.get('member')!.id);
  return renderPage(
    c,
    t('profile.cancelTitle'),
    <CancelMembershipPage
      t={t}
      csrf={c.get('csrfToken')}
      values={{}}
      errors={state.errors ?? {}}
      message={state.message}
      openOrders={openOrders}
    />,
    status,
  );
}

/** Member information: name and language, password, address book, cancelling membership. */
export const profileRoutes = new Hono<AppEnv>()
  .get('/account/goodbye', (c) =>
    renderPage(c, c.get('t')('profile.goodbyeTitle'), <GoodbyePage t={c.get('t')} />),
  )
  .use('/mypage/*', requireMember)
  .get('/mypage/profile', (c) => showProfile(c, {}))
  .post('/mypage/profile', async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody();
    const parsed = profileInput.safeParse(body);
    if (!parsed.success) {
      const errors = fieldMessages(parsed.error.issues, t);
      return showProfile(c, { values: typed(body), errors, message: t('error.fixBelow') }, 400);
    }
    const changed = await updateProfile(c.get('deps'), {
      memberId: c.get('member')!.id,
      fields: parsed.data,
      clientAddress: clientAddress(c),
    });
    return c.redirect(`/mypage/profile?done=${changed.length ? 'saved' : 'unchanged'}`, 303);
  })
  .get('/mypage/password', (c) => {
    const done = c.req.query('done') === 'changed';
    const notice = done
      ? c.get('t')('profile.passwordChanged', { email: c.get('member')!.email })
      : undefined;
    return showPassword(c, notice ? { notice } : {});
  })
  .post('/mypage/password', async (c) => {
    const t = c.get('t');
    const member = c.get('member')!;
    const parsed = passwordChangeInput.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      const errors = fieldMessages(parsed.error.issues, t);
      return showPassword(c, { errors, message: t('error.fixBelow') }, 400);
    }
    const limited = await limitPasswordChecks(c, member.id);
    if (limited) return showPassword(c, { message: limited }, 429);
    const result = await changePassword(c.get('deps'), {
      memberId: member.id,
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.newPassword,
      keepSession: getCookie(c, cookieNames.member) ?? null,
      clientAddress: clientAddress(c),
    });
    if (!result.ok) {
      const errors: Record<string, string> =
        result.reason === 'same_password'
          ? { newPassword: t('profile.samePassword') }
          : { currentPassword: t('profile.wrongPassword') };
      return showPassword(c, { errors, message: t('error.fixBelow') }, 400);
    }
    return c.redirect('/mypage/password?done=changed', 303);
  })
  .get('/mypage/addresses', (c) => showAddressBook(c))
  .get('/mypage/addresses/new', (c) => showAddressForm(c, null, { values: {} }))
  .post('/mypage/addresses', (c) => postAddress(c, null))
  .get('/mypage/addresses/:id/edit', async (c) => {
    const address = await findMemberAddress(
      c.get('deps').db,
      c.get('member')!.id,
      c.req.param('id'),
    );
    if (!address) throw notFound();
    const values = addressFormValues(address);
    return showAddressForm(c, address.id, {
      values: address.isDefault ? { ...values, makeDefault: 'on' } : values,
    });
  })
  .post('/mypage/addresses/:id', (c) => postAddress(c, c.req.param('id')))
  .post('/mypage/addresses/:id/default', async (c) => {
    const done = await makeDefaultAddress(c.get('deps').db, {
      memberId: c.get('member')!.id,
      id: c.req.param('id'),
    });
    if (!done) throw notFound();
    return c.redirect('/mypage/addresses?done=default', 303);
  })
  .post('/mypage/addresses/:id/delete', async (c) => {
    const done = await deleteAddress(c.get('deps').db, {
      memberId: c.get('member')!.id,
      id: c.req.param('id'),
    });
    if (!done) throw notFound();
    return c.redirect('/mypage/addresses?done=deleted', 303);
  })
  .get('/mypage/cancel', (c) => showCancel(c, {}))
  .post('/mypage/cancel', async (c) => {
    const t = c.get('t');
    const member = c.get('member')!;
    const parsed = cancelMembershipInput.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      const errors = fieldMessages(parsed.error.issues, t);
      return showCancel(c, { errors, message: t('error.fixBelow') }, 400);
    }
    const limited = await limitPasswordChecks(c, member.id);
    if (limited) return showCancel(c, { message: limited }, 429);
    const result = await cancelMembership(c.get('deps'), {
      memberId: member.id,
      password: parsed.data.password,
      clientAddress: clientAddress(c),
    });
    if (!result.ok) {
      // The page lists the open orders (read again, so it matches what the member sees).
      if (result.reason === 'open_orders') return showCancel(c, {}, 409);
      const errors = { password: t('profile.wrongPassword') };
      return showCancel(c, { errors, message: t('error.fixBelow') }, 400);
    }
    clearCookie(c, cookieNames.member);
    return c.redirect('/account/goodbye', 303);
  });
