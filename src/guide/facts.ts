import { RESET_MINUTES } from '../accounts/request-password-reset.ts';
import { MAX_ADDRESSES } from '../accounts/save-address.ts';
import { MEMBER_SESSION_DAYS } from '../accounts/sessions.ts';
import { CODE_MAX_ATTEMPTS, CODE_MINUTES } from '../accounts/verification-codes.ts';
import { MAX_LINE_QUANTITY } from '../cart/add-to-cart.ts';
import { GIFT_WRAP_FEE_JPY, MESSAGE_CARD_MAX_CHARS } from '../checkout/gift-options.ts';
import { ruleLevel } from '../email-policy/check-email-address.ts';
import { MAX_ADDRESS_LENGTH } from '../email-policy/rules.ts';
import type { Env } from '../env.ts';
import { formatJpy, TAX_RATE_PERCENT } from '../lib/money.ts';
import { senderAddress } from '../mail/identity.ts';
import { SOFT_BOUNCE_DAYS } from '../mail/record-delivery-report.ts';
import {
  ADDRESS_CHANGES_PER_HOUR,
  CONTACT_CODES_PER_HOUR,
  RESENDS_PER_HOUR,
} from '../orders/limits.ts';
import { brandNames } from '../payments/cards.ts';
import { CAPTURE_AFTER_DAYS, FIX_PAYMENT_DAYS } from '../payments/payment-rules.ts';
import type { ShippingZone } from '../shipping/countries.ts';
import {
  maxBillableWeightG,
  packingAllowancePercent,
  type ShippingMethodCode,
  shippingMethods,
  shippingRates,
  volumetricDivisor,
  weightStepG,
} from '../shipping/rates.ts';
import { inquiryLimits } from '../support/limits.ts';
import type { Locale } from '../web/i18n.ts';

/**
 * The numbers and names guide articles may quote, as `{{name}}`, taken from the running
 * configuration so an article can never contradict the shop. An article that names a fact not
 * listed here fails its test (articles.test.ts) and stops the guide from loading.
 */
export type Facts = Record<string, string>;

const zoneNames: Record<ShippingZone, { en: string; ja: string }> = {
  domestic: { en: 'Japan', ja: '日本国内' },
  asia: { en: 'Asia', ja: 'アジア' },
  oceania_na_me: {
    en: 'Oceania, North America, Middle East',
    ja: 'オセアニア・北米・中東',
  },
  europe: { en: 'Europe', ja: 'ヨーロッパ' },
  latam_africa: { en: 'Latin America, Africa', ja: '中南米・アフリカ' },
};

const days = (min: number, max: number, locale: Locale) =>
  locale === 'ja' ? `${min}〜${max}営業日` : `${min}–${max} business days`;

/** A Markdown table of fees and times for one method, one row per zone. */
function feeTable(method: ShippingMethodCode, locale: Locale): string {
  const ja = locale === 'ja';
  const header = ja
    ? '| 地域 | 最初の重量まで | 500 gごとの追加 | お届け日数の目安 |\n|---|---|---|---|'
    : '| Zone | Up to the first weight | Each further 500 g | Usual delivery time |\n|---|---|---|---|';
  const rows = Object.entries(shippingRates[method]).map(([zone, rate]) => {
    const name = zoneNames[zone as ShippingZone][locale];
    const first = `${formatJpy(rate.baseJpy, locale)} (${rate.includedG.toLocaleString('en-US')} g)`;
    return `| ${name} | ${first} | ${formatJpy(rate.per500gJpy, locale)} | ${days(rate.estimatedDays.min, rate.estimatedDays.max, locale)} |`;
  });
  return [header, ...rows].join('\n');
}

/** The address forms the policy refuses or warns about, as the operator configured it. */
const addressRules = {
  symbol: {
    en: "symbols before the @ other than `.`, `-` and `_` (for example `+`, `!`, `#`, `'`, `/` or non-English letters)",
    ja: "@ より前に「.」「-」「_」以外の記号（「+」「!」「#」「'」「/」や全角文字など）を含むもの",
  },
  dot_position: {
    en: 'a dot at the start or end of the part before the @',
    ja: '@ より前の部分がドット（.）で始まる、または終わるもの',
  },
  consecutive_dots: {
    en: 'two dots in a row (`..`) before the @, which many older mobile addresses have',
    ja: '@ より前にドットが2つ続く（..）もの（以前の携帯電話のアドレスによく見られます）',
  },
  too_long: {
    en: `addresses longer than ${MAX_ADDRESS_LENGTH} characters`,
    ja: `${MAX_ADDRESS_LENGTH}文字を超えるアドレス`,
  },
  domain_syntax: {
    en: 'a part after the @ that is not written like a domain name',
    ja: '@ より後が、ドメイン名の形になっていないもの',
  },
  domain_not_found: {
    en: 'a domain that does not exist or does not receive mail (checked as you type and again when you send the form)',
    ja: '存在しない、またはメールを受け取れないドメイン（入力中と送信時に確認します）',
  },
} as const;

