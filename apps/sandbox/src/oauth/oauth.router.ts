import { Router, type Request, type Response } from 'express';
import { SandboxStore } from '../state/sandbox-store';
import { OAuthError, type ApprovalInput, type OAuthService } from './oauth.service';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/** Shopify's OAuth endpoints under /{shop}.myshopify.com/admin/oauth/… plus a browserless approval for tests. */
export class OAuthRouter {
  static create(oauth: OAuthService, store: SandboxStore): Router {
    const router = Router();
    const fail = (res: Response, error: unknown) => {
      if (error instanceof OAuthError) {
        res.status(error.status).json({ error: error.code, error_description: error.message });
        return;
      }
      throw error;
    };

    router.get('/:shop/admin/oauth/authorize', (req: Request, res: Response) => {
      const shop = store.shop(str(req.params.shop));
      const clientId = str(req.query.client_id);
      const app = store.raw.apps[clientId];
      if (!shop || !app) {
        res.status(404).type('html').send('<h1>404 — unknown shop or application</h1>');
        return;
      }
      const fields = {
        client_id: clientId,
        scope: str(req.query.scope),
        redirect_uri: str(req.query.redirect_uri),
        state: str(req.query.state),
      };
      const hidden = Object.entries(fields)
        .map(([k, v]) => `<input type="hidden" name="${k}" value="${escape(v)}">`)
        .join('');
      const scopes = fields.scope
        .split(',')
        .filter(Boolean)
        .map((s) => `<li>${escape(s)}</li>`)
        .join('');
      res
        .type('html')
        .send(
          `<!doctype html><html><head><title>Install app — ${escape(shop.name)}</title></head><body>` +
            `<h1>Install app on ${escape(shop.domain)}</h1><p>The app <code>${escape(clientId)}</code> asks for:</p><ul>${scopes}</ul>` +
            `<form method="post" action="/${escape(shop.domain)}/admin/oauth/authorize/approve">${hidden}` +
            `<button type="submit" id="install">Install</button></form></body></html>`,
        );
    });

    router.post('/:shop/admin/oauth/authorize/approve', (req: Request, res: Response) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      try {
        res.redirect(
          302,
          oauth.approve({
            shop: str(req.params.shop),
            clientId: str(body.client_id),
            scope: str(body.scope),
            redirectUri: str(body.redirect_uri),
            state: str(body.state),
          }),
        );
      } catch (error) {
        fail(res, error);
      }
    });

    // A sandbox affordance, not Shopify's: does what pressing Install on the consent page does, for curl users and
    // scripts. Give `authorizeUrl` (the URL the app sent the merchant to) and get `callbackUrl`, where the browser would
    // be redirected (the app's callback with code, hmac, shop, state, timestamp). The older form takes the fields.
    router.post('/__sandbox/oauth/approve', (req: Request, res: Response) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const input = OAuthRouter.approval(body);
      if ('error' in input) {
        res.status(400).json({ error: 'invalid_request', error_description: input.error });
        return;
      }
      try {
        const callbackUrl = oauth.approve(input);
        res.json({ callbackUrl, redirectUrl: callbackUrl });
      } catch (error) {
        fail(res, error);
      }
    });

    router.post('/:shop/admin/oauth/access_token', (req: Request, res: Response) => {
      try {
        res.json(
          oauth.exchange(str(req.params.shop), {
            ...(req.query as Record<string, unknown>),
            ...((req.body ?? {}) as Record<string, unknown>),
          }),
        );
      } catch (error) {
        fail(res, error);
      }
    });
    return router;
  }

  /** The approval asked for: from an authorize URL (`/{shop}/admin/oauth/authorize?…` or `https://{shop}/admin/oauth/authorize?…`) or from fields. */
  private static approval(body: Record<string, unknown>): ApprovalInput | { error: string } {
    if (body.authorizeUrl === undefined) {
      return {
        shop: SandboxStore.normalizeShop(str(body.shop)),
        clientId: str(body.clientId),
        scope: str(body.scope),
        redirectUri: str(body.redirectUri),
        state: str(body.state),
      };
    }
    let url: URL;
    try {
      url = new URL(str(body.authorizeUrl));
    } catch {
      return { error: 'authorizeUrl must be an absolute URL' };
    }
    const path = /^(?:\/([^/]+))?\/admin\/oauth\/authorize\/?$/.exec(url.pathname);
    if (!path) {
      return { error: 'authorizeUrl must point at /{shop}/admin/oauth/authorize' };
    }
    const shop = path[1] ? decodeURIComponent(path[1]) : url.hostname;
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!q.get('client_id') || !URL.canParse(redirectUri)) {
      return { error: 'authorizeUrl needs client_id and an absolute redirect_uri' };
    }
    return {
      shop: SandboxStore.normalizeShop(shop),
      clientId: q.get('client_id') ?? '',
      scope: q.get('scope') ?? '',
      redirectUri,
      state: q.get('state') ?? '',
    };
  }
}
