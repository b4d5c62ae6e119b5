import type { Context } from 'hono';
import { translator } from '../web/i18n.ts';

const keys = ['policy.suggestion', 'policy.warnLive'] as const;

/** The few texts the script writes itself; the API sends the problem messages. */
const texts = Object.fromEntries(
  (['en', 'ja'] as const).map((locale) => {
    const t = translator(locale);
    return [locale, Object.fromEntries(keys.map((k) => [k, t(k)]))];
  }),
);

/**
 * Progressive enhancement for email fields: checks the address with the store API while the
 * customer types (debounced) and when the field loses focus, and shows what to change and the
 * suggestion under the field. Without it, the same check runs when the form is sent.
 * Lookup forms (finding an order, a member ID, a password reset) check existing addresses and
 * are left alone, as is any field or form marked data-email-check="off".
 */
const source = `(() => {
  'use strict';
  const texts = ${JSON.stringify(texts)};
  const skip = /\\/(?:orders\\/find|account\\/(?:lookup|sign-in|reset|forgot|password))/;
  const lang = document.documentElement.lang === 'ja' ? 'ja' : 'en';

  function enhance(input) {
    const form = input.form;
    if (!form || (form.getAttribute('method') || '').toLowerCase() !== 'post') return;
    if (input.dataset.emailCheck === 'off' || form.dataset.emailCheck === 'off') return;
    if (skip.test(form.getAttribute('action') || '')) return;
    const box = document.createElement('div');
    box.className = 'email-check';
    box.setAttribute('aria-live', 'polite');
    const serverError = input.parentElement && input.parentElement.querySelector('.field-error');
    input.insertAdjacentElement('afterend', box);
    let timer = 0;
    let controller = null;
    let lastChecked = '';

    function show(result) {
      box.replaceChildren();
      if (serverError) serverError.hidden = true;
      for (const problem of result.problems) {
        const p = document.createElement('p');
        p.className = result.verdict === 'reject' ? 'field-error' : 'help';
        p.textContent = problem.message;
        box.append(p);
      }
      if (result.suggestion) {
        // "Did you mean <address>?" with the address as a button that puts it in the field.
        const [before, after] = texts[lang]['policy.suggestion'].split('{address}');
        const p = document.createElement('p');
        p.className = 'help';
        const use = document.createElement('button');
        use.type = 'button';
        use.className = 'link';
        use.textContent = result.suggestion;
        const suggestion = result.suggestion;
        use.addEventListener('click', () => {
          input.value = suggestion;
          input.focus();
          check(true);
        });
        p.append(before || '', use, after || '');
        box.append(p);
      }
      if (result.verdict === 'warn') {
        const p = document.createElement('p');
        p.className = 'help';
        p.textContent = texts[lang]['policy.warnLive'];
        box.append(p);
      }
      input.setAttribute('aria-invalid', result.verdict === 'reject' ? 'true' : 'false');
    }

    async function check(now) {
      const value = input.value.trim();
      // While typing, wait for a domain; on leaving the field, check whatever is there.
      if (!value || (!now && !/@[^@]+\\.[^@]+$/.test(value))) return;
      if (value === lastChecked) return;
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const res = await fetch('/api/store/email-addresses/check', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'accept-language': lang },
          body: JSON.stringify({ email: value }),
          signal: controller.signal,
        });
        // Rate-limited or failing: say nothing; the form checks again when it is sent.
        if (!res.ok) return;
        const result = await res.json();
        if (input.value.trim() !== value) return;
        lastChecked = value;
        show(result);
      } catch {
        // Aborted by a newer check, or offline.
      }
    }

    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => check(false), 600);
    });
    input.addEventListener('blur', () => {
      clearTimeout(timer);
      check(true);
    });
  }

  function start() {
    for (const input of document.querySelectorAll('main input[type=email]')) enhance(input);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;

/** Serves the script at /static/email-check.js (the CSP allows scripts from the shop only). */
export function emailCheckScript(c: Context) {
  c.header('cache-control', 'public, max-age=3600');
  return c.body(source, 200, { 'content-type': 'text/javascript; charset=utf-8' });
}

/** The script's source, for tests that run it. */
export const emailCheckSource = source;
