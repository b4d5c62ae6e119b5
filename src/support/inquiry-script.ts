import type { Context } from 'hono';

/**
 * Progressive enhancement for /inquiry: shows only the fields the chosen category uses (a field
 * with an error stays visible), disables hidden ones so they are not sent, and counts the
 * message's characters, and sends the form once (the button stays disabled until the page is
 * shown again, e.g. after going back). Without it every field is shown and the server decides.
 */
const source = `(() => {
  'use strict';
  function start() {
    const form = document.querySelector('form.inquiry-form');
    if (!form) return;
    const select = form.querySelector('select[name=category]');
    const fields = form.querySelectorAll('[data-categories]');
    function update() {
      for (const field of fields) {
        const wanted = field.dataset.categories.split(' ').includes(select.value);
        const show = wanted || Boolean(field.querySelector('.field-error'));
        field.hidden = !show;
        for (const input of field.querySelectorAll('input')) input.disabled = !show;
      }
    }
    select.addEventListener('change', update);
    update();

    const message = form.querySelector('textarea[name=message]');
    const counter = form.querySelector('.inquiry-counter');
    if (message && counter) {
      const max = Number(counter.dataset.max);
      const count = () => {
        const used = [...message.value.replace(/\\r\\n?/g, '\\n')].length;
        counter.textContent = used + ' / ' + max;
        counter.classList.toggle('over', used > max);
      };
      message.addEventListener('input', count);
      count();
    }

    const button = form.querySelector('button[type=submit]');
    let sending = false;
    form.addEventListener('submit', (event) => {
      if (sending) {
        event.preventDefault();
        return;
      }
      sending = true;
      if (button) button.disabled = true;
    });
    // Back/forward restores the page from the cache with the button still disabled.
    window.addEventListener('pageshow', () => {
      sending = false;
      if (button) button.disabled = false;
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;

/** Serves the script at /static/inquiry.js (the CSP allows scripts from the shop only). */
export function inquiryScript(c: Context) {
  c.header('cache-control', 'public, max-age=3600');
  return c.body(source, 200, { 'content-type': 'text/javascript; charset=utf-8' });
}
