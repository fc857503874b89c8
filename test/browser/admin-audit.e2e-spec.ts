import { ChannelAdapterHostModule, Role } from '@gantry/core';
import { FakeChannelAdapter, makeStore, startTestApp, type TestApp } from '@gantry/testing';
import type { Browser, Page } from 'playwright-core';
import { UserService } from '../../apps/api/src/users/user.service';
import { builtAdmin, launchBrowser, signIn, screenshot, seriousAxeViolations } from '../support/browser';

jest.setTimeout(120_000);

const PASSWORD = 'correct horse battery staple';

/** The audit log page in Chromium against the real API: admins only, filters in the URL, before and after as a diff. */
describe('admin in Chromium: the audit log', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    process.env.ADMIN_DIR = await builtAdmin();
    t = await startTestApp({ imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
    const users = t.app.get(UserService);
    await users.create('admin@example.com', Role.ADMIN, PASSWORD);
    await users.create('manager@example.com', Role.INTEGRATION_MANAGER, PASSWORD);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    delete process.env.ADMIN_DIR;
  });

  /** Signs in on the landing page, then opens `path` (a fresh load, as a bookmark or a shared link would). */
  async function openAs(page: Page, email: string, path: string): Promise<void> {
    await signIn(page, t.url, email, PASSWORD);
    await page.getByRole('heading', { name: 'Stores', level: 1 }).waitFor();
    await page.goto(`${t.url}/admin${path}`);
  }

  it('shows an admin who changed what, filtered from the URL, each change as the old value struck and the new one', async () => {
    const store = await makeStore(t, { name: 'Demo shop', settings: { label: 'old label' } });
    await t
      .http()
      .patch(`/api/v1/stores/${store.id}/settings`)
      .send({ label: 'new label', stockSync: { enabled: false } })
      .expect(200);
    await t.http().post('/api/v1/plugins/fake/deactivate').expect(200);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openAs(page, 'admin@example.com', '/audit-log');
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).waitFor();
    const table = page.getByRole('table', { name: 'Audit log' });
    await table.getByText('store.settings.update').waitFor();
    await table.getByText('plugin.deactivate').waitFor();

    const changes = page.getByRole('list', { name: /^Changes of store\.settings\.update/ });
    expect(await changes.locator('li').allTextContents()).toEqual(['label: old label → new label', 'stockSync.enabled: true → false']);
    expect(await changes.locator('del').allTextContents()).toEqual(['old label', 'true']);
    expect(await changes.locator('ins').allTextContents()).toEqual(['new label', 'false']);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'audit-log');

    // A filter goes into the URL, and the URL alone brings it back.
    await page.getByLabel('Action').selectOption('plugin.deactivate');
    await page.waitForURL(/\/admin\/audit-log\?action=plugin\.deactivate$/);
    await table.getByText('plugin.deactivate').waitFor();
    await table.getByText('store.settings.update').waitFor({ state: 'detached' });
    await page.goto(`${t.url}/admin/audit-log?actorKind=system&storeId=${store.id}`);
    await table.getByText('store.connect').waitFor();
    expect(await table.getByText('store.settings.update').count()).toBe(0);
    expect(await page.getByLabel('Made by').inputValue()).toBe('system');
    await page.close();
  });

  it('is not there for people below admin: no nav item, and the page is not found', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openAs(page, 'manager@example.com', '/stores');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stores' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await page.goto(`${t.url}/admin/audit-log`);
    await page
      .getByText(/not found/i)
      .first()
      .waitFor();
    expect(await page.getByRole('table', { name: 'Audit log' }).count()).toBe(0);
    await page.close();
  });
});
