import { JOOR_GUIDE } from './joor-guide';
import { SHOPIFY_GUIDE } from './shopify-guide';

/** One step of a guide: a short title and the sentences under it. */
export interface GuideStep {
  title: string;
  body: string[];
}

/** A symptom people report and what to do about it. */
export interface GuideProblem {
  problem: string;
  fix: string;
}

/** The Integration guide of one plugin: what it does, how to set it up, and what to do when it misbehaves. */
export interface IntegrationGuide {
  /** One sentence for the plugin's card. */
  summary: string;
  /** What flows where, one line each. */
  whatItDoes: string[];
  /** What must exist before the first step. */
  before: string[];
  steps: GuideStep[];
  /** Advice worth reading before going live. */
  notes: string[];
  troubleshooting: GuideProblem[];
  /** What deactivating this plugin does beyond refusing new stores, said in the confirmation. */
  deactivateEffects: string[];
}

/** Guides by plugin key (`GET /plugins` → `key`). */
export const INTEGRATION_GUIDES: Readonly<Record<string, IntegrationGuide>> = {
  shopify: SHOPIFY_GUIDE,
  'joor-b2b': JOOR_GUIDE,
};

/** The guide of a plugin, or null for a plugin this admin has no guide for yet (a channel added later). */
export function guideFor(key: string): IntegrationGuide | null {
  return Object.prototype.hasOwnProperty.call(INTEGRATION_GUIDES, key) ? (INTEGRATION_GUIDES[key] ?? null) : null;
}
