import { welcomeScenario } from '@parcours/domain';
import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { addMember } from '../../../../../tests/support/users';

interface ErrorBody {
  message: string;
}

describe('roles on scenarios: viewers read, editors write, API keys keep working', () => {
  let h: ApiHarness;
  let scenarioId: string;
  beforeAll(async () => {
    h = await startApiHarness();
    const created = await h.admin<{ id: string }>('POST', '/scenarios', {
      name: 'Welcome',
      graph: welcomeScenario,
    });
    scenarioId = created.body.id;
  });
  afterAll(() => h?.close());

  it('lets a viewer read and validate, and refuses every change with 403, storing nothing', async () => {
    const viewer = await (await addMember(h, 'viewer')).signIn();
    expect((await viewer('GET', '/scenarios')).status).toBe(200);
    expect((await viewer('GET', `/scenarios/${scenarioId}`)).status).toBe(200);
    expect((await viewer('GET', `/scenarios/${scenarioId}/versions`)).status).toBe(200);
    expect((await viewer('POST', `/scenarios/${scenarioId}/validate`)).status).toBe(200);

    const before = await h.counts();
    const changes: [string, string, unknown?][] = [
      ['POST', '/scenarios', { name: 'Sneaky' }],
      ['PUT', `/scenarios/${scenarioId}`, { name: 'Renamed' }],
      ['POST', `/scenarios/${scenarioId}/publish`],
      ['POST', `/scenarios/${scenarioId}/duplicate`],
      ['DELETE', `/scenarios/${scenarioId}`],
      ['PUT', '/profiles/someone', { traits: {} }],
    ];
    for (const [method, path, body] of changes) {
      const res = await viewer<ErrorBody>(method, path, body);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
      expect(res.body.message).toBe(
        'Your role (viewer) can only read: this needs the editor role (create, edit and publish)',
      );
    }
    expect(await h.counts()).toEqual(before);
    expect((await h.admin<{ name: string }>('GET', `/scenarios/${scenarioId}`)).body.name).toBe('Welcome');
  });

  it('lets an editor create, edit and publish', async () => {
    const editor = await (await addMember(h, 'editor')).signIn();
    const created = await editor<{ id: string }>('POST', '/scenarios', {
      name: 'Editor’s',
      graph: welcomeScenario,
    });
    expect(created.status).toBe(201);
    expect((await editor('PUT', `/scenarios/${created.body.id}`, { name: 'Edited' })).status).toBe(200);
    expect((await editor('POST', `/scenarios/${created.body.id}/publish`)).status).toBe(201);
  });

  it('keeps admin keys working on every route, with no role', async () => {
    expect((await h.admin('PUT', `/scenarios/${scenarioId}`, { name: 'Welcome' })).status).toBe(200);
    expect((await h.admin('GET', '/users')).status).toBe(200);
  });
});
