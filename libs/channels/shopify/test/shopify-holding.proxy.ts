import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HeldRequest {
  body: string;
  /** What the sandbox answered (it applied the request); the caller never saw it. */
  answer: unknown;
}

/**
 * Stands between the app and the sandbox and passes everything through. Armed for a pattern, it lets the next matching
 * request reach Shopify and keeps the answer back: `drop` resets the caller's connection (an answer lost on the way),
 * `hold` never answers (the caller waits until it is killed). The worst moment for exactly-once, reached by an event.
 */
export class ShopifyHoldingProxy {
  /** Requests seen per pattern given to `count`. */
  private readonly seen: string[] = [];
  private armed: { pattern: RegExp; mode: 'drop' | 'hold'; resolve: (held: HeldRequest) => void } | null = null;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<ShopifyHoldingProxy> {
    const holder: { proxy?: ShopifyHoldingProxy } = {};
    const server = createServer((req, res) => {
      holder.proxy
        ?.forward(target, req, res)
        .catch((error: unknown) => res.destroy(error instanceof Error ? error : new Error(String(error))));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new ShopifyHoldingProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    holder.proxy = proxy;
    return proxy;
  }

  /** Resolves with the next request matching `pattern` once Shopify has applied it; its answer never arrives. */
  next(pattern: RegExp, mode: 'drop' | 'hold'): Promise<HeldRequest> {
    return new Promise((resolve) => {
      this.armed = { pattern, mode, resolve };
    });
  }

  disarm(): void {
    this.armed = null;
  }

  /** How many requests whose body matched `pattern` went through (held ones included). */
  count(pattern: RegExp): number {
    return this.seen.filter((body) => pattern.test(body)).length;
  }

  /** The bodies of the requests that matched `pattern`, in order. */
  bodies(pattern: RegExp): string[] {
    return this.seen.filter((body) => pattern.test(body));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async forward(target: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const text = body.toString('utf8');
    this.seen.push(text);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) {
        headers.set(name, value);
      }
    }
    const answer = await fetch(`${target}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers,
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
      redirect: 'manual',
    });
    const answerText = await answer.text();
    const armed = this.armed;
    if (armed && armed.pattern.test(text)) {
      this.armed = null;
      armed.resolve({ body: text, answer: answerText ? (JSON.parse(answerText) as unknown) : null });
      if (armed.mode === 'drop') {
        req.socket.destroy();
      }
      return;
    }
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) {
        out[name] = value;
      }
    });
    res.writeHead(answer.status, out);
    res.end(answerText);
  }
}
