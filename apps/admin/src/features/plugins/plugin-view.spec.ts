import { INTEGRATION_GUIDES, guideFor } from './integration-guides';
import { deactivationEffects, pluginCards } from './plugin-view';

describe('pluginCards', () => {
  const plugins = [
    { key: 'shopify', name: 'Shopify', active: false },
    { key: 'joor-b2b', name: 'JOOR', active: true },
  ];

  it('sorts by name and offers admins the opposite of the current state', () => {
    expect(pluginCards(plugins, true).map((c) => [c.name, c.status, c.action])).toEqual([
      ['JOOR', 'active', 'deactivate'],
      ['Shopify', 'inactive', 'activate'],
    ]);
  });

  it('offers no action to people who are not admins', () => {
    expect(pluginCards(plugins, false).every((c) => c.action === null)).toBe(true);
  });

  it('uses the guide summary, and a plain sentence for a plugin without a guide', () => {
    const [acme] = pluginCards([{ key: 'acme', name: 'Acme', active: true }], true);
    expect(acme).toMatchObject({ hasGuide: false, summary: 'Connects Acme stores to the warehouse.' });
    expect(pluginCards(plugins, true)[1]).toMatchObject({ hasGuide: true, summary: guideFor('shopify')?.summary });
  });
});

describe('deactivationEffects', () => {
  it('says new stores are refused, adds the plugin’s own effects and says nothing is deleted', () => {
    const effects = deactivationEffects({ key: 'joor-b2b', name: 'JOOR' });
    expect(effects[0]).toBe('No new JOOR store can be connected while the plugin is inactive.');
    expect(effects).toContain(INTEGRATION_GUIDES['joor-b2b']?.deactivateEffects[0]);
    expect(effects[effects.length - 1]).toMatch(/^Nothing is deleted/);
  });

  it('works for a plugin without a guide', () => {
    expect(deactivationEffects({ key: 'acme', name: 'Acme' })).toHaveLength(2);
  });
});

describe('guideFor', () => {
  it('knows Shopify and JOOR, and nothing inherited from Object', () => {
    expect(guideFor('shopify')).not.toBeNull();
    expect(guideFor('joor-b2b')).not.toBeNull();
    expect(guideFor('toString')).toBeNull();
    expect(guideFor('acme')).toBeNull();
  });

  it.each(Object.entries(INTEGRATION_GUIDES))('%s has steps, troubleshooting and no empty text', (_key, guide) => {
    expect(guide.steps.length).toBeGreaterThan(2);
    expect(guide.troubleshooting.length).toBeGreaterThan(2);
    const texts = [guide.summary, ...guide.whatItDoes, ...guide.before, ...guide.notes, ...guide.deactivateEffects];
    texts.push(...guide.steps.flatMap((s) => [s.title, ...s.body]), ...guide.troubleshooting.flatMap((t) => [t.problem, t.fix]));
    expect(texts.every((t) => t.trim().length > 0)).toBe(true);
  });

  it('tells Shopify users to start in delta mode and JOOR users about re-export', () => {
    const shopify = JSON.stringify(guideFor('shopify'));
    expect(shopify).toMatch(/Start in Delta mode/);
    expect(shopify).toMatch(/SKU, then by barcode/);
    expect(JSON.stringify(guideFor('joor-b2b'))).toMatch(/Re-export/);
  });
});
