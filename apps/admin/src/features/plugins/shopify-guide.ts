import type { IntegrationGuide } from './integration-guides';

/** The Shopify guide, in our words: the WMS plugin doc's "How to set it up", our README and the Shopify lib's README. */
export const SHOPIFY_GUIDE: IntegrationGuide = {
  summary: 'Keeps Shopify stores in step with the warehouse: stock out, orders in, tracking and returns back.',
  whatItDoes: [
    'Stock (warehouse → Shopify), automatic: every stock movement updates Shopify within seconds; changes to the same product are grouped in a window (30 s by default) to stay under Shopify’s rate limits.',
    'Products (Shopify → warehouse), on demand: Sync Products maps each Shopify variant to a warehouse product, by SKU first, then by barcode. It never changes stock.',
    'Orders (Shopify → warehouse), automatic: new orders arrive by webhook within seconds, filtered by your order filters; a reconciliation every 15 minutes catches any webhook that went missing.',
    'Shipping (warehouse → Shopify), automatic: a shipment becomes a Shopify fulfillment with its tracking numbers.',
    'Returns, optional: returns opened on Shopify are expected in the warehouse and can be closed on Shopify once received.',
    'Several stores at once, each with its own locations, mappings and rules.',
  ],
  before: [
    'A Shopify app for this Gantry deployment (step 1; done once, not per store).',
    'At least one warehouse with a shipping process in the warehouse system.',
    'The Admin role to activate the plugin; the Integration manager role to connect stores and sync products.',
  ],
  steps: [
    {
      title: 'Create the Shopify app (once per deployment)',
      body: [
        'In Shopify’s Partner or Dev Dashboard, create an app. Set its App URL to this Gantry’s public address (APP_URL) and allow the redirection URL APP_URL/api/v1/auth/shopify/callback.',
        'Put the app’s client ID and secret in SHOPIFY_API_KEY and SHOPIFY_API_SECRET, and restart Gantry.',
        'Point the app’s mandatory privacy webhooks (customers/data_request, customers/redact, shop/redact) at APP_URL/api/v1/webhooks/shopify.',
        'Gantry asks for these access scopes when a store installs the app: read/write inventory, products, orders, merchant-managed fulfillment orders, returns and customers, and read locations. If your app’s configuration lists scopes, list the same ones. Orders older than 60 days also need read_all_orders, which Shopify grants on request.',
      ],
    },
    {
      title: 'Activate the Shopify plugin',
      body: ['On this page, press Activate on the Shopify card. Until then, no Shopify store can be connected.'],
    },
    {
      title: 'Connect the store',
      body: [
        'Under Stores, press + Add Store and enter the shop’s myshopify.com domain (for example your-store.myshopify.com; the shop name alone or its admin URL work too). Shopify uses this domain even when the storefront has its own.',
        'Shopify opens its install page with the permissions above: press Install. You come back to the store’s page in Gantry, connected. Finish in the same browser, within 10 minutes.',
        'Gantry registers its webhooks (orders, fulfillment orders, returns, inventory levels, app uninstalled) on connect: there is nothing to set up on Shopify.',
      ],
    },
    {
      title: 'Map locations to warehouses',
      body: [
        'In the store’s settings, map each Shopify location to a warehouse and its shipping process, and mark exactly one mapping as the default.',
        'Orders allocated to a location with no mapping go to the default. An order spread over two mapped locations becomes two warehouse orders.',
      ],
    },
    {
      title: 'Sync products',
      body: [
        'Under Product mapping, press Sync Products. Each variant is matched to a warehouse product by SKU, then by barcode; a variant that matches none gets a new warehouse product (unless that is switched off in the store’s settings); one with neither SKU nor barcode is skipped, with the reason.',
        'It maps catalogues only: it never creates stock and never changes mappings already made. Run it again whenever products are added on Shopify.',
      ],
    },
    {
      title: 'Choose which orders to import',
      body: [
        'Set the order filters (order status, financial status, fulfillment status, tags, created on or after) and check the preview of the last days’ orders before relying on them.',
        'Filters decide the first import of an order only; a skipped order is imported when a later change makes it pass.',
      ],
    },
    {
      title: 'Turn stock sync on: delta first, absolute after checking',
      body: [
        'Start in Delta mode: Gantry takes the warehouse’s stock at that moment as the baseline, pushes nothing at once, and from then on sends only changes. Shopify’s own numbers stay as they are.',
        'Compare a few products on Shopify with the warehouse. Once stock and mappings are right, switch to Absolute mode: Shopify is set to the warehouse’s available stock for every mapped variant, and kept there.',
        'The window (30 s by default) groups changes to the same product; the first change after a quiet spell goes at once.',
      ],
    },
  ],
  notes: [
    'Product sync never creates stock: it only maps catalogues.',
    'Absolute mode overwrites Shopify. Switch to it only once you have checked that the warehouse’s stock is right, or Shopify will show the warehouse’s mistakes.',
    'Stock sync does nothing until the store has a location mapping and mapped products: the store page says so with a warning.',
    'Disconnecting a store stops everything for it; connecting the same shop again keeps its settings and mappings.',
  ],
  troubleshooting: [
    {
      problem: 'The store says “needs re-auth”',
      fix: 'The app was uninstalled, its token was revoked, or Shopify granted fewer scopes than Gantry needs (the store page lists the missing ones). Press + Add Store with the same domain and Install again: the store keeps its id, settings and mappings, and the stock that changed meanwhile is pushed once it is back. The Shopify plugin must be active to reconnect.',
    },
    {
      problem: '“The Shopify plugin is not active” when adding a store',
      fix: 'An admin activates it on this page first.',
    },
    {
      problem: 'Coming back from Shopify fails with “the state does not match”',
      fix: 'The install was finished in another browser, or more than 10 minutes after it was started. Start again from + Add Store and press Install in the same browser.',
    },
    {
      problem: 'Stock does not change on Shopify',
      fix: 'Read the store’s warnings: stock sync switched off or paused, no location mapped, or no product mapped. Then open Activity for failed stock pushes and their reasons. A stock reconcile compares every mapped variant with the warehouse and corrects the differences.',
    },
    {
      problem: 'Shopify shows a different number than the warehouse',
      fix: 'Someone edited stock on Shopify, or a sale is still on its way. In Absolute mode Gantry sets the warehouse value back once the store’s orders are imported; in Delta mode the difference is recorded as drift and left alone: run a stock reconcile after checking.',
    },
    {
      problem: 'An order is missing',
      fix: 'Check the order filters’ preview: a skipped order is shown with the reason. Webhooks usually bring orders within seconds, and the reconciliation every 15 minutes catches missed ones; Import orders runs it now.',
    },
    {
      problem: 'An order is held (“needs attention”)',
      fix: 'A line’s variant matches no mapped product. Map it (Sync Products after adding the SKU or barcode) and the order is released; Retry reads it again from Shopify.',
    },
    {
      problem: 'Tracking does not reach Shopify',
      fix: 'The fulfillment is held by Shopify (a hold or a location move) or refused; Activity shows Shopify’s reason. It is tried again with backoff, or press Retry once the hold is released.',
    },
  ],
  deactivateEffects: [
    'Stores that need re-authorisation cannot be reconnected until the plugin is active again.',
    'Shopify stores already connected keep syncing stock, orders, shipments and returns.',
  ],
};
