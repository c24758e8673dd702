// The baseline of the journey benchmark: a workflow that schedules the same sequence of
// activities and timers as a journey does (read from a journey's history), with activities that
// do nothing. What the journey engine costs on top is the gap between the two.
import { proxyActivities, proxyLocalActivities, sleep } from '@temporalio/workflow';

const { nothing } = proxyActivities({ startToCloseTimeout: '10 seconds' });
const { nothingLocally } = proxyLocalActivities({ startToCloseTimeout: '10 seconds' });

/** `shape`, in order: 'activity', 'local-activity', or a timer's duration in milliseconds. */
export async function bareWorkflow(shape) {
  for (const step of shape) {
    if (step === 'activity') await nothing();
    else if (step === 'local-activity') await nothingLocally();
    else await sleep(step);
  }
}
