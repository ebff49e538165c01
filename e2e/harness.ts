import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject, onTestFinished } from 'vitest';
import { buildWebInto, root } from './build';
import './global-setup';

export const DEMO_PASSWORD = 'mutualis-demo';

/** A running app (real server, demo data, fresh data folder) and the Chromium driving it. */
export interface E2EApp {
  baseUrl: string;
  /** The server's data folder: its SQLite database is `mutualis.db` (tests may add rows to it). */
  dataDir: string;
  browser: Browser;
  /** A page in a fresh browser context (no cookie, no storage); closed when the test ends, screenshot if it fails. */
  newPage(): Promise<Page>;
  /** Signs in through the sign-in page and waits for the home page. */
  signIn(page: Page, email: string, password?: string): Promise<void>;
  /** Runs axe-core (WCAG 2.1 A/AA rules) and throws on any serious or critical violation. */
  expectNoSeriousA11yViolations(page: Page): Promise<void>;
  /** Waits until the page has no loader and no request in flight. */
  settle(page: Page): Promise<void>;
  /** Clicks an entry of the side navigation (French label, exact) and waits for the new page. */
  openNav(page: Page, label: string): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra environment for the server. */
  env?: Record<string, string>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(
  baseUrl: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 150_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The server did not answer /api/v1/health within ${timeoutMs} ms:\n${output()}`);
}

const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

function slug(s: string): string {
  return s
    .replace(/[^\w.-]+/g, '_')
    .replace(/_+/g, '_')
    .slice(0, 150);
}

/** Starts the server on the web app built for this run (or builds one) and Chromium. */
export async function startApp(opts: StartOptions = {}): Promise<E2EApp> {
  const webDir = inject('e2eWebDir') || buildWebInto();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-e2e-'));
  // The demo seeded once for the run (global-setup.ts): copied, unless the spec sets its own environment.
  const template = inject('e2eTemplateDir');
  if (template && !opts.env && fs.existsSync(template)) fs.cpSync(template, dataDir, { recursive: true });
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    WEB_DIR: webDir,
    MUTUALIS_DEMO: '1',
    MUTUALIS_SCHEDULER: '0',
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  delete env.DATABASE_URL;
  if (opts.env?.DATABASE_URL) env.DATABASE_URL = opts.env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/server.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  // A crashed or interrupted run must not leave the server behind.
  const killChild = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killChild);

  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    process.removeListener('exit', killChild);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, () => log);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: launchArgs,
    });
  } catch (e) {
    await stop();
    throw e;
  }
  const b = browser;

  const settle = async (page: Page) => {
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(
      () =>
        !document.querySelector('.mantine-Loader-root') &&
        document.getAnimations().every((a) => a.playState !== 'running'),
    );
  };

  return {
    baseUrl,
    dataDir,
    browser: b,
    settle,
    stop,
    async openNav(page, label) {
      const link = page
        .getByRole('navigation', { name: 'Navigation principale' })
        .getByRole('link', { name: label, exact: true });
      const path = new URL((await link.getAttribute('href')) ?? '/', baseUrl).pathname;
      await link.click();
      await page.waitForURL((u) => u.pathname === path);
      await page.locator('#page-title').waitFor();
      await settle(page);
    },
    async newPage() {
      // Reduced motion: Mantine skips its transitions, so axe never sees a half-faded dialog.
      const context = await b.newContext({
        baseURL: baseUrl,
        viewport: { width: 1360, height: 900 },
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      onTestFinished(async ({ task }) => {
        if (task.result?.state === 'fail') {
          fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
          const file = path.join(root, 'test-results', `${slug(task.name)}-${Date.now()}.png`);
          await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
          console.error(`Screenshot: ${file}${errors.length ? `\nPage errors:\n${errors.join('\n')}` : ''}`);
        }
        await context.close().catch(() => undefined);
      });
      return page;
    },
    async signIn(page, email, password = DEMO_PASSWORD) {
      await page.goto('/connexion');
      await page.locator('input[name="email"]').fill(email);
      await page.locator('input[name="password"]').fill(password);
      await page.locator('form button[type="submit"]').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
      await page.locator('#page-title').waitFor();
      await settle(page);
    },
    async expectNoSeriousA11yViolations(page) {
      await settle(page);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        // Only violations come back in full (passes and the rest: one node each), which spares
        // serialising every checked node of the page back to the test on each run.
        .options({ resultTypes: ['violations'] })
        .analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      if (serious.length) {
        const report = serious
          .map(
            (v) =>
              `- [${v.impact}] ${v.id}: ${v.help}\n${v.nodes
                .slice(0, 5)
                .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`)
                .join('\n')}`,
          )
          .join('\n');
        throw new Error(`Accessibility violations on ${page.url()}:\n${report}`);
      }
    },
  };
}
