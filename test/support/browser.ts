import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when missing); never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests leave their screenshots (gitignored). */
export const SCREENSHOT_DIR = join(__dirname, '../../test-results/admin');

const ROOT = join(__dirname, '../..');

/**
 * Headless Chromium. The network flags keep it from calling Google's services at start (refused here, and noise
 * anywhere); --no-sandbox because CI runs as root. New headless Chromium is the whole browser: every new window
 * (each browser context) starts the omnibox popup's own WebUI renderer, which a trace showed taking more CPU than the
 * page under test (~1.9 s on two cores); the features below keep the address bar's popup native.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
    ],
  });
}

/** Builds the admin into a private directory (so parallel runs and a running demo never see a half-written bundle). */
export async function buildAdmin(outDir: string): Promise<void> {
  await promisify(execFile)(
    join(ROOT, 'node_modules/.bin/vite'),
    ['build', '--logLevel', 'error', '--config', 'apps/admin/vite.config.mjs', '--outDir', outDir, '--emptyOutDir'],
    {
      cwd: ROOT,
      // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/compress-admin.mjs'), outDir]);
}

/** Every file the admin's bundle is made from, hashed: the build's cache key. */
function adminSourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else {
        hash.update(path).update(readFileSync(path));
      }
    }
  };
  walk(join(ROOT, 'apps/admin'));
  for (const file of ['package-lock.json', 'scripts/compress-admin.mjs']) {
    hash.update(readFileSync(join(ROOT, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The admin built once for its sources as they are (in the system's temporary directory, keyed by their hash), shared
 * by every browser spec and jest worker. Built privately and renamed into place when complete, so no spec ever sees a
 * half-written bundle; two workers that both miss the cache both build, and the second rename loses harmlessly.
 */
export async function builtAdmin(): Promise<string> {
  const dir = join(tmpdir(), `gantry-admin-${adminSourceHash()}`);
  if (existsSync(join(dir, '.complete'))) {
    return dir;
  }
  const work = mkdtempSync(join(tmpdir(), 'admin-build-'));
  await buildAdmin(work);
  writeFileSync(join(work, '.complete'), '');
  try {
    renameSync(work, dir);
  } catch {
    rmSync(work, { recursive: true, force: true });
  }
  return dir;
}

/** Fills the sign-in form on the page as it is and presses Sign in (the caller waits for what it expects next). */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel(/^E-mail/).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens the admin's landing page at `baseUrl` and signs in there. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/`);
  await submitSignIn(page, email, password);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

let axeSource: string | undefined;

/**
 * axe-core's serious and critical violations on the page as it is now. Evaluated through the DevTools protocol, so the
 * admin's Content-Security-Policy (no inline scripts) stays on during the check.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // A drawer or modal still fading in has its text at part opacity, which axe measures as low contrast (a loaded CI
  // machine caught the plugin guide mid-transition): let running transitions end first.
  await page.evaluate(async () => {
    const inPage = globalThis as unknown as {
      document: { getAnimations(): { finished: Promise<unknown> }[] };
      requestAnimationFrame(callback: () => void): number;
    };
    // Two frames first: a transition the page has just asked for starts on the next one.
    await new Promise<void>((resolve) => inPage.requestAnimationFrame(() => inPage.requestAnimationFrame(resolve)));
    await Promise.all(inPage.document.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
  });
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // Runs in the page (this file is compiled without the DOM's types).
    const inPage = globalThis as unknown as {
      document: unknown;
      axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> };
    };
    const result = await inPage.axe.run(inPage.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A full-page screenshot named after the page, at the viewport's width. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });
}
