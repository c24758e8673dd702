import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { eventsOf, profileBy } from '../../../../../tests/integration/ingestion-queries';

describe('POST /v1/group: group membership on the profile', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  it("records each group's traits under traits.groups, updating a group seen again", async () => {
    await h.ingest('POST', '/v1/identify', {
      userId: 'pia',
      traits: { name: 'Pia', groups: 'not an object' },
    });
    for (const body of [
      { userId: 'pia', groupId: 'acme', traits: { name: 'Acme', plan: 'free' } },
      { userId: 'pia', groupId: 'globex' },
      { userId: 'pia', groupId: 'acme', traits: { name: 'Acme', plan: 'enterprise' } },
    ]) {
      expect(await h.ingest('POST', '/v1/group', body)).toEqual({ status: 200, body: { success: true } });
    }
    const pia = (await profileBy(h.db, 'user_id', 'pia'))!;
    // The group's own traits (its name, its plan) are the group's, not the user's.
    expect(pia.traits).toEqual({
      name: 'Pia',
      groups: { acme: { name: 'Acme', plan: 'enterprise' }, globex: {} },
    });
    expect((await eventsOf(h.db, pia.id)).map((e) => [e.type, e.properties])).toEqual([
      ['identify', { name: 'Pia', groups: 'not an object' }],
      ['group', { groupId: 'acme', traits: { name: 'Acme', plan: 'free' } }],
      ['group', { groupId: 'globex', traits: {} }],
      ['group', { groupId: 'acme', traits: { name: 'Acme', plan: 'enterprise' } }],
    ]);
  });
});
