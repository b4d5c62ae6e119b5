import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { retryTime } from '../accounts/form-replies.ts';
import { identityKey } from '../accounts/login-identity.ts';
import { checkEmailAddress } from '../email-policy/check-email-address.ts';
import { checkEmailField } from '../email-policy/email-field.ts';
import { fieldMessage } from '../email-policy/messages.ts';
import { guideArticles } from '../guide/load-articles.ts';
import { hmac, safeEqual } from '../lib/ids.ts';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages } from '../web/errors.ts';
import { renderPage } from '../web/layout.tsx';
import { clientAddress, hitRateLimits } from '../web/rate-limit.ts';
import { clearCookie, setSessionCookie } from '../web/session.ts';
import {
  charCount,
  checkPhotos,
  hasPhotos,
  type InquiryInput,
  inquiryInput,
  inquiryQuery,
  normalizeLines,
} from './inputs.ts';
import { inquiryScript } from './inquiry-script.ts';
import { INQUIRY_PER_CLIENT_LIMIT, INQUIRY_PER_EMAIL_LIMIT, inquiryLimits } from './limits.ts';
import { isInquiryNumber } from './next-inquiry-number.ts';
import { HONEYPOT, InquiryPage, InquiryThanksPage } from './pages/inquiry-pages.tsx';
import { submitInquiry } from './submit-inquiry.ts';

type Ctx = Context<AppEnv>;
type FormState = {
  errors?: Record<string, string>;
  message?: string;
  photosDropped?: boolean;
  status?: 200 | 400 | 429;
};

const TEXT_FIELDS = ['category', 'name', 'email', 'memberCode', 'orderNumber', 'newEmail', 'topic'];

/** The last value of a form field when it is text (a repeated field keeps its last value). */
function textOf(value: unknown): string | undefined {
  const last = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === 'string' ? last : undefined;
}

/** What the customer typed, to put back into the form; the message is kept whole (up to a bound). */
function typedValues(body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of TEXT_FIELDS) {
    const value = textOf(body[name]);
    if (value !== undefined) values[name] = value.slice(0, 300);
  }
  const message = textOf(body.message);
  if (message !== undefined)
    values.message = normalizeLines(message).slice(0, inquiryLimits.messageChars * 4);
  return values;
}

/**
 * The guide article a "No" on "Was your problem solved?" came from: its title in the visitor's
 * language, or null for a slug the guide does not have (then the slug is not kept either).
 */
function guideTopic(c: Ctx, slug: string | undefined): { slug: string; title: string } | null {
  if (!slug) return null;
  try {
    const article = guideArticles().bySlug.get(slug);
    return article ? { slug, title: article.title[c.get('locale')] } : null;
  } catch (err) {
    // A broken guide must not take the inquiry form down: keep the slug, show it as the title.
    c.get('deps').log.warn({ err }, 'guide articles could not be loaded for the inquiry form');
    return { slug, title: slug };
  }
}

function formPage(c: Ctx, values: Record<string, string>, state: FormState) {
  const t = c.get('t');
  const member = c.get('member');
  return renderPage(
    c,
    t('inquiry.title'),
    <InquiryPage
      t={t}
      csrf={c.get('csrfToken')}
      values={values}
      errors={state.errors ?? {}}
      message={state.message}
      memberCode={member?.memberCode ?? null}
      aboutTitle={guideTopic(c, values.topic)?.title ?? null}
      photosDropped={state.photosDropped ?? false}
    />,
    state.status ?? 200,
  );
}

/** Proof, carried in a hidden field, that the customer has seen the warning about a new address. */
const newEmailSeenToken = (c: Ctx, address: string) =>
  hmac(c.get('deps').secret, `inquiry-new-email-seen:${address.toLowerCase()}`);

/**
 * The new contact address: rejected addresses get the policy's message; a warned one is shown
 * once with its warning and goes through when sent again unchanged (a hidden field remembers it,
 * separately from the customer's own address, which uses the shared warned-address cookie).
 */
async function checkNewEmail(
  c: Ctx,
  typed: string,
  seen: string | undefined,
): Promise<{ ok: true; email: string } | { ok: false; message: string; seenToken?: string }> {
  const t = c.get('t');
  const check = await checkEmailAddress(typed, c.get('deps'));
  if (check.verdict === 'ok') return { ok: true, email: check.normalized };
  if (check.verdict === 'reject') return { ok: false, message: fieldMessage(t, check) };
  const token = newEmailSeenToken(c, check.normalized);
  if (seen && safeEqual(seen, token)) return { ok: true, email: check.normalized };
  return {
    ok: false,
    message: t('inquiry.v.newEmailWarn', { problem: fieldMessage(t, check) }),
    seenToken: token,
  };
}

/** One limit per client address per hour and one per email address per day. */
function inquiryRateLimits(c: Ctx, email: string) {
  return hitRateLimits(
    c.get('deps').db,
    [
      { key: `inquiry:ip:${clientAddress(c)}`, ...INQUIRY_PER_CLIENT_LIMIT },
      { key: `inquiry:email:${identityKey(email)}`, ...INQUIRY_PER_EMAIL_LIMIT },
    ],
    c.get('deps').clock.now(),
  );
}

/** The short-lived cookie that shows the thanks page the visitor's own inquiry number. */
const THANKS_COOKIE = 'tp_inquiry';
const THANKS_SECONDS = 15 * 60;

