// The seed benchmark's result rows and their text table.

import { cpus } from "node:os";
import type { CpuSplit } from "./cpu-split";
import type { BackendKind, Mode } from "./row";

export interface SeedRow {
  readonly workflows: number;
  readonly mode: Mode;
  readonly backend: BackendKind;
  readonly workers: number;
  readonly time_scale: number;
  /** Warm Python processes per worker process ("default": the runtime's min(4, CPUs)). */
  readonly python_pool: number | "default";
  readonly makespan_s: number;
  readonly critical_path_s: number;
  readonly ratio: number;
  readonly units_scheduled: number;
  readonly peak_rss_mb: number;
  /** CPU seconds of the benchmark process, its workers, all their children and the ITSM service. */
  readonly cpu_s: number;
  /** CPU seconds of redis-server during the row (Redis rows). */
  readonly cpu_redis_s?: number;
  /** The same CPU by kind of process (seed/cpu-split.ts); absent when a row failed. */
  readonly cpu_split_s?: CpuSplit;
  readonly succeeded: number;
  /** Failed checks: run statuses/outputs, ITSM calls, SQL rows (empty when all is right). */
  readonly problems: string[];
}

const COLUMNS: [string, (r: SeedRow) => string][] = [
  ["workflows", (r) => String(r.workflows)],
  ["mode", (r) => r.mode],
  ["backend", (r) => r.backend],
  ["workers", (r) => String(r.workers)],
  ["makespan s", (r) => r.makespan_s.toFixed(2)],
  ["crit. path s", (r) => r.critical_path_s.toFixed(2)],
  ["ratio", (r) => r.ratio.toFixed(2)],
  ["units", (r) => String(r.units_scheduled)],
  ["CPU s", (r) => r.cpu_s.toFixed(1) + (r.cpu_redis_s !== undefined ? ` +${r.cpu_redis_s.toFixed(1)}` : "")],
  ["peak RSS MB", (r) => r.peak_rss_mb.toFixed(0)],
  [
    "checks",
    (r) => (r.problems.length === 0 ? `ok ${r.succeeded}/${r.workflows}` : `FAILED (${r.problems.length})`),
  ],
];

/** A Markdown table (readable in a terminal too). */
export function formatTable(rows: readonly SeedRow[]): string {
  const head = `| ${COLUMNS.map(([h]) => h).join(" | ")} |`;
  const rule = `|${COLUMNS.map(([h], i) => (i >= 3 && i <= 9 ? `${"-".repeat(h.length + 1)}:` : "-".repeat(h.length + 2))).join("|")}|`;
  const body = rows.map((r) => `| ${COLUMNS.map(([, f]) => f(r)).join(" | ")} |`);
  return [head, rule, ...body].join("\n");
}

/** Interpreted makespan / compiled makespan for rows that exist in both modes. */
export function modeRatios(rows: readonly SeedRow[]): string[] {
  const lines: string[] = [];
  for (const c of rows.filter((r) => r.mode === "compiled")) {
    const i = rows.find(
      (r) =>
        r.mode === "interpreted" &&
        r.workflows === c.workflows &&
        r.backend === c.backend &&
        r.workers === c.workers,
    );
    if (!i) continue;
    const where = c.backend === "embedded" ? "embedded" : `redis x${c.workers}`;
    lines.push(
      `${String(c.workflows).padStart(5)} workflows, ${where.padEnd(9)}: nested-interpreted / compiled makespan = ${(i.makespan_s / c.makespan_s).toFixed(2)}  (units ${i.units_scheduled} / ${c.units_scheduled})`,
    );
  }
  return lines;
}

/**
 * Per row, where its CPU went, and the makespan that the CPU spent outside the
 * orqc host processes alone would take on this machine's CPUs: a floor that no
 * host could beat even at zero cost of its own.
 */
export function cpuSplitLines(rows: readonly SeedRow[]): string[] {
  const n = cpus().length;
  return rows.flatMap((r) => {
    const s = r.cpu_split_s;
    if (!s) return [];
    const outside = s.python_actions + s.commands + s.itsm_service;
    const floor = outside / n;
    return [
      `${String(r.workflows).padStart(5)} ${r.mode} ${r.backend} x${r.workers}: orqc host ${s.orqc_host.toFixed(2)} s, ` +
        `Python actions ${s.python_actions.toFixed(2)} s, launcher ${s.launcher.toFixed(2)} s, commands ${s.commands.toFixed(2)} s, ` +
        `ITSM service ${s.itsm_service.toFixed(2)} s, exited children ${s.exited_children.toFixed(2)} s; ` +
        `outside the host ${outside.toFixed(2)} s = ${floor.toFixed(2)} s on ${n} CPUs (${(floor / r.critical_path_s).toFixed(2)} x the critical path)`,
    ];
  });
}
