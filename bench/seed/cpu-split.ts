// Where a row's CPU went, by kind of process: the orqc host (the Node process
// running the worker), the Python action hosts of the warm pool, orqc's process
// launcher, the local commands it started and reaped, the ITSM service, and
// children the host reaped itself (Python hosts retired during the row, commands
// spawned before the launcher was up). Read from /proc of the benchmark's
// process tree before and after a row; the "after" snapshot must be taken
// while the pools are still alive, since a process's own CPU is lost to us
// once it has been reaped.

import { readFileSync } from "node:fs";
import { childrenOf, procStat } from "./proc-stats";

export type CpuKind =
  | "orqc_host"
  | "python_actions"
  | "launcher"
  | "commands"
  | "itsm_service"
  | "exited_children";

interface ProcCpu {
  readonly kind: CpuKind;
  /** The process's own CPU seconds. */
  readonly self: number;
  /** CPU seconds of the children it has reaped. */
  readonly reaped: number;
}

const REAPED_AS: Record<CpuKind, CpuKind> = {
  orqc_host: "exited_children",
  python_actions: "python_actions",
  launcher: "commands",
  commands: "commands",
  itsm_service: "itsm_service",
  exited_children: "exited_children",
};

export type CpuSnapshot = Map<number, ProcCpu>;
export type CpuSplit = Record<CpuKind, number>;

function kindOf(cmdline: string, pid: number, itsmPid: number): CpuKind {
  if (pid === itsmPid) return "itsm_service";
  if (cmdline.includes("orqc_python_host")) return "python_actions";
  if (cmdline.includes("orqc_launcher")) return "launcher";
  return "orqc_host";
}

function readProc(pid: number, itsmPid: number): ProcCpu | undefined {
  const stat = procStat(pid);
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return undefined; // it ended while we looked
  }
  return stat && { kind: kindOf(cmdline, pid, itsmPid), self: stat.selfCpu, reaped: stat.reapedCpu };
}

/** CPU of every process in the benchmark's tree now; `itsmPid` names the ITSM service. */
export function cpuSnapshot(itsmPid: number, root: number = process.pid): CpuSnapshot {
  const out: CpuSnapshot = new Map();
  const todo = [root];
  while (todo.length > 0) {
    const pid = todo.pop()!;
    const p = readProc(pid, itsmPid);
    if (!p) continue;
    out.set(pid, p);
    todo.push(...childrenOf(pid));
  }
  return out;
}

/**
 * CPU seconds spent between two snapshots, by kind. A process's reaped children
 * count with it, except for the launcher (they are the commands) and orqc host
 * processes (their reaped children are mixed: retired Python hosts, commands
 * started before the launcher was up).
 */
export function cpuSplit(before: CpuSnapshot, after: CpuSnapshot): CpuSplit {
  const split: CpuSplit = {
    orqc_host: 0,
    python_actions: 0,
    launcher: 0,
    commands: 0,
    itsm_service: 0,
    exited_children: 0,
  };
  for (const [pid, now] of after) {
    const was = before.get(pid);
    const self = now.self - (was?.self ?? 0);
    const reaped = now.reaped - (was?.reaped ?? 0);
    split[now.kind] += self;
    split[REAPED_AS[now.kind]] += reaped;
  }
  return split;
}
