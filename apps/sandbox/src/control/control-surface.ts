import { Router } from 'express';
import type { SandboxStore } from '../state/sandbox-store';

export interface SurfaceRoute {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  description: string;
}

/** Every route of the sandbox's own control surface (a test checks that each registered /__sandbox route is here). */
export const CONTROL_ROUTES: readonly SurfaceRoute[] = [
  { method: 'GET', path: '/', description: 'This list (also at /__sandbox).' },
  { method: 'GET', path: '/__sandbox', description: 'This list.' },
  { method: 'GET', path: '/__sandbox/health', description: 'Readiness: {ok, smtpPort} (where the SMTP receiver really listens).' },
  {
    method: 'POST',
    path: '/__sandbox/shops',
    description:
      '{shop, plan?: standard|advanced|plus, apiKey, apiSecret, locations?, replaceSecret?} → {shop, staffAccessToken, created}; ' +
      'again with the same secret changes nothing; another secret for an existing apiKey is 409 unless replaceSecret: true.',
  },
  {
    method: 'POST',
    path: '/__sandbox/faults',
    description:
      '{shop, errorRate? (503 or reset before executing), errorAfterRate? (executed and applied, then 503 or reset), latencyMs?, throttle?, dropWebhooks?, duplicateWebhooks?, reorderWebhooks?, rateLimitScale?}',
  },
  { method: 'GET', path: '/__sandbox/shops/:shop/log', description: 'The Admin API calls the shop received, with their cost.' },
  {
    method: 'GET',
    path: '/__sandbox/shops/:shop/webhook-deliveries',
    description: 'Webhook deliveries and their state (?state=pending).',
  },
  {
    method: 'POST',
    path: '/__sandbox/shops/:shop/fulfillment-services',
    description: '{name, apiKey?, callbackUrl?, …}: a third-party fulfillment service with its own location.',
  },
  {
    method: 'POST',
    path: '/__sandbox/shops/:shop/uninstall',
    description: '{apiKey?}: the merchant uninstalls the app (tokens revoked, app/uninstalled sent).',
  },
  { method: 'GET', path: '/__sandbox/bulk/:shop/:file', description: "A finished bulk operation's JSONL (its url)." },
  {
    method: 'POST',
    path: '/__sandbox/oauth/approve',
    description:
      'Sandbox affordance for curl users: {authorizeUrl} does what pressing Install on the consent page does → {callbackUrl}, ' +
      'where the browser would be redirected (open it with the cookies of POST /stores/shopify).',
  },
  { method: 'POST', path: '/__sandbox/state/save', description: '{path}: writes the Shopify and JOOR state to a file.' },
  { method: 'POST', path: '/__sandbox/state/load', description: '{path}: replaces the state with a saved one.' },
  { method: 'POST', path: '/__sandbox/reset', description: 'Forgets every shop, app, token and JOOR account.' },
  { method: 'GET', path: '/__sandbox/mail', description: 'What the SMTP receiver caught (?to= one recipient).' },
  { method: 'DELETE', path: '/__sandbox/mail', description: 'Empties the mailbox.' },
  { method: 'POST', path: '/__sandbox/joor/accounts', description: '{account, apiToken, rateLimit?: {credits, windowSeconds}}' },
  { method: 'GET', path: '/__sandbox/joor/accounts/:account/log', description: 'The JOOR calls the account received.' },
  { method: 'POST', path: '/__sandbox/joor/faults', description: '{account, errorRate?, latencyMs?, throttle?}' },
  {
    method: 'POST',
    path: '/__sandbox/joor/orders',
    description: "{account, order}: an order in JOOR's v2 shape (order_id given, status PENDING or APPROVED); 409 when it exists.",
  },
  { method: 'GET', path: '/__sandbox/joor/orders/:orderId', description: 'One JOOR order with its export state.' },
  { method: 'POST', path: '/__sandbox/joor/orders/:orderId/status', description: '{status}: JOOR changes the order (e.g. CANCELLED).' },
  { method: 'POST', path: '/__sandbox/joor/orders/:orderId/reexport', description: 'JOOR sets the order to be exported again.' },
  { method: 'POST', path: '/__sandbox/joor/orders/:orderId/modify', description: '{fields?, line_items?}: JOOR edits the order.' },
  {
    method: 'POST',
    path: '/__sandbox/joor/orders/:orderId/fail-validation',
    description: "{description, kind?: missing_fields|deleted_styles}: a failure JOOR's export check reports (description: null mends it).",
  },
];

export interface SurfaceDeps {
  store: SandboxStore;
  smtpPort: () => number | null;
  /** Where the state is kept across restarts (SANDBOX_STATE_FILE), or null. */
  stateFile: string | null;
}

/** GET / and GET /__sandbox: what this sandbox answers, so a visitor need not read its sources. */
export class ControlSurfaceRouter {
  static create(deps: SurfaceDeps): Router {
    const router = Router();
    const describe = () => ({
      name: 'Gantry sandbox: a local Shopify, JOOR and SMTP stand-in',
      shops: Object.keys(deps.store.raw.shops),
      joorAccounts: Object.keys(deps.store.raw.joor.accounts),
      stateFile: deps.stateFile,
      shopify: {
        adminGraphql: {
          method: 'POST',
          path: '/{shop}/admin/api/{version}/graphql.json',
          description:
            "Shopify's Admin GraphQL API (validated against the published schema of that version); header X-Shopify-Access-Token: " +
            'a token from OAuth or the staff token of POST /__sandbox/shops. {shop} is e.g. gantry-demo.myshopify.com.',
        },
        oauth: [
          {
            method: 'GET',
            path: '/{shop}/admin/oauth/authorize',
            description: 'The consent page (?client_id, scope, redirect_uri, state); its Install button posts the form below.',
          },
          {
            method: 'POST',
            path: '/{shop}/admin/oauth/authorize/approve',
            description: "Install: redirects (302) to the app's redirect_uri with code, hmac, host, shop, state, timestamp.",
          },
          {
            method: 'POST',
            path: '/{shop}/admin/oauth/access_token',
            description: '{client_id, client_secret, code | grant_type: refresh_token, refresh_token, expiring?} → an offline token.',
          },
        ],
      },
      joor: {
        base: '/joor/v2',
        auth: 'Authorization: OAuth2 <base64 of the API token>',
        routes: [
          { method: 'GET', path: '/joor/v2/orders', description: "JOOR's v2 order list (order_type, sync, count, check, …)." },
          { method: 'GET', path: '/joor/v2/order/:orderId', description: 'One order (also /joor/v2/orders/:orderId).' },
        ],
      },
      smtp: {
        port: deps.smtpPort(),
        description: 'Accepts any mail (no auth, no TLS); read it at GET /__sandbox/mail.',
      },
      control: CONTROL_ROUTES,
    });
    router.get(['/', '/__sandbox'], (_req, res) => {
      res.json(describe());
    });
    return router;
  }
}
