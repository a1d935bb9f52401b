// Resource use of the benchmark's process tree from /proc (Linux): peak RSS
// of this process and all its descendants (sampled), and CPU time of this
// process plus every child it has reaped (utime+stime+cutime+cstime), so a
// row's CPU includes worker processes, Python hosts and shell commands once
// they have exited.

import { readdirSync, readFileSync } from "node:fs";

const TICKS = 100; // USER_HZ on Linux
const PAGE_KB = 4;

/** Resident memory of a process in KB, from /proc/<pid>/stat; undefined once it is gone. */
function rssKbOf(pid: number): number | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // rest[0] is field 3 (state); rss (pages) is field 24.
    return Number(rest[21]) * PAGE_KB;
  } catch {
    return undefined;
  }
}

/** The pids of `pid`'s children, from each of its threads' `children` list. */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    try {
      for (const c of readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(" "))
        if (c !== "" && c !== "\n") out.push(Number(c));
    } catch {
      // the thread ended while we looked
    }
  }
  return out;
}

/**
 * Sum of RSS over `root` and its descendants, in MB. Walks the tree through
 * /proc/<pid>/task/<tid>/children, so it reads a few files per process of the
 * benchmark instead of every process on the machine (the sampler runs inside
 * the measured process every 100 ms).
 */
export function treeRssMb(root: number = process.pid): number {
  let kb = 0;
  const todo = [root];
  while (todo.length > 0) {
    const pid = todo.pop()!;
    const rss = rssKbOf(pid);
    if (rss === undefined) continue;
    kb += rss;
    todo.push(...childrenOf(pid));
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