const thanksSignature = (c: Ctx, number: string) =>
  hmac(c.get('deps').secret, `inquiry-thanks:${c.get('visitorId')}:${number}`);

/**
 * The number the thanks page may show: only one this visitor's browser sent, signed for its
 * visitor id. Without it (a honeypot hit, an old link, someone else's browser) the page is generic.
 */
function ownInquiryNumber(c: Ctx): string | null {
  const [number, signature] = (getCookie(c, THANKS_COOKIE) ?? '').split('.');
  if (!number || !signature || !isInquiryNumber(number)) return null;
  return safeEqual(signature, thanksSignature(c, number)) ? number : null;
}

async function postInquiry(c: Ctx) {
  const t = c.get('t');
  const deps = c.get('deps');
  const member = c.get('member');
  const body = await c.req.parseBody({ all: true });

  // A person never sees the honeypot; whatever filled it gets the same redirect as everyone
  // (the thanks page then has no number of its own to show) and nothing happens.
  if (textOf(body[HONEYPOT])?.trim()) {
    deps.log.info({ path: c.req.path, client: clientAddress(c) }, 'inquiry honeypot filled');
    clearCookie(c, THANKS_COOKIE);
    return c.redirect('/inquiry/thanks', 303);
  }

  const values = typedValues(body);
  if (member) values.memberCode = member.memberCode;
  const photosDropped = hasPhotos(body.photos);
  const again = (state: FormState) => formPage(c, values, { photosDropped, ...state });

  const parsed = inquiryInput.safeParse({
    ...values,
    message: textOf(body.message),
  });
  const errors = parsed.success ? {} : fieldMessages(parsed.error.issues, t);
  if (!parsed.success && parsed.error.issues.some((i) => i.message === 'inquiry.v.messageLong'))
    errors.message = t('inquiry.v.messageLong', {
      max: inquiryLimits.messageChars,
      count: charCount(normalizeLines(textOf(body.message) ?? '')),
    });

  let email: string | null = null;
  if (!errors.email && values.email) {
    const policy = await checkEmailField(c, values.email);
    if (policy.ok) email = policy.email;
    else errors.email = policy.message;
  }
  let newEmail: string | null = null;
  if (values.category === 'contact_email' && values.newEmail?.trim() && !errors.newEmail) {
    const checked = await checkNewEmail(c, values.newEmail, textOf(body.newEmailSeen));
    if (checked.ok) newEmail = checked.email;
    else {
      errors.newEmail = checked.message;
      if (checked.seenToken) values.newEmailSeen = checked.seenToken;
    }
  }
  const photos = await checkPhotos(body.photos);
  if (!photos.ok)
    errors.photos =
      photos.problem === 'count'
        ? t('inquiry.v.photoCount', { count: inquiryLimits.photos })
        : photos.problem === 'size'
          ? t('inquiry.v.photoSize', {
              file: photos.file,
              mb: inquiryLimits.photoBytes / (1024 * 1024),
            })
          : t('inquiry.v.photoType', { file: photos.file });

  if (!parsed.success || !photos.ok || email === null || Object.keys(errors).length > 0)
    return again({ errors, message: t('error.fixBelow'), status: 400 });
  const form: InquiryInput = parsed.data;

  // Counted before the order number is looked up, so the form cannot be used to probe numbers.
  const limited = await inquiryRateLimits(c, email);
  if (!limited.ok)
    return again({
      message: t('inquiry.limited', { time: retryTime(c, limited.retryAfterSeconds) }),
      status: 429,
    });

  const result = await submitInquiry(deps, {
    category: form.category,
    name: form.name,
    email,
    locale: c.get('locale'),
    message: form.message,
    signedInMemberId: member?.id ?? null,
    memberCode: member ? null : (form.memberCode ?? null),
    orderNumber: form.orderNumber ?? null,
    newEmail,
    guideSlug: guideTopic(c, form.topic)?.slug ?? null,
    photos: photos.photos,
  });
  if (!result.ok)
    return again({
      errors:
        result.reason === 'order_not_found'
          ? { orderNumber: t('inquiry.v.orderNotFound') }
          : { newEmail: t('inquiry.v.newEmailSame') },
      message: t('error.fixBelow'),
      status: 400,
    });
  setSessionCookie(
    c,
    THANKS_COOKIE,
    `${result.number}.${thanksSignature(c, result.number)}`,
    THANKS_SECONDS,
  );
  return c.redirect('/inquiry/thanks', 303);
}

/** The customer side of the inquiry desk: the form, sending it, and the receipt page. */
export const supportRoutes = new Hono<AppEnv>()
  .get('/static/inquiry.js', inquiryScript)
  .get('/inquiry', (c) => {
    const query = inquiryQuery.parse(c.req.query());
    const member = c.get('member');
    const values: Record<string, string> = {};
    if (query.category) values.category = query.category;
    const topic = guideTopic(c, query.topic);
    if (topic) values.topic = topic.slug;
    if (member) {
      values.name = member.name;
      values.email = member.email;
    }
    return formPage(c, values, {});
  })
  .post('/inquiry', postInquiry)
  .get('/inquiry/thanks', (c) => {
    const t = c.get('t');
    return renderPage(
      c,
      t('inquiry.thanksTitle'),
      <InquiryThanksPage t={t} number={ownInquiryNumber(c)} />,
    );
  });
