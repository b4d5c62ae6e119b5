import { TextArea, TextField } from '../../web/admin-layout.tsx';
import { Csrf, FieldError, Notice } from '../../web/layout.tsx';

/** Writing an important notice to the customers of an order or of a product. */
export function NoticeFormPage(props: {
  csrf: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const { values, errors } = props;
  const kind = values.targetKind ?? 'order';
  return (
    <section>
      <h1>Important notice</h1>
      <p class="muted">
        For news a customer must get, such as a release delay. Each customer receives it in the
        language of their order, one mail per order. Cancelled orders are left out when you send to
        a product's customers.
      </p>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <form method="post" action="/admin/notices" class="stack admin-form">
        <Csrf token={props.csrf} />
        <fieldset>
          <legend>Send to</legend>
          <label class="choice">
            <input
              type="radio"
              name="targetKind"
              value="order"
              checked={kind === 'order'}
              aria-invalid={errors.targetKind ? 'true' : undefined}
            />{' '}
            The customer of one order
          </label>
          <label class="choice">
            <input type="radio" name="targetKind" value="product" checked={kind === 'product'} />{' '}
            Every customer with a live order of a product
          </label>
          <FieldError message={errors.targetKind} />
          <TextField
            name="target"
            label="Order number or product SKU"
            required
            maxlength={40}
            values={values}
            errors={errors}
          />
        </fieldset>
        <fieldset>
          <legend>English</legend>
          <TextField
            name="subjectEn"
            label="Subject"
            required
            maxlength={150}
            values={values}
            errors={errors}
          />
          <TextArea name="bodyEn" label="Text" rows={8} values={values} errors={errors} />
        </fieldset>
        <fieldset lang="ja">
          <legend>Japanese</legend>
          <TextField
            name="subjectJa"
            label="Subject (件名)"
            required
            maxlength={150}
            values={values}
            errors={errors}
          />
          <TextArea name="bodyJa" label="Text (本文)" rows={8} values={values} errors={errors} />
        </fieldset>
        <div>
          <button type="submit">Queue the notice</button>
        </div>
      </form>
    </section>
  );
}
