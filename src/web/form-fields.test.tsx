import { describe, expect, it } from 'vitest';
import { TextField } from './form-fields.tsx';

describe('TextField', () => {
  it('keeps what the customer typed and marks the field with its message', () => {
    const html = String(
      <TextField
        name="email"
        type="email"
        label="Email"
        values={{ email: 'a@example.jp' }}
        errors={{ email: 'Check the address' }}
      />,
    );
    expect(html).toMatch(
      /^<label>Email<input type="email" name="email" value="a@example.jp"[^>]* required="" aria-invalid="true"\/><p class="field-error">Check the address<\/p><\/label>$/,
    );
  });

  it('never writes a typed password back into the page', () => {
    const html = String(
      <TextField
        name="password"
        type="password"
        label="Password"
        values={{ password: 'secret-typed' }}
        errors={{}}
      />,
    );
    expect(html).not.toContain('secret-typed');
    expect(html).not.toContain('aria-invalid');
  });
});
