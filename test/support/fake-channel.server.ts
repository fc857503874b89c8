import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  ChannelAdapterException,
  ChannelErrorCode,
  type ChannelStockPair,
  type ChannelStockWrite,
  type ChannelStockWriteResult,
} from '@gantry/core';
import { FakeAnswerLost, FakeStockLedger } from './fake-channel.stock';

/** The entry point of a Gantry process with the fake channel registered (for AppProcess.start's `entry`). */
export const FAKE_CHANNEL_APP_ENTRY = join(__dirname, 'fake-channel.main.ts');

/** A write the channel applied while its answer is held back. */
export interface HeldWrite {
  storeId: string;
  idempotencyKey: string;
  result: ChannelStockWriteResult;
  /** Sends the answer after all (when the writer is still listening). */
  release(): void;
}

/**
 * The fake channel as a service of its own: its stock lives here, in the test's process, so it outlives the worker
 * processes that write to it (FAKE_CHANNEL_URL points the fake adapter here). JSON over HTTP:
 * `POST /stock/write {storeId, write}` answers the write's result (idempotency keys are remembered here; a refused
 * write or an injected fault answers `{code, message}` with 400 or 503; a lost answer resets the connection after
 * applying), `POST /stock/read {storeId, pairs}` answers `{quantities}`. Fault knobs and the call log are on `ledger`.
 */
export class FakeChannelServer {
  readonly ledger = new FakeStockLedger();
  private hold: ((write: HeldWrite) => void) | null = null;
  private readonly held: ServerResponse[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeChannelServer> {
    const holder: { fake?: FakeChannelServer } = {};
    const server = createServer((req, res) => {
      holder.fake?.handle(req, res).catch((error: unknown) => {
        res.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeChannelServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    holder.fake = fake;
    return fake;
  }

  /**
   * Resolves with the next write once the channel has applied it; its answer is held back until `release()` (the
   * writer waits, gives up or dies). The moment a crash hurts exactly-once most, reached by an event rather than by
   * timing.
   */
  holdNextWrite(): Promise<HeldWrite> {
    return new Promise((resolve) => {
      this.hold = resolve;
    });
  }

  /** Stops holding (a test that failed before its write came). */
  disarm(): void {
    this.hold = null;
  }

  close(): Promise<void> {
    for (const res of this.held) {
      res.destroy();
    }
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
      storeId?: string;
      write?: ChannelStockWrite;
      pairs?: ChannelStockPair[];
    };
    const storeId = body.storeId ?? '';
    if (req.method === 'POST' && req.url === '/stock/read') {
      return send(res, 200, { quantities: await this.ledger.read(storeId, body.pairs ?? []) });
    }
    if (req.method !== 'POST' || req.url !== '/stock/write' || !body.write) {
      return send(res, 404, { code: 'NOT_FOUND', message: `no route ${req.method ?? ''} ${req.url ?? ''}` });
    }
    const write = body.write;
    let result: ChannelStockWriteResult;
    try {
      result = await this.ledger.write(storeId, write);
    } catch (error) {
      if (!(error instanceof ChannelAdapterException)) {
        throw error;
      }
      if (error instanceof FakeAnswerLost) {
        // Applied, and the connection drops before the answer: the caller cannot tell whether it went through.
        res.destroy();
        return;
      }
      return send(res, error.code === ChannelErrorCode.TEMPORARY ? 503 : 400, { code: error.code, message: error.message });
    }
    const hold = this.hold;
    if (hold) {
      this.hold = null;
      this.held.push(res);
      const release = (): void => {
        if (!res.destroyed && !res.writableEnded) {
          send(res, 200, result);
        }
      };
      hold({ storeId, idempotencyKey: write.idempotencyKey, result, release });
      return;
    }
    send(res, 200, result);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
