import { Client as TemporalClient, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { explainedBy } from '../support/app-process';
import { bearer } from '../support/apps';
import { useJourneyStack } from '../support/journey-stack';
import { waitFor } from '../support/ports';
import { profileIdOf, publishWelcome, putCustomer, rowsMentioning } from './profile-fixtures';

interface Export {
  profile: { id: string; userId: string; consents: Record<string, { status: string }> };
  identities: { kind: string; value: string }[];
  consentHistory: { channel: string; status: string }[];
  journeys: { id: string; status: string; currentStep: { nodeId: string }; steps: unknown[] }[];
  events: { name: string; properties: Record<string, unknown> }[];
}

/** GDPR access and erasure against the running product (Postgres + Temporal + SMTP). */
describe('GDPR: export everything, then erase a customer who is mid-journey', () => {
  const stack = useJourneyStack();
  let temporal: TemporalClient;
  const journeyOf = async (profileId: string) =>
    (
      await stack.db.query(
        `SELECT id, workflow_id, status, exit_reason FROM journeys WHERE profile_id = $1`,
        [profileId],
      )
    ).rows[0];

  beforeAll(async () => {
    temporal = new TemporalClient({
      connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS }),
    });
  });

  afterAll(async () => {
    await temporal?.connection.close();
  });

  it('exports the person, erases them mid-journey: no email ever, no personal data left, a fresh start', async () => {
    await publishWelcome(stack.admin, { event: 'account.created', waitSeconds: 4 });
    const erinId = await putCustomer(stack.admin, 'erin', {
      email: 'erin.private@example.test',
      traits: { firstName: 'Erin-Private', country: 'FR' },
    });
    // Carl walks the same journey and is not erased: his email proves the journey does send.
    const carlId = await putCustomer(stack.admin, 'carl', { traits: { firstName: 'Carl', country: 'FR' } });
    await stack.track('erin', 'basket.viewed', { item: 'Private-Item-77' });
    await stack.track('erin', 'account.created');
    await stack.track('carl', 'account.created');
    await explainedBy(
      waitFor('both journeys in their wait, before the send', async () => {
        const { rows } = await stack.db.query(
          `SELECT count(*)::int AS n FROM journey_steps s JOIN journeys j ON j.id = s.journey_id
           WHERE s.node_id = 'wait-2s' AND j.status = 'running'`,
        );
        return rows[0].n === 2 ? true : undefined;
      }),
      stack.api.process,
      stack.worker.process,
    );

    // Access: everything about Erin, nothing about Carl.
    const exported = await fetch(`${stack.api.url}/profiles/erin/export`, {
      headers: { authorization: bearer(stack.workspace.adminKey) },
    });
    expect(exported.status).toBe(200);
    const doc = (await exported.json()) as Export;
    expect(doc.profile).toMatchObject({
      id: erinId,
      userId: 'erin',
      consents: { email: { status: 'granted' } },
    });
    expect(doc.identities.map((i) => `${i.kind}:${i.value}`).sort()).toEqual([
      'email:erin.private@example.test',
      'user_id:erin',
    ]);
    expect(doc.consentHistory).toEqual([expect.objectContaining({ channel: 'email', status: 'granted' })]);
    expect(doc.journeys).toEqual([
      expect.objectContaining({
        status: 'running',
        currentStep: expect.objectContaining({ nodeId: 'wait-2s' }),
      }),
    ]);
    expect(doc.journeys[0].steps).toHaveLength(2);
    expect(doc.events.map((e) => e.name).sort()).toEqual(['account.created', 'basket.viewed']);
    expect(doc.events).toContainEqual(expect.objectContaining({ properties: { item: 'Private-Item-77' } }));
    expect(JSON.stringify(doc)).not.toContain('carl');

    // Erasure, while Erin's journey sleeps before its send.
    const { workflow_id: erinWorkflow } = await journeyOf(erinId);
    expect((await stack.admin('DELETE', '/profiles/erin')).status).toBe(204);

    // Carl's email arrives; past Erin's send time and Carl's completion, Erin has received nothing.
    const [mail] = await explainedBy(stack.smtp.waitForMessages(1), stack.api.process, stack.worker.process);
    expect(mail.to && !Array.isArray(mail.to) && mail.to.text).toBe('carl@example.test');
    await waitFor('Carl’s journey to complete', async () =>
      (await journeyOf(carlId)).status === 'completed' ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 2_000));
    expect(stack.smtp.messages).toHaveLength(1);
    expect(await journeyOf(erinId)).toMatchObject({ status: 'exited', exit_reason: 'erased' });
    const { rows: ledger } = await stack.db.query(
      `SELECT l.status, l.recipient FROM message_ledger l JOIN journeys j ON j.id = l.journey_id
       WHERE j.profile_id = $1`,
      [erinId],
    );
    expect(ledger).toEqual([]);

    // No personal data left anywhere in the database.
    for (const needle of ['erin.private@example.test', 'Erin-Private', 'Private-Item-77']) {
      expect({ needle, found: await rowsMentioning(stack.db, needle) }).toEqual({ needle, found: {} });
    }
    const { rows: left } = await stack.db.query(
      `SELECT external_id, email, traits, consents, erased_at IS NOT NULL AS erased,
              (SELECT count(*)::int FROM events WHERE profile_id = p.id) AS events,
              (SELECT count(*)::int FROM profile_identities WHERE profile_id = p.id) AS identities,
              (SELECT count(*)::int FROM consent_history WHERE profile_id = p.id) AS consents_history,
              (SELECT count(*)::int FROM journey_steps s JOIN journeys j ON j.id = s.journey_id
               WHERE j.profile_id = p.id) AS steps
       FROM profiles p WHERE id = $1`,
      [erinId],
    );
    expect(left).toEqual([
      {
        external_id: null,
        email: null,
        traits: {},
        consents: {},
        erased: true,
        events: 0,
        identities: 0,
        consents_history: 0,
        steps: 0,
      },
    ]);
    // Nor in Temporal: the journey's history (which held the trigger event) is deleted, which
    // Temporal does asynchronously (seconds, sometimes more than ten).
    await waitFor(
      'Erin’s workflow history to be deleted',
      async () => {
        try {
          await temporal.workflow.getHandle(erinWorkflow).describe();
          return undefined;
        } catch (error) {
          return error instanceof WorkflowNotFoundError ? true : undefined;
        }
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    await expect(
      temporal.workflow.getHandle((await journeyOf(carlId)).workflow_id).describe(),
    ).resolves.toBeDefined();

    // The same userId arriving again is a new customer, with nothing of the old one.
    await stack.track('erin', 'page.viewed');
    const freshId = await profileIdOf(stack.db, stack.workspace.workspaceId, 'user_id', 'erin');
    expect(freshId).toEqual(expect.any(String));
    expect(freshId).not.toBe(erinId);
    const fresh = await stack.admin<{ id: string; email: string | null; traits: object; consents: object }>(
      'GET',
      '/profiles/erin',
    );
    expect(fresh.body).toMatchObject({ id: freshId, email: null, traits: {}, consents: {} });
    const events = await stack.admin<{ events: { name: string }[] }>('GET', '/profiles/erin/events');
    expect(events.body.events.map((e) => e.name)).toEqual(['page.viewed']);
  });
});
