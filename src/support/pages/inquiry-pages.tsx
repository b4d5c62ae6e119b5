import { TextField } from '../../web/form-fields.tsx';
import type { Translate } from '../../web/i18n.ts';
import { Csrf, FieldError, Notice } from '../../web/layout.tsx';
import { inquiryLimits } from '../limits.ts';
import { inquiryCategories } from '../tables.ts';

/**
 * The honeypot's name: a bot fills it, a browser's autofill does not (no field it knows, and
 * autocomplete="new-password" keeps saved values out); hidden from people and screen readers.
 */
export const HONEYPOT = 'hp_note';

export interface InquiryFormProps {
  t: Translate;
  csrf: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string | undefined;
  /** The signed-in member's ID: shown read-only, and the inquiry is linked to them. */
  memberCode: string | null;
  /** The guide article the visitor came from, by its title in their language (or its slug). */
  aboutTitle: string | null;
  /** The customer had chosen photos that could not be kept when the form is shown again. */
  photosDropped: boolean;
}

/**
 * The inquiry form. Every field is shown and works without JavaScript; /static/inquiry.js only
 * hides the fields the chosen category does not use and counts the message's characters.
 */
export function InquiryPage(props: InquiryFormProps) {
  const { t, values, errors } = props;
  const invalid = (name: string) => (errors[name] ? 'true' : undefined);
  return (
    <section class="inquiry">
      <h1>{t('inquiry.title')}</h1>
      {props.message && <Notice kind="error">{props.message}</Notice>}
      <p>{t('inquiry.intro', { days: inquiryLimits.answerBusinessDays })}</p>
      <p class="muted">
        <a href="/guide">{t('inquiry.guideFirst')}</a>
      </p>
      {props.aboutTitle && (
        <p class="inquiry-about">{t('inquiry.about', { title: props.aboutTitle })}</p>
      )}
      <form
        method="post"
        action="/inquiry"
        enctype="multipart/form-data"
        class="stack inquiry-form"
        novalidate
      >
        <Csrf token={props.csrf} />
        {values.topic && <input type="hidden" name="topic" value={values.topic} />}
        <label>
          {t('inquiry.category')}
          <select name="category" required aria-invalid={invalid('category')}>
            <option value="" selected={!values.category}>
              {t('inquiry.chooseCategory')}
            </option>
            {inquiryCategories.map((category) => (
              <option value={category} selected={values.category === category}>
                {t(`inquiry.category.${category}`)}
              </option>
            ))}
          </select>
          <FieldError message={errors.category} />
        </label>
        <TextField
          name="name"
          label={t('inquiry.name')}
          autocomplete="name"
          maxlength={100}
          values={values}
          errors={errors}
        />
        <TextField
          name="email"
          type="email"
          label={t('inquiry.email')}
          help={t('inquiry.emailHelp')}
          autocomplete="email"
          values={values}
          errors={errors}
        />
        <TextField
          name="memberCode"
          label={props.memberCode ? t('inquiry.memberCodeSignedIn') : t('inquiry.memberCode')}
          values={props.memberCode !== null ? { memberCode: props.memberCode } : values}
          errors={errors}
          readonly={props.memberCode !== null}
          autocomplete="username"
          spellcheck={false}
          required={false}
        />
        <TextField
          name="orderNumber"
          label={t('inquiry.orderNumber')}
          help={t('inquiry.orderNumberHelp')}
          labelData={{ 'data-inquiry-field': 'orderNumber' }}
          values={values}
          errors={errors}
          spellcheck={false}
          autocomplete="off"
          required={false}
        />
        <TextField
          name="newEmail"
          type="email"
          label={t('inquiry.newEmail')}
          help={t('inquiry.newEmailHelp')}
          labelData={{ 'data-inquiry-field': 'newEmail', 'data-categories': 'contact_email' }}
          values={values}
          errors={errors}
          autocomplete="off"
          required={false}
        />
        {values.newEmailSeen && (
          <input type="hidden" name="newEmailSeen" value={values.newEmailSeen} />
        )}
        <label>
          {t('inquiry.message')}
          <span class="help">
            {t('inquiry.messageHelp', { max: inquiryLimits.messageChars })}{' '}
            <span class="inquiry-counter" data-max={String(inquiryLimits.messageChars)} />
          </span>
          <textarea
            name="message"
            rows={8}
            maxlength={inquiryLimits.messageChars}
            required
            aria-invalid={invalid('message')}
          >
            {/* The HTML parser drops a textarea's first line break; this one is the one it drops. */}
            {`\n${values.message ?? ''}`}
          </textarea>
          <FieldError message={errors.message} />
        </label>
        <label data-inquiry-field="photos" data-categories="returns">
          {t('inquiry.photos')}
          <span class="help">
            {t('inquiry.photosHelp', {
              count: inquiryLimits.photos,
              mb: inquiryLimits.photoBytes / (1024 * 1024),
              days: inquiryLimits.defectReportDays,
            })}
          </span>
          <input
            type="file"
            name="photos"
            multiple
            accept="image/jpeg,image/png,image/gif,image/webp"
            aria-invalid={invalid('photos')}
          />
          {props.photosDropped && <p class="help">{t('inquiry.photosAgain')}</p>}
          <FieldError message={errors.photos} />
        </label>
        <div class="inquiry-hp" aria-hidden="true">
          <label>
            {t('inquiry.hpNote')}
            <input type="text" name={HONEYPOT} value="" tabindex={-1} autocomplete="new-password" />
          </label>
        </div>
        <button type="submit">{t('inquiry.send')}</button>
      </form>
      <script src="/static/inquiry.js" defer />
    </section>
  );
}

/**
 * After sending: what happens next, the same for everyone; the inquiry number only for the
 * browser that sent it (a signed cookie, never the URL), so a honeypot hit sees the same page.
 */
export function InquiryThanksPage({ t, number }: { t: Translate; number: string | null }) {
  return (
    <section class="inquiry">
      <h1>{t('inquiry.thanksTitle')}</h1>
      <p>{t('inquiry.thanksPlain')}</p>
      {number && (
        <>
          <p>{t('inquiry.thanksNumber')}</p>
          <p class="inquiry-number">
            <strong>{number}</strong>
          </p>
        </>
      )}
      <p>{t('inquiry.thanksMail', { days: inquiryLimits.answerBusinessDays })}</p>
      <p>{t('inquiry.thanksReply')}</p>
      <p>
        <a href="/guide">{t('inquiry.backToGuide')}</a>
      </p>
    </section>
  );
}
