import { Role } from '@gantry/core';
import { startTestApp, type TestApp } from '@gantry/testing';
import type { Browser } from 'playwright-core';
import { UserService } from '../../apps/api/src/users/user.service';
import { builtAdmin, launchBrowser, signIn, submitSignIn, screenshot, seriousAxeViolations } from '../support/browser';

jest.setTimeout(120_000);

const PASSWORD = 'correct horse battery staple';

/** Sign-in, lockout and roles in the real admin, in Chromium, against the real API. */
describe('admin in Chromium: signing in', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    process.env.ADMIN_DIR = await builtAdmin();
    t = await startTestApp();
    const users = t.app.get(UserService);
    await users.create('admin@example.com', Role.ADMIN, PASSWORD);
    await users.create('viewer@example.com', Role.VIEWER, PASSWORD);
    await users.create('locked@example.com', Role.OPERATOR, PASSWORD);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    delete process.env.ADMIN_DIR;
  });

  it('asks for a sign-in, refuses a wrong password and locks the account after repeated failures', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${t.url}/admin/stores`);
    await page.waitForURL(/\/admin\/sign-in\?next=%2Fadmin%2Fstores/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');

    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await signIn(page, t.url, 'locked@example.com', 'not the password');
      await page.getByRole('alert').filter({ hasText: 'wrong' }).waitFor();
    }
    await signIn(page, t.url, 'locked@example.com', 'not the password');
    await page
      .getByRole('alert')
      .filter({ hasText: /locked\. Try again in 15 minutes/ })
      .waitFor();
    // Locked: even the right password waits now.
    await signIn(page, t.url, 'locked@example.com', PASSWORD);
    await page
      .getByRole('alert')
      .filter({ hasText: /locked/ })
      .waitFor();
    expect(page.url()).toContain('/admin/sign-in');
    await screenshot(page, 'sign-in-locked');
    await page.close();
  });

  it('brings a signed-in person back to the page asked for, and signs out', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${t.url}/admin/plugins`);
    await page.waitForURL(/sign-in/);
    await submitSignIn(page, 'admin@example.com', PASSWORD);
    await page.waitForURL(`${t.url}/admin/plugins`);
    await page.getByRole('link', { name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/admin\/sign-in/);
    // The session is gone on the server too: the API refuses the cookie.
    const status = await page.evaluate(async () => (await fetch('/api/v1/auth/session')).status);
    expect(status).toBe(401);
    await page.close();
  });

  it('shows a viewer no settings form and no admin pages', async () => {
    const page = await browser.newPage({ viewport: { width: 768, height: 1024 } });
    await signIn(page, t.url, 'viewer@example.com', PASSWORD);
    await page.waitForURL(/\/admin\/stores/);
    await page.getByRole('link', { name: 'Stores' }).waitFor();
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await page.goto(`${t.url}/admin/users`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.close();
  });
});
