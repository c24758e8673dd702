import { explainedBy } from '../support/app-process';
import { useJourneyStack } from '../support/journey-stack';
import { waitFor } from '../support/ports';
import { profileIdOf, publishWelcome, putCustomer } from './profile-fixtures';

/**
 * Merging two known customers by API while one of them is in a running journey (Postgres +
 * Temporal + SMTP, real API and worker): nothing is lost, nothing doubled, and the journey carries
 * on with the survivor — once.
 */
describe('merging two known profiles with events and a running journey', () => {
  const stack = useJourneyStack();
  const track = (userId: string, event: string) => stack.track(userId, event, { source: 'test' });
  /** Events, identities and journeys per profile id. */
  const countsOf = async (...profileIds: string[]) => {
    const { rows } = await stack.db.query(
      `SELECT p.id,
              (SELECT count(*)::int FROM events e WHERE e.profile_id = p.id) AS events,
              (SELECT count(*)::int FROM profile_identities i WHERE i.profile_id = p.id) AS identities,
              (SELECT count(*)::int FROM journeys j WHERE j.profile_id = p.id) AS journeys
       FROM profiles p WHERE p.id = ANY($1)`,
      [profileIds],
    );
    return Object.fromEntries(rows.map(({ id, ...counts }) => [id, counts]));
  };
  const waiting = (profileId: string, count = 1) =>
    explainedBy(
      waitFor(`${count} journey(s) of ${profileId} in their wait`, async () => {
        const { rows } = await stack.db.query(
          `SELECT count(*)::int AS n FROM journey_steps s JOIN journeys j ON j.id = s.journey_id
           WHERE j.profile_id = $1 AND s.node_id = 'wait-2s' AND j.status = 'running'`,
          [profileId],
        );
        return rows[0].n === count ? true : undefined;
      }),
      stack.api.process,
      stack.worker.process,
    );
  const mailsTo = (address: string) =>
    stack.smtp.messages.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === address);

  it('moves events, identities and the journey to the survivor, which receives the one email', async () => {
    await publishWelcome(stack.admin, { name: 'Trial', event: 'trial.started', waitSeconds: 4 });
    const amelieId = await putCustomer(stack.admin, 'amelie', {
      traits: { firstName: 'Amelie', country: 'FR' },
    });
    const bastienId = await putCustomer(stack.admin, 'bastien', {
      traits: { firstName: 'Bastien', country: 'US' },
    });
    await track('amelie', 'page.viewed');
    await track('amelie', 'page.viewed');
    await track('bastien', 'page.viewed');
    await track('bastien', 'trial.started');
    await waiting(bastienId);

    const before = await countsOf(amelieId, bastienId);
    expect(before).toEqual({
      [amelieId]: { events: 2, identities: 2, journeys: 0 },
      [bastienId]: { events: 2, identities: 2, journeys: 1 },
    });
    const merged = await stack.admin('POST', '/profiles/merge', { survivor: 'amelie', merged: 'bastien' });
    expect(merged).toEqual({
      status: 200,
      body: {
        survivorId: amelieId,
        mergedId: bastienId,
        moved: {
          identities: 2,
          events: 2,
          journeys: 1,
          messages: 0,
          consentRecords: 1,
          pushSubscriptions: 0,
        },
        exitedJourneys: [],
      },
    });
    // Nothing lost, nothing doubled: the sums are the same, all on the survivor.
    expect(await countsOf(amelieId, bastienId)).toEqual({
      [amelieId]: { events: 4, identities: 4, journeys: 1 },
      [bastienId]: { events: 0, identities: 0, journeys: 0 },
    });
    expect(await profileIdOf(stack.db, stack.workspace.workspaceId, 'user_id', 'bastien')).toBe(amelieId);
    const { rows: recorded } = await stack.db.query(
      `SELECT survivor_id, merged_id, reason FROM profile_merges WHERE merged_id = $1`,
      [bastienId],
    );
    expect(recorded).toEqual([{ survivor_id: amelieId, merged_id: bastienId, reason: 'api' }]);

    // Bastien's journey finishes on Amelie's data: her address, her language, her name. Once.
    const [mail] = await explainedBy(stack.smtp.waitForMessages(1), stack.api.process, stack.worker.process);
    expect(mail.to && !Array.isArray(mail.to) && mail.to.text).toBe('amelie@example.test');
    expect(mail.subject).toBe('Bonjour Amelie');
    await waitFor('the journey to complete', async () => {
      const { rows } = await stack.db.query(`SELECT status, profile_id FROM journeys WHERE profile_id = $1`, [
        amelieId,
      ]);
      return rows[0]?.status === 'completed' ? rows : undefined;
    });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(stack.smtp.messages).toHaveLength(1);
    expect(mailsTo('bastien@example.test')).toHaveLength(0);

    // The survivor's 360 shows the journey and the message, wherever the worker filed it.
    const view = await stack.admin<{
      journeys: { status: string }[];
      messages: { status: string; recipient: string }[];
    }>('GET', '/profiles/bastien');
    expect(view.body).toMatchObject({
      id: amelieId,
      mergedFrom: bastienId,
      journeys: [{ status: 'completed' }],
      messages: [{ status: 'sent', recipient: 'amelie@example.test' }],
    });
  });

  it('when both are in the same scenario, only the survivor’s journey continues: one email in all', async () => {
    await publishWelcome(stack.admin, { name: 'Cart', event: 'cart.abandoned', waitSeconds: 4 });
    const chloeId = await putCustomer(stack.admin, 'chloe', {
      traits: { firstName: 'Chloe', country: 'FR' },
    });
    const damienId = await putCustomer(stack.admin, 'damien', {
      traits: { firstName: 'Damien', country: 'US' },
    });
    await track('chloe', 'cart.abandoned');
    await track('damien', 'cart.abandoned');
    await Promise.all([waiting(chloeId), waiting(damienId)]);
    const [{ id: damienJourney }] = (
      await stack.db.query(`SELECT id FROM journeys WHERE profile_id = $1`, [damienId])
    ).rows;
    const sent = stack.smtp.messages.length;

    const merged = await stack.admin<{ exitedJourneys: string[]; moved: { journeys: number } }>(
      'POST',
      '/profiles/merge',
      { survivor: 'chloe', merged: 'damien' },
    );
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ exitedJourneys: [damienJourney], moved: { journeys: 1 } });

    await explainedBy(stack.smtp.waitForMessages(sent + 1), stack.api.process, stack.worker.process);
    await waitFor('the survivor’s journey to complete', async () => {
      const { rows } = await stack.db.query(
        `SELECT count(*)::int AS n FROM journeys WHERE profile_id = $1 AND status = 'completed'`,
        [chloeId],
      );
      return rows[0].n === 1 ? true : undefined;
    });
    // Past the duplicate's own send time: still one email, to Chloe, in French.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(stack.smtp.messages).toHaveLength(sent + 1);
    expect(mailsTo('chloe@example.test').map((m) => m.subject)).toEqual(['Bonjour Chloe']);
    expect(mailsTo('damien@example.test')).toHaveLength(0);
    const { rows } = await stack.db.query(
      `SELECT j.profile_id, j.status, j.exit_reason, (SELECT count(*)::int FROM message_ledger l WHERE l.journey_id = j.id) AS messages
       FROM journeys j WHERE j.id = $1`,
      [damienJourney],
    );
    expect(rows).toEqual([{ profile_id: chloeId, status: 'exited', exit_reason: 'merged', messages: 0 }]);
    // Two abandoned carts, and the `message.sent` of the one email.
    expect(await countsOf(chloeId, damienId)).toEqual({
      [chloeId]: { events: 3, identities: 4, journeys: 2 },
      [damienId]: { events: 0, identities: 0, journeys: 0 },
    });
  });
});
