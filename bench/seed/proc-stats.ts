// Resource use of the benchmark's process tree from /proc (Linux): peak RSS
// of this process and all its descendants (sampled), and CPU time of this
// process plus every child it has reaped (utime+stime+cutime+cstime), so a
// row's CPU includes worker processes, Python hosts and shell commands once
// they have exited.

import { readdirSync, readFileSync } from "node:fs";

const TICKS = 100; // USER_HZ on Linux
const PAGE_KB = 4;

/** What /proc/<pid>/stat says of a process: CPU seconds (own, and of the children it reaped) and RSS. */
export interface ProcStat {
  readonly selfCpu: number;
  readonly reapedCpu: number;
  readonly rssKb: number;
}

/** /proc/<pid>/stat of a process; undefined once it is gone. */
export function procStat(pid: number | "self"): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // Fields after the command name, which may hold spaces: rest[0] is field 3 (state),
  // utime stime cutime cstime are fields 14-17, rss (pages) is field 24.
  const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return {
    selfCpu: (Number(rest[11]) + Number(rest[12])) / TICKS,
    reapedCpu: (Number(rest[13]) + Number(rest[14])) / TICKS,
    rssKb: Number(rest[21]) * PAGE_KB,
  };
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
    const stat = procStat(pid);
    if (!stat) continue;
    kb += stat.rssKb;
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
  const stat = procStat(pid);
  return stat ? stat.selfCpu + stat.reapedCpu : 0;
}