function addressForms(env: Env, locale: Locale): string {
  const lines = (Object.keys(addressRules) as (keyof typeof addressRules)[]).flatMap((code) => {
    const level = ruleLevel(code, env);
    if (level === 'allow') return [];
    const text = addressRules[code][locale];
    if (level === 'reject') return [`- ${text}`];
    return [
      locale === 'ja'
        ? `- ${text}（警告のみ。そのまま進めます）`
        : `- ${text} (a warning only: you may go on)`,
    ];
  });
  if (lines.length > 0) return lines.join('\n');
  return locale === 'ja'
    ? '- 現在、形式による制限はありません（正しい形式のアドレスはすべてお受けします）'
    : '- none at the moment: every correctly written address is accepted';
}

/** Every fact for one language; values are plain text or Markdown (the tables). */
export function guideFacts(env: Env, locale: Locale): Facts {
  const ja = locale === 'ja';
  const methodNames = Object.values(shippingMethods).map((m) => (ja ? m.nameJa : m.nameEn));
  return {
    shop_name: env.SHOP_NAME,
    sender_domain: env.MAIL_DOMAIN,
    sender_address: senderAddress(env),
    support_address: env.MAIL_REPLY_TO ?? `support@${env.MAIL_DOMAIN}`,
    mail_retry_hours: String(env.MAIL_RETRY_HOURS),
    soft_bounce_limit: String(env.SOFT_BOUNCE_LIMIT),
    soft_bounce_days: String(SOFT_BOUNCE_DAYS),
    address_forms: addressForms(env, locale),
    mail_links:
      env.MAIL_LINKS === 'none'
        ? ja
          ? 'URLを一切含めずに'
          : 'without any links'
        : ja
          ? 'リンクを多くても1つだけ含めて'
          : 'with at most one link',
    code_minutes: String(CODE_MINUTES),
    code_attempts: String(CODE_MAX_ATTEMPTS),
    reset_link_minutes: String(RESET_MINUTES),
    session_days: String(MEMBER_SESSION_DAYS),
    resends_per_hour: String(RESENDS_PER_HOUR),
    contact_codes_per_hour: String(CONTACT_CODES_PER_HOUR),
    address_changes_per_hour: String(ADDRESS_CHANGES_PER_HOUR),
    max_line_quantity: String(MAX_LINE_QUANTITY),
    max_addresses: String(MAX_ADDRESSES),
    tax_rate_percent: String(TAX_RATE_PERCENT),
    shipping_methods: methodNames.join(ja ? '、' : ', '),
    dhl_fee_table: feeTable('dhl_express', locale),
    domestic_fee_table: feeTable('domestic', locale),
    max_package_kg: String(maxBillableWeightG / 1000),
    volumetric_divisor: String(volumetricDivisor),
    weight_step_g: String(weightStepG),
    packing_allowance_percent: String(packingAllowancePercent),
    card_brands: Object.values(brandNames).join(ja ? '、' : ', '),
    capture_after_days: String(CAPTURE_AFTER_DAYS),
    fix_payment_days: String(FIX_PAYMENT_DAYS),
    gift_wrap_fee: formatJpy(GIFT_WRAP_FEE_JPY, locale),
    message_card_chars: String(MESSAGE_CARD_MAX_CHARS),
    inquiry_message_chars: inquiryLimits.messageChars.toLocaleString('en-US'),
    inquiry_photos: String(inquiryLimits.photos),
    inquiry_photo_mb: String(inquiryLimits.photoBytes / 1024 / 1024),
    defect_report_days: String(inquiryLimits.defectReportDays),
    answer_business_days: String(inquiryLimits.answerBusinessDays),
  };
}

/** The names of every fact, for the test that checks articles. */
export function factNames(env: Env): string[] {
  return Object.keys(guideFacts(env, 'en'));
}
