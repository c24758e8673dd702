import {
  type JourneyHarness,
  scenarioGraph,
  startJourneyHarness,
} from '../../../../tests/support/journey-harness';
import { waitFor } from '../../../../tests/support/ports';

describe('condition nodes in running journeys', () => {
  let h: JourneyHarness;
  beforeAll(async () => {
    h = await startJourneyHarness();
  });
  afterAll(async () => h?.close());

  const traitsOf = async (profileId: string) =>
    (await h.pool.query(`SELECT traits FROM profiles WHERE id = $1`, [profileId])).rows[0].traits;

  it('condition.segment reads the membership when the step runs', async () => {
    const {
      rows: [{ id: segmentId }],
    } = await h.pool.query(
      `INSERT INTO segments (workspace_id, name, rule) VALUES ($1, 'VIP', '{"type":"and","rules":[]}') RETURNING id`,
      [h.workspaceId],
    );
    const scenario = await h.publish(
      scenarioGraph(
        [
          ['start', 'trigger.api', {}],
          ['pause', 'wait.duration', { amount: 1, unit: 'days' }],
          ['vip', 'condition.segment', { segmentId }],
          ['in', 'update.profile', { set: { vip_path: 'yes' } }],
          ['out', 'update.profile', { set: { vip_path: 'no' } }],
          ['end', 'exit', {}],
        ],
        [
          'start.out -> pause',
          'pause.out -> vip',
          'vip.yes -> in',
          'vip.no -> out',
          'in.out -> end',
          'out.out -> end',
        ],
      ),
    );
    const [joins, stays] = [await h.createCustomer(), await h.createCustomer()];
    const journeys = [await h.enter(scenario, joins), await h.enter(scenario, stays)];
    await h.waitForStep(journeys[0].journeyId, 'pause', 'waiting');
    // Joins the segment after entering, during the wait: the condition sees the membership of now.
    await h.pool.query(
      `INSERT INTO segment_memberships (workspace_id, segment_id, profile_id, segment_version) VALUES ($1, $2, $3, 1)`,
      [h.workspaceId, segmentId, joins],
    );
    await Promise.all(journeys.map((journey) => journey.result()));
    expect(await traitsOf(joins)).toEqual({ vip_path: 'yes' });
    expect(await traitsOf(stays)).toEqual({ vip_path: 'no' });
  });

  it('condition.engagement: resends only to customers who did not open the first email', async () => {
    const scenario = await h.publish(
      scenarioGraph(
        [
          ['start', 'trigger.api', {}],
          ['welcome', 'send.email', { subject: 'Your welcome offer', text: 'Hello' }],
          ['pause', 'wait.duration', { amount: 3, unit: 'days' }],
          ['opened', 'condition.engagement', { nodeId: 'welcome', engagement: 'opened' }],
          ['resend', 'send.email', { subject: 'It is not too late', text: 'Your offer is waiting' }],
          ['end', 'exit', {}],
        ],
        [
          'start.out -> welcome',
          'welcome.out -> pause',
          'pause.out -> opened',
          'opened.yes -> end',
          'opened.no -> resend',
          'resend.out -> end',
        ],
      ),
    );
    const reader = await h.createCustomer({ email: 'reader@example.test', consents: ['email'] });
    const ignorer = await h.createCustomer({ email: 'ignorer@example.test', consents: ['email'] });
    const journeys = [await h.enter(scenario, reader), await h.enter(scenario, ignorer)];
    await h.waitForStep(journeys[0].journeyId, 'pause', 'waiting');
    // The open, as the tracking endpoint stores it: an event naming the ledger row.
    const { rows } = await h.pool.query(
      `SELECT id FROM message_ledger WHERE journey_id = $1 AND node_id = 'welcome'`,
      [journeys[0].journeyId],
    );
    await h.storeEvent(reader, 'message.opened', { messageId: rows[0].id });
    const outcomes = await Promise.all(journeys.map((journey) => journey.result()));
    expect(outcomes.map((o) => o.path)).toEqual([
      ['welcome', 'pause', 'opened', 'end'],
      ['welcome', 'pause', 'opened', 'resend', 'end'],
    ]);
    const subjectsTo = (address: string) =>
      h.smtp.messages.filter((m) => !Array.isArray(m.to) && m.to?.text === address).map((m) => m.subject);
    await waitFor('the resent email', async () =>
      subjectsTo('ignorer@example.test').length === 2 ? true : undefined,
    );
    expect(subjectsTo('reader@example.test')).toEqual(['Your welcome offer']);
    expect(subjectsTo('ignorer@example.test')).toEqual(['Your welcome offer', 'It is not too late']);
  });

  it('condition.consent then switch.attribute: the email of the customer’s appetence, if contactable', async () => {
    const scenario = await h.publish(
      scenarioGraph(
        [
          ['start', 'trigger.api', {}],
          ['contactable', 'condition.consent', { channel: 'email' }],
          [
            'appetence',
            'switch.attribute',
            {
              path: 'computed.appetence',
              cases: [
                { value: 'cat', port: 'cat' },
                { value: 'dog', port: 'dog' },
              ],
            },
          ],
          ['cat-mail', 'send.email', { subject: 'For your cat', text: 'Meow' }],
          ['dog-mail', 'send.email', { subject: 'For your dog', text: 'Woof' }],
          ['any-mail', 'send.email', { subject: 'For your pet', text: 'Hello' }],
          ['sms-later', 'update.profile', { set: { needs_sms: true } }],
          ['end', 'exit', {}],
        ],
        [
          'start.out -> contactable',
          'contactable.yes -> appetence',
          'contactable.no -> sms-later',
          'appetence.cat -> cat-mail',
          'appetence.dog -> dog-mail',
          'appetence.other -> any-mail',
          'cat-mail.out -> end',
          'dog-mail.out -> end',
          'any-mail.out -> end',
          'sms-later.out -> end',
        ],
      ),
    );
    const customers = [
      ['cat@example.test', ['email'], 'cat'],
      ['dog@example.test', ['email'], 'dog'],
      ['rodent@example.test', ['email'], 'rodent'],
      ['no-consent@example.test', [], 'cat'],
    ] as const;
    const ids = [];
    for (const [email, consents, appetence] of customers) {
      const id = await h.createCustomer({ email, consents: [...consents] });
      await h.pool.query(`UPDATE profiles SET computed_traits = $2 WHERE id = $1`, [id, { appetence }]);
      ids.push(id);
    }
    const outcomes = await Promise.all(ids.map(async (id) => (await h.enter(scenario, id)).result()));
    expect(outcomes.map((o) => o.path)).toEqual([
      ['contactable', 'appetence', 'cat-mail', 'end'],
      ['contactable', 'appetence', 'dog-mail', 'end'],
      ['contactable', 'appetence', 'any-mail', 'end'],
      ['contactable', 'sms-later', 'end'],
    ]);
    expect(await traitsOf(ids[3])).toEqual({ needs_sms: true });
  });
});
