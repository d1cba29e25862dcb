import { readFileSync, readdirSync } from 'node:fs';

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
