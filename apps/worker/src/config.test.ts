import { loadWorkerConfig, workerTuning } from './config';

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
