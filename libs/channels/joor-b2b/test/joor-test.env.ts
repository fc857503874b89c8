/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-member-access -- test helper over the sandbox’s JSON */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChannelAdapterHostModule, PluginService, type Store } from '@gantry/core';
import { createSandboxServer, FakeChannelAdapter, makeStore, startTestApp, uniq, type SandboxServer, type TestApp } from '@gantry/testing';
import { OrderSinkStubAdapter } from './order-sink.stub-adapter';

export interface JoorTestEnv {
  t: TestApp;
  sandbox: SandboxServer;
  sandboxUrl: string;
  /** The app's JOOR_API_URL: the sandbox's /joor/v2. */
  joorUrl: string;
  close(): Promise<void>;
}

/**
 * The sandbox (JOOR's stand-in) on a random port and the API app with JOOR_API_URL pointing at it. Two extra
 * channels come through the real adapter token: one that takes orders (a valid export target) and the fake one
 * (a connected store that cannot take orders).
 */
export async function startJoorEnv(): Promise<JoorTestEnv> {
  const sandbox = createSandboxServer();
  const { url: sandboxUrl } = await sandbox.listen(0);
  const joorUrl = `${sandboxUrl}/joor/v2`;
  process.env.JOOR_API_URL = joorUrl;
  const t = await startTestApp({
    worker: false,
    imports: [ChannelAdapterHostModule.register(OrderSinkStubAdapter), ChannelAdapterHostModule.register(FakeChannelAdapter)],
  });
  return {
    t,
    sandbox,
    sandboxUrl,
    joorUrl,
    close: async () => {
      await t.close();
      await sandbox.close();
    },
  };
}

/** A connected store that can take exported orders. */
export function makeTargetStore(env: JoorTestEnv): Promise<Store> {
  return makeStore(env.t, { pluginKey: 'sink-stub', externalAccountId: uniq('sink'), name: 'Target' });
}

export function activateJoor(env: JoorTestEnv): Promise<unknown> {
  return env.t.app.get(PluginService).activate('joor-b2b');
}

export async function sandboxCall(env: JoorTestEnv, method: 'GET' | 'POST', path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${env.sandboxUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = await res.json();
  if (!res.ok) {
    throw new Error(`sandbox ${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
  }
  return json;
}

/** A JOOR account on the sandbox; returns its token. */
export async function createJoorAccount(
  env: JoorTestEnv,
  account: string,
  rateLimit?: { credits: number; windowSeconds: number },
): Promise<string> {
  const apiToken = `joor-${account}-${uniq('token')}`;
  await sandboxCall(env, 'POST', '/__sandbox/joor/accounts', { account, apiToken, ...(rateLimit ? { rateLimit } : {}) });
  return apiToken;
}

/** The example order of research §7.6 (src/orders/fixtures), with `change` applied. */
export function exampleOrder(change: Record<string, unknown> = {}): Record<string, any> {
  const order = JSON.parse(readFileSync(join(__dirname, '../src/orders/fixtures/joor-order.json'), 'utf8')) as Record<string, any>;
  return { ...order, ...change };
}

export async function seedOrder(env: JoorTestEnv, account: string, order: Record<string, unknown>): Promise<any> {
  return sandboxCall(env, 'POST', '/__sandbox/joor/orders', { account, order });
}

/** What the sandbox holds of one order (export state, times marked). */
export function sandboxOrder(env: JoorTestEnv, orderId: string): Promise<any> {
  return sandboxCall(env, 'GET', `/__sandbox/joor/orders/${orderId}`);
}

/** The JOOR calls an account received, oldest first. */
export async function joorLog(env: JoorTestEnv, account: string): Promise<any[]> {
  return (await sandboxCall(env, 'GET', `/__sandbox/joor/accounts/${account}/log`)).calls;
}

export function setFaults(
  env: JoorTestEnv,
  account: string,
  faults: { errorRate?: number; latencyMs?: number; throttle?: boolean },
): Promise<any> {
  return sandboxCall(env, 'POST', '/__sandbox/joor/faults', { account, ...faults });
}
