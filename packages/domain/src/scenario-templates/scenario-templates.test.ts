import { randomUUID } from 'node:crypto';
import { computedTraitSpecSchema } from '../computed-traits/computed-trait-definition';
import { scenarioGraphSchema } from '../graph/scenario-graph';
import { scenarioSegmentReferences } from '../graph/scenario-segments';
import { validateScenario } from '../graph/validate-scenario';
import { segmentRuleSchema } from '../segments/segment-rule';
import { renderTemplate } from '../templating';
import { SCENARIO_TEMPLATES, scenarioTemplate } from '.';

const idsFor = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, randomUUID()]));

describe('scenario templates', () => {
  it('have unique, URL-safe ids and are found by id', () => {
    const ids = SCENARIO_TEMPLATES.map((template) => template.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(scenarioTemplate('zoro-abandoned-cart')?.brand).toBe('Zoro');
    expect(scenarioTemplate('nope')).toBeUndefined();
  });

  it.each(SCENARIO_TEMPLATES.map((template) => [template.id, template]))(
    '%s is publishable and names exactly the segments it installs',
    (_id, template) => {
      const segmentIds = idsFor(Object.keys(template.segments));
      const graph = scenarioGraphSchema.parse(template.graph(segmentIds));
      expect(validateScenario(graph)).toEqual([]);
      const named = new Set(scenarioSegmentReferences(graph).map((reference) => reference.segmentId));
      expect(named).toEqual(new Set(Object.values(segmentIds)));
      for (const segment of Object.values(template.segments)) {
        expect(segmentRuleSchema.safeParse(segment.rule).error).toBeUndefined();
      }
      for (const trait of template.computedTraits) {
        expect(
          computedTraitSpecSchema.safeParse({ kind: trait.kind, config: trait.config }).error,
        ).toBeUndefined();
      }
    },
  );

  it('agree on a computed trait of the same key within a brand (one workspace holds them)', () => {
    const byBrand = new Map<string, Map<string, string>>();
    for (const template of SCENARIO_TEMPLATES) {
      const traits = byBrand.get(template.brand) ?? new Map<string, string>();
      byBrand.set(template.brand, traits);
      for (const trait of template.computedTraits) {
        const spec = JSON.stringify(
          computedTraitSpecSchema.parse({ kind: trait.kind, config: trait.config }),
        );
        expect([undefined, spec]).toContain(traits.get(trait.key));
        traits.set(trait.key, spec);
      }
    }
  });

  const emailOf = (templateId: string, nodeId: string) => {
    const template = scenarioTemplate(templateId)!;
    const graph = template.graph(idsFor(Object.keys(template.segments)));
    return graph.nodes.find((node) => node.id === nodeId)!.config as { subject: string; html: string };
  };

  it('personalise the welcome email by animal appetence', async () => {
    const { html } = emailOf('miaoum-welcome-pack', 'welcome-email');
    const cat = await renderTemplate(html, { profile: { firstName: 'Léa', computed: { appetence: 'cat' } } });
    expect(cat).toContain('Bonjour Léa');
    expect(cat).toContain('Pour votre chat');
    expect(cat).not.toContain('Pour votre chien');
    const unknown = await renderTemplate(html, { profile: { computed: {} } });
    expect(unknown).toContain('Chats, chiens, rongeurs');
  });

  it('word the kibble alert by the pack size of the order that triggered it', async () => {
    const { html } = emailOf('miaoum-kibble-stock-alert', 'stock-email');
    const xl = await renderTemplate(html, { profile: { computed: {} }, event: { packSize: 'XL' } });
    expect(xl).toContain('sac XL de 15 kg');
    expect(xl).toContain('pack=XL');
    const s = await renderTemplate(html, { profile: { computed: {} }, event: { packSize: 'S' } });
    expect(s).toContain('sac S de 2 kg');
  });

  it('give promophiles a code and everyone a block for their department', async () => {
    const { html } = emailOf('zoro-repurchase-overdue', 'comeback-email');
    const promophile = await renderTemplate(html, {
      profile: { computed: { promophilie: { decile: 9 }, department: 'denim' } },
    });
    expect(promophile).toContain('RETOUR20');
    expect(promophile).toContain('Denim : nos nouvelles coupes');
    const fullPrice = await renderTemplate(html, {
      profile: { computed: { promophilie: { decile: 3 }, department: 'cosy' } },
    });
    expect(fullPrice).not.toContain('RETOUR20');
    expect(fullPrice).toContain('Cosy : mailles douces');
  });
});
