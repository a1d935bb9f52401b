// Variants of the golden scenarios for the trace fuzzer (fuzz-traces.mjs
// --corpus): the real corpus workflows under new action outcomes. Each variant
// flips some scripted statuses (succeeded <-> failed, sometimes timeout or
// canceled), shortens or lengthens outcome lists (a used-up list falls back to
// the default outcome), exchanges results between executions of a task, and
// gives some results values of other types, missing keys or expression text,
// recursively through sub-workflow scripts. Paths stay relative to shared/.
//
//   node scripts/trace-diff/gen-corpus-mutants.mjs DIR SEED COUNT [GOLDEN_TRACES_DIR]

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { rng } from "./gen-cases.mjs";

const here = dirname(fileURLToPath(import.meta.url));

const ODD_VALUES = [null, 0, 1.5, "", "x", "1", "true", [], ["a", "b"], {}, { k: "v" }, "{{ 1 }}", "<% 2 %>"];

/** A result with some values swapped for values of another type, some keys dropped. */
function mutateResult(r, v) {
  if (Array.isArray(v)) return v.map((x) => (r.chance(0.15) ? r.pick(ODD_VALUES) : mutateResult(r, x)));
  if (v !== null && typeof v === "object") {
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      if (r.chance(0.1)) continue;
      out[k] = r.chance(0.15) ? r.pick(ODD_VALUES) : mutateResult(r, x);
    }
    return out;
  }
  return v;
}

function mutateOutcome(r, o) {
  const out = { ...o };
  // the values a workflow reads from results: other types, missing keys, expression text
  if (out.result !== undefined && r.chance(0.25)) out.result = mutateResult(r, out.result);
  if (r.chance(0.3)) {
    const status = out.status ?? "succeeded";
    out.status =
      status === "succeeded"
        ? r.pick(["failed", "failed", "failed", "timeout", "canceled"])
        : r.chance(0.1)
          ? "running"
          : "succeeded";
  }
  return out;
}

function mutateActions(r, actions) {
  const out = {};
  for (const [key, entry] of Object.entries(actions ?? {})) {
    if (!Array.isArray(entry)) {
      out[key] = r.chance(0.3) ? [mutateOutcome(r, entry), entry] : mutateOutcome(r, entry);
      continue;
    }
    let list = entry.map((o) => mutateOutcome(r, o));
    if (list.length > 1 && r.chance(0.2)) {
      const i = r.int(0, list.length - 1);
      const k = r.int(0, list.length - 1);
      [list[i], list[k]] = [
        { ...list[i], result: list[k].result },
        { ...list[k], result: list[i].result },
      ];
    }
    if (r.chance(0.15)) list = list.slice(0, r.int(0, list.length));
    if (r.chance(0.15) && list.length > 0) list.push(mutateOutcome(r, r.pick(list)));
    out[key] = list;
  }
  return out;
}

function mutateEntry(r, entry) {
  const out = { ...entry, actions: mutateActions(r, entry.actions) };
  if (entry.subworkflows) {
    out.subworkflows = {};
    for (const [ref, sub] of Object.entries(entry.subworkflows)) out.subworkflows[ref] = mutateEntry(r, sub);
  }
  return out;
}

export function genCorpusMutants(dir, seed, count, golden = resolve(here, "../../../shared/golden/traces")) {
  const r = rng(seed * 7919 + 17);
  const index = JSON.parse(readFileSync(join(golden, "INDEX.json"), "utf8")).cases.filter(
    (c) => !c.features.includes("inspection_error"),
  );
  mkdirSync(dir, { recursive: true });
  const cases = [];
  for (let i = 0; i < count; i++) {
    const base = r.pick(index);
    const scenario = JSON.parse(readFileSync(join(golden, base.case_id, "scenario.json"), "utf8"));
    const id = `cm_${seed}_${i}`;
    mkdirSync(join(dir, id), { recursive: true });
    writeFileSync(join(dir, id, "scenario.json"), `${JSON.stringify(mutateEntry(r, scenario), null, 1)}\n`);
    cases.push({ case_id: id, workflow: scenario.workflow, scenario: `mutant of ${base.case_id}` });
  }
  writeFileSync(join(dir, "INDEX.json"), `${JSON.stringify({ cases }, null, 1)}\n`);
  return cases;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, seed, count, golden] = process.argv.slice(2);
  if (!dir) {
    console.error("usage: gen-corpus-mutants.mjs DIR SEED COUNT [GOLDEN_TRACES_DIR]");
    process.exit(2);
  }
  genCorpusMutants(dir, Number(seed ?? 1), Number(count ?? 100), golden);
}
