import { describe, expect, it } from 'vitest';
import { newShopper, screenshot } from './browser.ts';
import { useJourneyWorld } from './world.ts';

const { server, browser } = useJourneyWorld();

describe('the live email check in the browser', () => {
  it('explains the address while the customer types and fills in the suggestion on a click', async () => {
    const { page, serverErrors, consoleErrors } = await newShopper(browser, server.url);
    await page.goto('/account/register');
    const email = page.locator('input[name=email]');
    const box = page.locator('.email-check');

    await email.fill('taro+shop@gmial.com');
    await expect
      .poll(() => box.textContent())
      .toContain(
        "symbols other than '.', '-' and '_' before the @ often don't receive our mail. Remove: +",
      );
    expect(await box.textContent()).toContain('Did you mean taro+shop@gmail.com?');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'email-check-01-symbol-and-suggestion', { fullPage: false });

    await email.fill('taro@gmial.com');
    await email.blur();
    const use = page.getByRole('button', { name: 'taro@gmail.com' });
    await use.click();
    expect(await email.inputValue()).toBe('taro@gmail.com');
    await expect.poll(() => box.textContent()).toBe('');
    expect(await email.getAttribute('aria-invalid')).toBe('false');

    expect(serverErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('speaks Japanese on the Japanese page', async () => {
    const { page } = await newShopper(browser, server.url, { locale: 'ja-JP' });
    await page.goto('/lang/ja?back=/account/register');
    const email = page.locator('input[name=email]');
    await email.fill('hanako..yamada@docomo.ne.jo');
    await email.blur();
    const box = page.locator('.email-check');
    await expect.poll(() => box.textContent()).toContain('ドットを2つ続けて');
    expect(await box.textContent()).toContain('hanako..yamada@docomo.ne.jp ではありませんか？');
  });
});
