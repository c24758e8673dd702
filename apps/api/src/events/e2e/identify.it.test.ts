import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { eventsOf, identitiesOf, profileBy } from '../../../../../tests/integration/ingestion-queries';

describe('POST /v1/identify: who the user is', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  it('applies traits, normalised, merging key by key over earlier ones; context.traits count too', async () => {
    const first = await h.ingest('POST', '/v1/identify', {
      userId: 'noa',
      traits: { email: 'Noa@Example.TEST', phone: '+33 6 12 34 56 78', country: 'fr', pets: ['cat'] },
    });
    expect(first).toEqual({ status: 200, body: { success: true } });
    await h.ingest('POST', '/v1/identify', {
      userId: 'noa',
      traits: { firstName: 'Noa', pets: ['cat', 'dog'] },
      context: { traits: { timezone: 'Europe/Paris', firstName: 'ignored: traits win' } },
    });
    await h.ingest('POST', '/v1/track', {
      userId: 'noa',
      event: 'x',
      context: { traits: { locale: 'fr-FR' } },
    });
    const noa = (await profileBy(h.db, 'user_id', 'noa'))!;
    expect(noa).toMatchObject({
      email: 'noa@example.test',
      phone: '+33612345678',
      traits: {
        email: 'noa@example.test',
        phone: '+33612345678',
        country: 'FR',
        pets: ['cat', 'dog'],
        firstName: 'Noa',
        timezone: 'Europe/Paris',
        locale: 'fr-FR',
      },
    });
    expect(await identitiesOf(h.db, noa.id)).toEqual([
      'email:noa@example.test',
      'phone:+33612345678',
      'user_id:noa',
    ]);
    expect((await eventsOf(h.db, noa.id)).map((e) => e.type)).toEqual(['identify', 'identify', 'track']);
  });

  it('recognises an anonymous visitor by the email an earlier visitor gave', async () => {
    await h.ingest('POST', '/v1/identify', { anonymousId: 'laptop', traits: { email: 'oz@example.test' } });
    await h.ingest('POST', '/v1/identify', {
      anonymousId: 'phone',
      traits: { email: 'OZ@example.test', plan: 'pro' },
    });
    const byEmail = (await profileBy(h.db, 'email', 'oz@example.test'))!;
    expect(await identitiesOf(h.db, byEmail.id)).toEqual([
      'anonymous_id:laptop',
      'anonymous_id:phone',
      'email:oz@example.test',
    ]);
    expect(byEmail.traits).toEqual({ email: 'oz@example.test', plan: 'pro' });
  });
});
