import type { Translate } from './i18n.ts';
import { FieldError } from './layout.tsx';

/** What a form re-renders with: the customer's typed values, or the field messages, by name. */
export type FieldMap = Partial<Record<string, string>>;

/**
 * A labelled input with its help text and error, the storefront's one text-field markup: the
 * label wraps everything so `getByLabel` and the live email check (which looks for the
 * `.field-error` beside an `input[type=email]`) find their way. Passwords are never echoed.
 */
export function TextField(props: {
  name: string;
  label: string;
  values: FieldMap;
  errors: FieldMap;
  help?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'tel';
  autocomplete?: string | undefined;
  /** Defaults to true. */
  required?: boolean;
  inputmode?: 'numeric' | 'email' | 'tel';
  maxlength?: number;
  readonly?: boolean;
  spellcheck?: boolean;
  autocapitalize?: 'characters';
  /** Data attributes for the label, e.g. those a page script hides fields by. */
  labelData?: Record<`data-${string}`, string>;
}) {
  const type = props.type ?? 'text';
  const error = props.errors[props.name];
  return (
    <label {...props.labelData}>
      {props.label}
      {props.help && <span class="help">{props.help}</span>}
      <input
        type={type}
        name={props.name}
        value={type === 'password' ? undefined : (props.values[props.name] ?? '')}
        readonly={props.readonly}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        autocapitalize={props.autocapitalize}
        spellcheck={props.spellcheck}
        maxlength={props.maxlength}
        required={props.required ?? true}
        aria-invalid={error ? 'true' : undefined}
      />
      <FieldError message={error} />
    </label>
  );
}

/** The code input of every mailed-code flow (account, email change, order access, contact change). */
export function CodeField(props: { t: Translate; value: string; error?: string | undefined }) {
  return (
    <TextField
      name="code"
      label={props.t('code.label')}
      values={{ code: props.value }}
      errors={{ code: props.error }}
      inputmode="numeric"
      autocomplete="one-time-code"
      maxlength={12}
    />
  );
}
