import { readFileSync, readdirSync } from 'node:fs';
import type { LocalSystem } from '@media-monitor/local-infra';

/** CPU seconds (user + system) and resident memory of one process, from /proc. */
export function procSample(pid: number): { cpuSeconds: number; rssMb: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const rssPages = Number(fields[21]);
    return { cpuSeconds: ticks / 100, rssMb: (rssPages * 4096) / 1_048_576 };
  } catch {
    return undefined;
  }
}

/** Every process whose parent is `pid` (PostgreSQL's backends and workers). */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // gone
    }
  }
  return children;
}

/**
 * The processes of a running system by name: each service (replicas as `name-k`), nats-server,
 * ferretdb and postgresql (its postmaster with its backends and workers, read anew on each call).
 */
export function processIdsOf(system: LocalSystem): Record<string, number[]> {
  const pids: Record<string, number[]> = {};
  for (const p of system.processes) {
    const pid = p.process.pid;
    if (pid) pids[`${p.name}${p.replica ? `-${p.replica}` : ''}`] = [pid];
  }
  const nats = system.stack.nats.pid;
  if (nats) pids['nats-server'] = [nats];
  const ferret = system.stack.ferretdb.pid;
  if (ferret) pids['ferretdb'] = [ferret];
  const pg = system.stack.ferretdb.postgres?.pid;
  if (pg) pids['postgresql'] = [pg, ...childrenOf(pg)];
  return pids;
}

/** CPU seconds used so far by each named group of processes (those gone count 0). */
export function cpuSecondsOf(pids: Record<string, number[]>): Record<string, number> {
  const seconds: Record<string, number> = {};
  for (const [name, group] of Object.entries(pids))
    seconds[name] = group.reduce((sum, pid) => sum + (procSample(pid)?.cpuSeconds ?? 0), 0);
  return seconds;
}
