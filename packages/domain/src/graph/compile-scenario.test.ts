import { welcomeScenario } from '../fixtures/welcome-scenario';
import { triggerOf } from '../journey/trigger-of';
import { compileScenario } from './compile-scenario';
import { ScenarioInvalidError } from './scenario-invalid-error';

describe('compileScenario', () => {
  const definition = compileScenario(welcomeScenario);

  it('starts at the trigger', () => {
    expect(definition.formatVersion).toBe(2);
    expect(definition.entry).toEqual({ reentry: { policy: 'always' } });
    expect(definition.exitCriteria).toEqual([]);
    expect(definition.listensFor).toEqual([]);
    expect(definition.entryStepId).toBe('account-created');
    expect(triggerOf(definition)).toBe(definition.steps['account-created']);
  });

  it('maps every output port to its target', () => {
    expect(Object.keys(definition.steps)).toEqual([
      'account-created',
      'wait-2s',
      'check-country',
      'email-fr',
      'email-en',
      'exit',
    ]);
    expect(definition.steps['check-country']).toEqual({
      id: 'check-country',
      type: 'condition.attribute',
      typeVersion: 1,
      kind: 'condition',
      config: { path: 'country', operator: 'equals', value: 'FR' },
      next: { yes: 'email-fr', no: 'email-en' },
    });
    expect(definition.steps['wait-2s'].next).toEqual({ out: 'check-country' });
    expect(definition.steps.exit).toEqual({
      id: 'exit',
      type: 'exit',
      typeVersion: 1,
      kind: 'exit',
      config: {},
      next: {},
    });
  });

  it('applies config defaults and drops editor-only data', () => {
    const graph = JSON.parse(JSON.stringify(welcomeScenario));
    delete graph.nodes[0].config.filters;
    delete graph.nodes[5].config;
    graph.nodes[3].config.unknownKey = 'dropped';
    const compiled = compileScenario(graph);
    expect(compiled.steps['account-created'].config).toEqual({ event: 'account.created', filters: [] });
    expect(compiled.steps.exit.config).toEqual({});
    expect(compiled.steps['email-fr'].config).not.toHaveProperty('unknownKey');
    expect(compiled.steps['email-fr']).not.toHaveProperty('position');
    expect(compiled.steps['email-fr']).not.toHaveProperty('label');
  });

  it('produces plain JSON', () => {
    expect(JSON.parse(JSON.stringify(definition))).toEqual(definition);
  });

  it('throws ScenarioInvalidError with every issue when invalid', () => {
    const graph = JSON.parse(JSON.stringify(welcomeScenario));
    graph.edges = graph.edges.filter((e: { id: string }) => e.id !== 'check-country-no');
    graph.nodes[1].config.amount = -1;
    const error = (() => {
      try {
        compileScenario(graph);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ScenarioInvalidError);
    const { issues, message } = error as ScenarioInvalidError;
    expect(issues.map((issue) => issue.code)).toEqual([
      'invalid_config',
      'port_unconnected',
      'unreachable_node',
    ]);
    expect(message).toContain("Port 'no' of node 'check-country' is not connected");
    expect(() => compileScenario(null)).toThrow(ScenarioInvalidError);
  });
});

describe('triggerOf', () => {
  const definition = compileScenario(welcomeScenario);

  it('throws on a definition without its entry step', () => {
    expect(() => triggerOf({ ...definition, entryStepId: 'gone', steps: {} })).toThrow(/no trigger/);
    expect(() => triggerOf({ ...definition, entryStepId: 'toString', steps: {} })).toThrow(/no trigger/);
  });
});
