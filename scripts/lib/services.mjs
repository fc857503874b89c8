// Starting and stopping the built API and sandbox as child processes, for the demo and the benchmarks.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './build.mjs';

/**
 * Starts `node <script>` from the repository root. Output goes to logFile when given, otherwise to our
 * stdout/stderr with a [name] prefix so interleaved services stay readable.
 */
export function startService(name, script, { env = {}, args = [], nodeArgs = [], logFile } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = [];
  const remember = (line) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
  };
  if (logFile) {
    const out = createWriteStream(logFile);
    child.stdout.pipe(out);
    child.stderr.pipe(out);
  }
  for (const [stream, sink] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    createInterface({ input: stream }).on('line', (line) => {
      remember(line);
      if (!logFile) sink.write(`[${name}] ${line}\n`);
    });
  }
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { name, child, exited, tail: () => tail.join('\n') };
}

/** Waits until url answers 2xx, failing early when the service dies first. */
export async function waitForHttp(service, url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let died = null;
  let last = 'no answer';
  void service.exited.then((r) => {
    died = r;
  });
  while (Date.now() < deadline) {
    if (died) throw new Error(`${service.name} exited (${died.code ?? died.signal}) before it was ready:\n${service.tail()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message; // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${service.name} was not ready at ${new URL(url).pathname} within ${timeoutMs / 1000}s (${last}):\n${service.tail()}`);
}

/** SIGTERM, then SIGKILL after graceMs: services get a chance to close connections and finish jobs. */
export async function stopService(service, graceMs = 10_000) {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), graceMs);
  await service.exited;
  clearTimeout(timer);
}
