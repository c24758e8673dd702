// CPU time of processes, from /proc (Linux): where a benchmark's time goes, measured in the run.
import fs from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function ticksOf(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** CPU milliseconds used so far by `pid`, or null off Linux. */
export function cpuMsOf(pid) {
  const stat = pid === undefined ? null : ticksOf(pid);
  return stat && stat.ticks * TICK_MS;
}

/** CPU milliseconds used so far by the children of `parentPid` (a postmaster's backends). */
export function childrenCpuMs(parentPid) {
  if (parentPid === undefined || !fs.existsSync('/proc')) return null;
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = ticksOf(entry);
    if (stat && stat.ppid === parentPid) total += stat.ticks * TICK_MS;
  }
  return total;
}

/** This process's CPU milliseconds so far. */
export function ownCpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * CPU milliseconds used so far by `pid` and all its children, including those that have exited
 * (a postmaster and every backend it ever had: pooled connections come and go during a run).
 */
export function processTreeCpuMs(pid) {
  if (pid === undefined) return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime, stime, then cutime, cstime: the children it has waited for
    const own = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) * TICK_MS;
    return own + childrenCpuMs(pid);
  } catch {
    return null;
  }
}
