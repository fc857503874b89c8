import { Role } from '@gantry/core';
import { startTestApp, type TestApp } from '@gantry/testing';
import type { Browser, Page } from 'playwright-core';
import { UserService } from '../../apps/api/src/users/user.service';
import { builtAdmin, launchBrowser, signIn, screenshot, seriousAxeViolations } from '../support/browser';

jest.setTimeout(120_000);

const PASSWORD = 'correct horse battery staple';

/** API keys in the real admin, in Chromium: an expiry chosen at creation, and the list's expiry and last use. */
describe('admin in Chromium: API keys with an expiry', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    process.env.ADMIN_DIR = await builtAdmin();
    t = await startTestApp();
    await t.app.get(UserService).create('keys-admin@example.com', Role.ADMIN, PASSWORD);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, t.url, 'keys-admin@example.com', PASSWORD);
    await page.waitForURL(/\/admin\/(?!sign-in)/);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    delete process.env.ADMIN_DIR;
  });

  const openCreate = async (name: string, role: string): Promise<void> => {
    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Name/).fill(name);
    await dialog.getByLabel(/^Role/).selectOption({ label: role });
  };

  it('refuses a past date on the field, creates a key expiring in 30 days, and lists it with its expiry', async () => {
    await page.goto(`${t.url}/admin/api-keys`);
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();

    await openCreate('Year-end migration', 'Operator');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Expires/).selectOption({ label: 'On a date…' });
    await dialog.getByLabel(/^Stops working on/).fill('2020-01-01');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await dialog.getByText('Choose a date in the future').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await dialog.getByLabel(/^Expires/).selectOption({ label: 'In 30 days' });
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await dialog.getByText(/stops working on/).waitFor();
    const key = await dialog.getByRole('textbox', { name: 'API key' }).inputValue();
    expect(key).toMatch(/^gk_/);
    await screenshot(page, 'api-key-created-expiring');
    await dialog.getByRole('button', { name: 'I have stored the key' }).click();

    const listed = (await t.http().get('/api/v1/api-keys').expect(200)).body as { name: string; expiresAt: string | null }[];
    const created = listed.find((k) => k.name === 'Year-end migration');
    const days = (new Date(created?.expiresAt ?? 0).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThanOrEqual(30);

    const row = page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: 'Year-end migration' });
    await row.getByText(/in 30 days/).waitFor();
    // Once it has expired, it says so.
    await t.dataSource.query(`UPDATE api_key SET expires_at = now() - interval '1 hour' WHERE name = 'Year-end migration'`);
    await page.reload();
    await row.getByText('expired').waitFor();
    await row.getByText(/1 hour ago/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'api-keys-expiry');
  });
});
