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
