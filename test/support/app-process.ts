import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Builds dist/ when it is missing or stale, so process tests run the code under test. */
export function ensureBuilt(): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`build failed: ${result.stderr}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A built Gantry process (API and/or worker) on this jest worker's database and Redis prefix. */
export class AppProcess {
  private output: string[] = [];
  private exitPromise: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    const keep = (chunk: Buffer): void => {
      this.output.push(chunk.toString());
      if (this.output.length > 200) {
        this.output.shift();
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exitPromise = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static readonly adminKey = `gk_test_${randomBytes(18).toString('base64url')}`;

  /**
   * Starts `node dist/apps/api/src/main.js` with the role given; resolves once it is ready. `entry` runs another entry
   * point instead: a TypeScript one (e.g. FAKE_CHANNEL_APP_ENTRY) is compiled on load from the sources, as jest does.
   */
  static async start(
    role: 'all' | 'api' | 'worker',
    env: Record<string, string> = {},
    options: { entry?: string } = {},
  ): Promise<AppProcess> {
    const entry = options.entry ?? join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
    const fromSource = entry.endsWith('.ts');
    if (!fromSource) {
      ensureBuilt();
    }
    // A caller that must know the URL before boot (APP_URL for Shopify's callbacks) passes PORT itself.
    const port = env.PORT ? Number(env.PORT) : await freePort();
    const child = spawn(process.execPath, fromSource ? ['--require', join(__dirname, 'ts-require-hook.cjs'), entry] : [entry], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        APP_ROLE: role,
        PORT: String(port),
        LOG_LEVEL: 'info',
        BOOTSTRAP_ADMIN_KEY: AppProcess.adminKey,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new AppProcess(child, `http://127.0.0.1:${port}`);
    await app.waitReady(role === 'worker' ? () => app.log().includes('Gantry worker started') : () => app.healthy());
    return app;
  }

  log(): string {
    return this.output.join('');
  }

  /** SIGKILL: no shutdown hooks, no lock release, open transactions die with the connection. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exitPromise;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exitPromise;
    clearTimeout(timer);
  }

  private async healthy(): Promise<boolean> {
    try {
      return (await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(1000) })).ok;
    } catch {
      return false;
    }
  }

  private async waitReady(ready: () => boolean | Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (!(await ready())) {
      if (this.child.exitCode !== null) {
        throw new Error(`process exited with ${this.child.exitCode}:\n${this.log()}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`process not ready within 60 s:\n${this.log()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
