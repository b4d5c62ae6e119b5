import { RESET_MINUTES } from '../accounts/request-password-reset.ts';
import { MAX_ADDRESSES } from '../accounts/save-address.ts';
import { MEMBER_SESSION_DAYS } from '../accounts/sessions.ts';
import { CODE_MAX_ATTEMPTS, CODE_MINUTES } from '../accounts/verification-codes.ts';
import { MAX_LINE_QUANTITY } from '../cart/add-to-cart.ts';
import type { Env } from '../env.ts';
import { formatJpy } from '../lib/money.ts';
import { CONTACT_CODES_PER_HOUR, RESENDS_PER_HOUR } from '../orders/routes.tsx';
import { brandNames } from '../payments/cards.ts';
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

/** Every fact for one language; values are plain text or Markdown (the tables). */
export function guideFacts(env: Env, locale: Locale): Facts {
  const ja = locale === 'ja';
  const methodNames = Object.values(shippingMethods).map((m) => (ja ? m.nameJa : m.nameEn));
  return {
    shop_name: env.SHOP_NAME,
    sender_domain: env.MAIL_DOMAIN,
    sender_address: `shop@${env.MAIL_DOMAIN}`,
    support_address: env.MAIL_REPLY_TO ?? `support@${env.MAIL_DOMAIN}`,
    mail_retry_hours: String(env.MAIL_RETRY_HOURS),
    soft_bounce_limit: String(env.SOFT_BOUNCE_LIMIT),
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
    max_line_quantity: String(MAX_LINE_QUANTITY),
    max_addresses: String(MAX_ADDRESSES),
    tax_rate_percent: '10',
    shipping_methods: methodNames.join(ja ? '、' : ', '),
    dhl_fee_table: feeTable('dhl_express', locale),
    domestic_fee_table: feeTable('domestic', locale),
    max_package_kg: String(maxBillableWeightG / 1000),
    volumetric_divisor: String(volumetricDivisor),
    weight_step_g: String(weightStepG),
    packing_allowance_percent: String(packingAllowancePercent),
    card_brands: Object.values(brandNames).join(ja ? '、' : ', '),
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
