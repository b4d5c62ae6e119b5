import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from './context.ts';
import { FieldError, Notice } from './layout.tsx';

export type AdminStatus = 200 | 400 | 403 | 404 | 409 | 429;

/** Renders a page of the staff console: the nav admin/ set, the shop's stylesheet, English only. */
export function renderAdminPage(
  c: Context<AppEnv>,
  title: string,
  body: Child,
  status: AdminStatus = 200,
) {
  const shopName = c.get('deps').env.SHOP_NAME;
  return c.html(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} | ${shopName} admin`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
      </head>
      <body class="admin">
        {c.get('adminNav')?.(c)}
        <main id="main">{body}</main>
      </body>
    </html>,
    status,
  );
}

/** The page for a staff member whose role does not cover what they asked for. */
export function renderForbidden(c: Context<AppEnv>) {
  return renderAdminPage(
    c,
    'Not allowed',
    <section>
      <h1>Not allowed</h1>
      <p>Your role ({c.get('staff')?.role}) does not allow this. Ask an administrator.</p>
    </section>,
    403,
  );
}

/** A simple message page (bad filter, unknown order) with the right status. */
export function renderAdminMessage(
  c: Context<AppEnv>,
  status: AdminStatus,
  title: string,
  message: string,
) {
  return renderAdminPage(
    c,
    title,
    <section>
      <h1>{title}</h1>
      <p>{message}</p>
    </section>,
    status,
  );
}

type FieldProps = {
  name: string;
  label: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  help?: string;
};

/** A labelled input that keeps what staff typed and shows its error. */
export function TextField(
  props: FieldProps & { type?: string; required?: boolean; maxlength?: number },
) {
  const error = props.errors[props.name];
  return (
    <label>
      {props.label}
      {props.help && <span class="help">{props.help}</span>}
      <input
        type={props.type ?? 'text'}
        name={props.name}
        value={props.values[props.name] ?? ''}
        required={props.required}
        maxlength={props.maxlength}
        aria-invalid={error ? 'true' : undefined}
      />
      <FieldError message={error} />
    </label>
  );
}

export function TextArea(props: FieldProps & { rows?: number }) {
  const error = props.errors[props.name];
  return (
    <label>
      {props.label}
      <textarea name={props.name} rows={props.rows ?? 4} aria-invalid={error ? 'true' : undefined}>
        {props.values[props.name] ?? ''}
      </textarea>
      <FieldError message={error} />
    </label>
  );
}

export function SelectField(
  props: FieldProps & { options: readonly (readonly [value: string, label: string])[] },
) {
  const error = props.errors[props.name];
  const current = props.values[props.name] ?? '';
  return (
    <label>
      {props.label}
      <select name={props.name} aria-invalid={error ? 'true' : undefined}>
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === current}>
            {label}
          </option>
        ))}
      </select>
      <FieldError message={error} />
    </label>
  );
}

export function CheckboxField(props: FieldProps) {
  return (
    <label class="check">
      <input type="checkbox" name={props.name} checked={props.values[props.name] === 'on'} />{' '}
      {props.label}
    </label>
  );
}

/** A list filter: a labelled select whose first option means "any". */
export function FilterSelect<T extends string>(props: {
  label: string;
  name: string;
  any: string;
  options: readonly T[];
  labels: Record<T, string>;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  return (
    <label>
      {props.label}
      <br />
      <select name={props.name} aria-invalid={props.errors[props.name] ? 'true' : undefined}>
        <option value="">{props.any}</option>
        {props.options.map((option) => (
          <option value={option} selected={props.values[props.name] === option}>
            {props.labels[option]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Why some of a list's filters were refused, naming each filter. */
export function FilterErrors(props: {
  errors: Record<string, string>;
  labels: Record<string, string>;
}) {
  const refused = Object.entries(props.errors);
  if (refused.length === 0) return null;
  return (
    <Notice kind="error">
      These filters cannot be used:{' '}
      {refused.map(([field, message]) => `${props.labels[field] ?? field}: ${message}`).join(' ')}
    </Notice>
  );
}

/** Previous / next links for a list of unknown length. */
export function Pager(props: { page: number; hasNext: boolean; href: (page: number) => string }) {
  if (props.page <= 1 && !props.hasNext) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {props.page > 1 && <a href={props.href(props.page - 1)}>← Previous</a>}
      <span>Page {props.page}</span>
      {props.hasNext && <a href={props.href(props.page + 1)}>Next →</a>}
    </nav>
  );
}
