import { explainedBy } from '../support/app-process';
import { useJourneyStack } from '../support/journey-stack';
import { waitFor } from '../support/ports';
import { welcomeJourney } from './journey-scenario';

describe('a published scenario drives journeys end to end (Postgres + Temporal + SMTP)', () => {
  const stack = useJourneyStack();

  it('sends each new customer exactly the email their country calls for', async () => {
    const { admin, ingest } = stack;

    const created = await admin<{ id: string }>('POST', '/scenarios', {
      name: 'Welcome by country',
      graph: welcomeJourney(),
    });
    expect(created.status).toBe(201);
    const published = await admin<{ version: number }>('POST', `/scenarios/${created.body.id}/publish`);
    expect(published).toMatchObject({ status: 201, body: { version: 1 } });

    const granted = { email: { status: 'granted', source: 'signup-form' } };
    for (const [userId, email, firstName, country] of [
      ['alice', 'alice@example.test', 'Alice', 'FR'],
      ['bob', 'bob@example.test', 'Bob & <Co>', 'US'],
    ]) {
      const upsert = await admin('PUT', `/profiles/${userId}`, {
        email,
        traits: { firstName, country },
        consents: granted,
      });
      expect(upsert.status).toBe(200);
    }
    // Carol has an address but never consented: she walks the journey and receives nothing.
    await admin('PUT', '/profiles/carol', {
      email: 'carol@example.test',
      traits: { firstName: 'Carol', country: 'FR' },
    });

    for (const userId of ['alice', 'bob', 'carol']) {
      const tracked = await ingest('POST', '/v1/track', {
        userId,
        event: 'account.created',
        properties: { plan: 'free' },
      });
      expect(tracked).toEqual({ status: 200, body: { success: true } });
    }

    const mails = await explainedBy(stack.smtp.waitForMessages(2), stack.api.process, stack.worker.process);
    const byRecipient = new Map(mails.map((m) => [m.to && !Array.isArray(m.to) ? m.to.text : '', m]));
    expect(byRecipient.get('alice@example.test')?.subject).toBe('Bonjour Alice');
    expect(byRecipient.get('alice@example.test')?.text?.trim()).toBe(
      'Bonjour Alice,\n\nBienvenue chez nous !',
    );
    expect(byRecipient.get('bob@example.test')?.subject).toBe('Hello Bob & <Co>');
    // Profile data is escaped in the HTML part, never interpreted as markup.
    expect(byRecipient.get('bob@example.test')?.html).toContain('<p>Hello Bob &amp; &lt;Co&gt;,</p>');

    // Every journey completes, including Carol's, and nobody receives a second email.
    await waitFor('three completed journeys', async () => {
      const { rows } = await stack.db.query(
        `SELECT count(*)::int AS n FROM journeys WHERE status = 'completed'`,
      );
      return rows[0].n === 3 ? true : undefined;
    });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(stack.smtp.messages).toHaveLength(2);

    const ledger = await stack.db.query(
      `SELECT p.external_id, l.status, l.reason FROM message_ledger l JOIN profiles p ON p.id = l.profile_id ORDER BY 1`,
    );
    expect(ledger.rows).toEqual([
      { external_id: 'alice', status: 'sent', reason: null },
      { external_id: 'bob', status: 'sent', reason: null },
      { external_id: 'carol', status: 'skipped', reason: 'no_email_consent' },
    ]);
    const steps = await stack.db.query(
      `SELECT string_agg(s.node_id || ':' || s.outcome, ' > ' ORDER BY s.step_index) AS path
       FROM journey_steps s JOIN journeys j ON j.id = s.journey_id JOIN profiles p ON p.id = j.profile_id
       WHERE p.external_id = 'alice' GROUP BY j.id`,
    );
    expect(steps.rows[0].path).toBe(
      'account-created:entered > wait-2s:waited > check-country:yes > email-fr:sent > exit:exited',
    );
  });

  it('stores a retried track call (same messageId) once and starts no second journey', async () => {
    const { ingest } = stack;
    const call = { userId: 'dave', event: 'page.viewed', messageId: 'msg-dave-1' };
    expect((await ingest('POST', '/v1/track', call)).status).toBe(200);
    expect((await ingest('POST', '/v1/track', call)).status).toBe(200);
    const { rows } = await stack.db.query(
      `SELECT count(*)::int AS n FROM events WHERE message_id = 'msg-dave-1'`,
    );
    expect(rows[0].n).toBe(1);
  });
});
