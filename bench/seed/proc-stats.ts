// Resource use of the benchmark's process tree from /proc (Linux): peak RSS
// of this process and all its descendants (sampled), and CPU time of this
// process plus every child it has reaped (utime+stime+cutime+cstime), so a
// row's CPU includes worker processes, Python hosts and shell commands once
// they have exited.

import { readdirSync, readFileSync } from "node:fs";

const TICKS = 100; // USER_HZ on Linux
const PAGE_KB = 4;

interface Stat {
  readonly pid: number;
  readonly ppid: number;
  readonly rssKb: number;
}

function readStat(pid: string): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // rest[0] is field 3 (state): ppid is field 4, rss (pages) field 24.
    return { pid: Number(pid), ppid: Number(rest[1]), rssKb: Number(rest[21]) * PAGE_KB };
  } catch {
    return undefined;
  }
}

/** Sum of RSS over `root` and its descendants, in MB. */
export function treeRssMb(root: number = process.pid): number {
  const stats: Stat[] = [];
  for (const name of readdirSync("/proc"))
    if (/^\d+$/.test(name)) {
      const s = readStat(name);
      if (s) stats.push(s);
    }
  const children = new Map<number, Stat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let kb = 0;
  const todo = [root];
  const self = stats.find((s) => s.pid === root);
  if (self) kb += self.rssKb;
  while (todo.length > 0) {
    for (const c of children.get(todo.pop()!) ?? []) {
      kb += c.rssKb;
      todo.push(c.pid);
    }
  }
  return kb / 1024;
}

/** Samples treeRssMb every `everyMs` until stopped; returns the peak. */
export function sampleRss(everyMs = 100): { stop(): number } {
  let peak = treeRssMb();
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssMb());
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, treeRssMb());
    },
  };
}

/** CPU seconds of this process and its reaped children (and theirs). */
export function cpuSeconds(pid: number | "self" = "self"): number {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // fields 14-17: utime stime cutime cstime -> rest[11..14]
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICKS;
}
