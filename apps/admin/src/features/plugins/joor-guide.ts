import type { IntegrationGuide } from './integration-guides';

/** The JOOR guide, in our words: the JOOR order-sync article of the seeds, our README and the JOOR lib's README. */
export const JOOR_GUIDE: IntegrationGuide = {
  summary: 'Exports approved JOOR wholesale orders to a Shopify store, once each, and tells you when one cannot go.',
  whatItDoes: [
    'Orders (JOOR → Shopify), on a schedule: approved JOOR orders are created as Shopify orders on the linked Shopify store, each once, then marked exported on JOOR.',
    'Orders arrive unpaid and unfulfilled by default; they can be created as fulfilled, or assigned to one Shopify location (which also fulfils them).',
    'Customers are found on Shopify by e-mail, or created.',
    'The Shopify order note can carry JOOR details: payment terms, shipping method, linesheet, ship window, season, sales rep, PO.',
    'Failed exports are mailed to your alert addresses as one digest per run.',
  ],
  before: [
    'A connected Shopify store to export to (see the Shopify guide), with its products on Shopify: JOOR styles are matched to Shopify variants, never created.',
    'A JOOR API token for your account (JOOR’s v2 API), from your JOOR account or JOOR’s integration team.',
    'The Admin role to activate the plugin; the Integration manager role to connect the account, change its settings and re-export.',
  ],
  steps: [
    {
      title: 'Activate the JOOR plugin',
      body: ['On this page, press Activate on the JOOR card.'],
    },
    {
      title: 'Connect the JOOR account and link it to a Shopify store',
      body: [
        'Under Stores, add a JOOR store: a name, the API token and the Shopify store its orders go to.',
        'The token is checked with JOOR at once and stored encrypted. Connecting the same JOOR account again updates its token, name and Shopify store.',
      ],
    },
    {
      title: 'Set the export interval',
      body: [
        'JOOR sends no webhooks, so Gantry asks it for approved orders every interval: 15 minutes at the least (the default), a day at the most. It can be made longer, never shorter.',
      ],
    },
    {
      title: 'Decide how orders land on Shopify',
      body: [
        'Fulfilled or not, and at which location; whether stock must be available on Shopify (the default: every unit must be, and Shopify’s stock is decremented) or is bypassed; the default tax per billing country; which JOOR details go into the order note.',
      ],
    },
    {
      title: 'Add alert addresses',
      body: [
        'Failed exports are mailed to these addresses after each run, in one digest. A failure is listed once, and again only if its reason changes.',
      ],
    },
    {
      title: 'Run a first export and check it',
      body: [
        'Press Sync now on the JOOR store, then open JOOR exports: each approved order shows as exported (with its Shopify order) or failed (with the reason).',
      ],
    },
  ],
  notes: [
    'Approve a JOOR order only once it is final: an order is exported once, and later changes on JOOR do not export it again.',
    'Styles created on JOOR only (or with JOOR’s data uploader) cannot be exported: the style must exist on Shopify.',
    'Exported orders are named JOOR-<order id> on Shopify; a re-export adds -R1, -R2…',
  ],
  troubleshooting: [
    {
      problem: 'Insufficient stock',
      fix: 'Some units are not available on Shopify. The export is tried again every run, so it goes once stock arrives; or choose to bypass stock for JOOR orders.',
    },
    {
      problem: 'Unknown style',
      fix: 'A line matches no Shopify variant (by UPC as variant id or barcode, then style with colour and size, then SKU). Create or fix the product on Shopify, then press Retry on the export.',
    },
    {
      problem: 'Customer data',
      fix: 'The JOOR order has no e-mail to find or create the Shopify customer by. Correct it on JOOR; the export is tried again when the order changes, or press Retry.',
    },
    {
      problem: 'An exported order was changed on JOOR',
      fix: 'It is not exported again by itself. Cancel the Shopify order first, then press Re-export (integration managers): a new Shopify order is created from JOOR’s current order. Re-export is refused while the previous Shopify order is not cancelled.',
    },
    {
      problem: 'Previous order not cancelled',
      fix: 'A re-export (yours or JOOR’s “set to re-export”) waits until the previous Shopify order is cancelled; it is checked every run.',
    },
    {
      problem: 'The JOOR store needs re-auth',
      fix: 'JOOR refused the token. Connect the account again with a valid token: the store keeps its settings and history.',
    },
    {
      problem: 'No alert mail arrives',
      fix: 'Check the alert addresses on the JOOR store. Without a mail server configured (SMTP_URL) alerts wait, unsent; nothing is lost.',
    },
    {
      problem: 'Exports are slow to start',
      fix: 'JOOR allows 300 calls per 5 minutes per account; Gantry waits when it is reached and carries on.',
    },
  ],
  deactivateEffects: [
    'Exports stop: scheduled runs wait and Sync now is refused. Approved orders stay on JOOR and are exported once the plugin is active again.',
  ],
};
