import { loadWorkerConfig, twilioSettings, workerTuning } from './config';

const required = { DATABASE_URL: 'postgres://parcours@127.0.0.1:5432/parcours' };

describe('worker tuning from the environment', () => {
  it('bounds the workflow cache by default instead of sizing it from the heap', () => {
    expect(workerTuning(loadWorkerConfig(required))).toEqual({
      maxCachedWorkflows: 1_000,
      maxConcurrentWorkflowTaskExecutions: 40,
      maxConcurrentActivityTaskExecutions: 100,
    });
  });

  it('takes each knob from its variable', () => {
    const config = loadWorkerConfig({
      ...required,
      WORKER_MAX_CACHED_WORKFLOWS: '0',
      WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '8',
      WORKER_MAX_CONCURRENT_ACTIVITIES: '250',
    });
    expect(workerTuning(config)).toEqual({
      maxCachedWorkflows: 0,
      maxConcurrentWorkflowTaskExecutions: 8,
      maxConcurrentActivityTaskExecutions: 250,
    });
  });

  it.each([
    ['WORKER_MAX_CACHED_WORKFLOWS', 'lots'],
    ['WORKER_MAX_CACHED_WORKFLOWS', '-1'],
    ['WORKER_MAX_CONCURRENT_WORKFLOW_TASKS', '1'],
    ['WORKER_MAX_CONCURRENT_ACTIVITIES', '2.5'],
    ['WORKER_MAX_CONCURRENT_ACTIVITIES', '1e9'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadWorkerConfig({ ...required, [name]: value })).toThrow(
      new RegExp(`Invalid configuration: .*${name}`),
    );
  });
});

describe('SMS through Twilio from the environment', () => {
  const sid = (prefix: string) => `${prefix}${'0123456789abcdef'.repeat(2)}`;

  it('is off when unset or empty (as compose passes an unset variable)', () => {
    expect(twilioSettings(loadWorkerConfig(required))).toBeUndefined();
    const empty = {
      TWILIO_ACCOUNT_SID: '',
      TWILIO_AUTH_TOKEN: '',
      TWILIO_FROM_NUMBER: '',
      PUBLIC_API_URL: '',
    };
    expect(twilioSettings(loadWorkerConfig({ ...required, ...empty }))).toBeUndefined();
  });

  it('takes a number in E.164 or a Messaging Service (which wins) as the sender', () => {
    const base = { ...required, TWILIO_ACCOUNT_SID: sid('AC'), TWILIO_AUTH_TOKEN: 'token' };
    expect(
      twilioSettings(loadWorkerConfig({ ...base, TWILIO_FROM_NUMBER: '+33 7 00 00 00 00' })),
    ).toMatchObject({
      sender: { from: '+33700000000' },
      timeoutMs: 15_000,
    });
    const both = { ...base, TWILIO_FROM_NUMBER: '+33700000000', TWILIO_MESSAGING_SERVICE_SID: sid('MG') };
    expect(twilioSettings(loadWorkerConfig(both))?.sender).toEqual({ messagingServiceSid: sid('MG') });
  });

  it('refuses malformed values, and an account without token or sender', () => {
    for (const [name, value] of [
      ['TWILIO_ACCOUNT_SID', 'SK0123'],
      ['TWILIO_FROM_NUMBER', '0612345678'],
      ['TWILIO_MESSAGING_SERVICE_SID', 'MG12'],
      ['PUBLIC_API_URL', 'ftp://example.com'],
      ['PUSH_VAPID_SUBJECT', 'admin@example.com'],
    ]) {
      expect(() => loadWorkerConfig({ ...required, [name]: value })).toThrow(
        new RegExp(`Invalid configuration: .*${name}`),
      );
    }
    expect(() => twilioSettings(loadWorkerConfig({ ...required, TWILIO_ACCOUNT_SID: sid('AC') }))).toThrow(
      /TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID/,
    );
  });
});
