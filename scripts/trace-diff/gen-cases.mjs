// Seeded random Orquesta workflows with golden-format scenarios, for the
// trace fuzzer (fuzz-traces.mjs). Writes DIR/INDEX.json, DIR/<case>/scenario.json
// and the workflow files under DIR/<case>/ (scenario paths are relative to DIR).
//
//   node scripts/trace-diff/gen-cases.mjs DIR SEED COUNT
//
// What a workflow may hold: branches, joins (all and counted), cycles with a
// counter exit, with-items (plain and named, with concurrency), retry
// (when/count/delay), task delay, publish, engine commands in `do`
// (noop/fail/continue/retry), sub-workflows (nested through `subworkflows`),
// output, YAQL and Jinja in when/publish/input/output, the functions ctx,
// result, succeeded, failed, completed, task_status, item, task, st2kv,
// json_escape, to_json_string, and some expressions that fail at run time.
// A few workflows are invalid on purpose (inspection errors).

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { mulberry32 } from "../lib/seeded.mjs";

export function rng(seed) {
  return mulberry32(seed >>> 0 || 1);
}

const y = (e) => `<% ${e} %>`;
/** A YAQL-style expression in Jinja: quoted names in function calls, ==, none. */
const toJinja = (e) =>
  e
    .replace(/\b(ctx|task_status|item|task)\((\w+)\)/g, "$1('$2')")
    .replace(/ = /g, " == ")
    .replace(/\bnull\b/g, "none");
const j = (e) => `{{ ${e} }}`;

/** A random workflow; `depth` > 0 lets tasks call sub-workflows (returned in `subs`). */
function genWorkflow(r, name, depth, opts) {
  const n = r.int(1, r.chance(0.3) ? 9 : 6);
  const ids = Array.from({ length: n }, (_, i) => `t${i + 1}`);
  const jinja = r.chance(0.3);
  const ex = (e) => (jinja ? j(toJinja(e)) : y(e));
  const vars = ["count", "items", "flag", "msg"];
  const wf = {
    version: 1.0,
    input: ["x", { items: ["a", "b", "c"] }, { flag: r.chance(0.5) }],
    vars: [{ count: 0 }, { msg: "hello" }, { act: r.chance(0.8) ? "core.echo" : r.pick([null, 5, ""]) }],
    tasks: {},
  };
  wf.input.push({ nums: [1, 2] });
  if (r.chance(0.15)) wf.input.push({ y: ex(r.pick(["ctx(x)", "ctx(nums)[0] + 1", "ctx(x) + 1"])) });
  if (r.chance(0.05))
    wf.vars.push({ broken: ex(r.pick(["ctx(x).nothing", "ctx(items)[5]", "ctx(count) + 'a'"])) });
  if (r.chance(0.2)) wf.vars.push({ derived: ex(r.pick(["ctx(count) + 10", "ctx(items)", "ctx(x)"])) });
  const subs = {};
  const inbound = new Map(ids.map((id) => [id, 0]));
  const taskSpecs = {};
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    const t = {};
    const kind = r.pick(["action", "action", "items", "items", "none", depth > 0 ? "sub" : "action"]);
    if (kind === "none") {
      // no action: succeeds at once
    } else if (kind === "sub") {
      const ref = `sub.${name}_${id}`;
      subs[ref] = genWorkflow(r, `${name}_${id}`, depth - 1, { ...opts, invalid: r.chance(0.08) });
      t.action = ref;
      t.input = { x: ex("ctx(count)"), items: r.chance(0.5) ? ["p", "q"] : ex("ctx(items)") };
      if (r.chance(0.2)) {
        t.with = { items: ex("ctx(nums)") };
        if (r.chance(0.5)) t.with.concurrency = 1;
        t.input = { x: ex("item()") };
      }
    } else if (r.chance(0.1)) {
      // inline parameters in the action string
      t.action = `core.echo message=${ex("ctx(msg)")} n=3`;
    } else {
      // sometimes a rendered action ref (null, "" or a number when `act` is one)
      t.action = r.chance(0.1)
        ? ex(r.pick(["ctx(act)", jinja ? "'core.' ~ 'local'" : "'core.' + 'local'"]))
        : r.pick(["core.noop", "core.echo", "core.local", "mock.act"]);
      t.input = genInput(r, ex, kind === "items", jinja);
    }
    if (kind === "items") {
      const src = r.pick([
        "ctx(items)",
        "ctx(items)",
        "[]",
        "range(3)",
        "ctx(x)",
        r.chance(0.5) ? "ctx(nums)" : "ctx(items)",
        r.chance(0.3) ? "ctx(msg)" : "ctx(nums)",
        r.chance(0.3) ? (jinja ? "ctx()" : "dict(a => 1)") : "ctx(items)",
        "zip(ctx(items), ctx(nums))",
      ]);
      const itemsExpr =
        jinja && src === "range(3)"
          ? j("range(3) | list")
          : jinja && src.startsWith("zip")
            ? j("zip(ctx('items'), ctx('nums')) | list")
            : ex(src);
      const pair = r.chance(0.15);
      const named = pair || r.chance(0.4);
      const w = { items: pair ? `v, w in ${itemsExpr}` : named ? `v in ${itemsExpr}` : itemsExpr };
      if (r.chance(0.5))
        w.concurrency = r.chance(0.8) ? r.int(1, 2) : ex(r.pick(["1 + 1", "ctx(count) + 1", "ctx(msg)"]));
      // the string shorthand `with: <items>` when nothing else is set
      t.with = !w.concurrency && !named && r.chance(0.3) ? itemsExpr : w;
      t.input = {
        message: named
          ? ex(r.chance(0.8) ? "item(v)" : "item(w)")
          : ex(r.chance(0.9) ? "item()" : "item().k"),
      };
    }
    if (t.action && r.chance(t.with ? 0.3 : 0.15)) {
      t.retry = { count: r.int(1, 2) };
      if (r.chance(0.6)) t.retry.when = ex(r.pick(["failed()", "succeeded()", "ctx(flag)"]));
      if (r.chance(0.4)) t.retry.delay = r.int(0, 2);
    }
    if (r.chance(0.08))
      t.delay = r.chance(0.8) ? r.int(1, 3) : ex(r.chance(0.7) ? "ctx(count) + 1" : "ctx(msg)");
    taskSpecs[id] = t;
  }
  // transitions: forward edges, some back edges with an exit condition, engine commands
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    const t = taskSpecs[id];
    const later = ids.slice(i + 1);
    const nt = r.int(later.length > 0 ? 1 : 0, Math.min(3, later.length + 1));
    const next = [];
    for (let k = 0; k < nt; k++) {
      const tr = {};
      const cond = r.pick([
        null,
        "succeeded()",
        "succeeded()",
        "failed()",
        "completed()",
        "ctx(flag)",
        "ctx(count) < 1",
        `task_status(${id}) = 'succeeded'`,
        "result() != null",
        jinja ? "ctx().count > 0" : r.chance(0.2) ? "$.count > 0" : "ctx().count > 0",
        r.chance(0.3) ? (jinja ? "result() and result().stdout" : "result().stdout") : "succeeded()",
        jinja ? "ctx('items') | length > 2" : "ctx(items).len() > 2",
        `task_status(${ids[0]}) = 'failed'`,
        jinja ? "ctx('msg')" : "ctx(msg)",
        opts.st2 && !jinja ? `task(${id}).status = 'succeeded'` : "succeeded()",
        opts.invalid && r.chance(0.3) ? "ctx(nope)" : "succeeded()",
        r.chance(0.2) ? "result().missing.key" : "failed()",
      ]);
      if (cond) tr.when = ex(cond);
      if (r.chance(0.5)) {
        const pubs = [];
        const np = r.int(1, 2);
        for (let p = 0; p < np; p++) {
          pubs.push(
            r.pick([
              { count: ex("ctx(count) + 1") },
              { out: ex("result()") },
              { msg: jinja ? j("ctx('msg') ~ '-' ~ ctx('count')") : y("ctx(msg) + '-' + str(ctx(count))") },
              { flag: ex("not ctx(flag)") },
              { st: ex(`task_status(${id})`) },
              { ok: ex("succeeded()") },
              { res: jinja ? j("result() | default('none')") : y("result().result") },
              { all: jinja ? j("ctx() | length") : y("ctx().keys().len()") },
              opts.st2 && !jinja ? { tk: y(`task(${id}).result`) } : { n: ex("ctx(count) * 2") },
              opts.st2 && jinja ? { tk: j(`task('${id}').status`) } : { n: ex("ctx(count) * 4") },
              t.with && opts.st2 && !jinja
                ? { its: y(`task(${id}).result.items.select($.status)`) }
                : { n: ex("ctx(count)") },
              t.with ? { first: jinja ? j("result()[0]") : y("result()[0]") } : { n: ex("ctx(count) + 5") },
              r.chance(0.1) ? { kvx: ex("st2kv('system.k1')") } : { n: ex("ctx(count) + 6") },
              opts.st2 ? { ex: ex("ctx(st2).action_execution_id") } : { n: ex("ctx(count) * 3") },
              opts.st2 ? { who: ex("ctx(st2).user") } : { who: ex("ctx(x)") },
              opts.st2 ? { kv: ex("st2kv('system.k1')") } : { kv: ex("ctx(msg)") },
              opts.st2
                ? {
                    kv2: ex(
                      r.pick([
                        jinja ? "st2kv('system.k2', default='d')" : "st2kv('system.k2', default => 'd')",
                        "st2kv('system.k2', default='d')",
                        "st2kv('system.k2', 'd')",
                        "st2kv('k3')",
                        jinja ? "st2kv('system.k1', decrypt=true)" : "st2kv('system.k1', decrypt => true)",
                      ]),
                    ),
                  }
                : { kv2: ex("ctx(x)") },
              { esc: jinja ? j("ctx('msg') | json_escape") : y("json_escape(ctx(msg))") },
              // keys only Python tells apart: one key once the context is copied on
              { keyed: jinja ? j("{1: ctx('count'), '1': 'one'}") : y("{1 => ctx(count), '1' => 'one'}") },
              // a Jinja tuple stays one within a publish list and is a list in the next task (a JSON copy)
              jinja ? { tup: j("(ctx('count'), 'x')") } : { n: ex("ctx(count) + 7") },
              jinja ? { tups: j("ctx().get('tup', 'none') | string") } : { n: ex("ctx(count) + 8") },
              { js: jinja ? j("ctx('items') | to_json_string") : y("to_json_string(ctx(items))") },
              opts.invalid && r.chance(0.3)
                ? { bad: ex("ctx(undefined_var)") }
                : { count: ex("ctx(count) + 2") },
              r.chance(0.2) ? { bad: ex("ctx(items)[7]") } : { count: ex("ctx(count) + 3") },
            ]),
          );
        }
        tr.publish = [...new Map(pubs.map((p) => [JSON.stringify(p), p])).values()];
        // the inline string form: `publish: a=<% ... %> b=1`
        if (r.chance(0.1)) tr.publish = `count=${ex("ctx(count) + 1")} tag=x`;
      }
      const targets = [];
      if (later.length > 0 && r.chance(0.85)) targets.push(r.pick(later));
      if (later.length > 1 && r.chance(0.25)) targets.push(r.pick(later));
      if (i > 0 && r.chance(0.2)) {
        // a cycle back, only while the counter is low
        // mostly not back to t1, which would leave no start task
        const back = r.pick(ids.slice(r.chance(0.8) ? 1 : 0, i + 1));
        tr.when = ex("ctx(count) < 2");
        tr.publish = [{ count: ex("ctx(count) + 1") }];
        targets.push(back);
      }
      if (r.chance(0.15)) targets.push(r.pick(["noop", "fail", "continue", "retry", "fail"]));
      const uniq = [...new Set(targets)];
      if (uniq.length > 0)
        tr.do = uniq.length === 1 && r.chance(0.5) ? uniq[0] : r.chance(0.15) ? uniq.join(", ") : uniq;
      for (const d of uniq) if (inbound.has(d)) inbound.set(d, inbound.get(d) + 1);
      if (Object.keys(tr).length > 0) next.push(tr);
    }
    if (next.length > 0) t.next = next;
    if (t.input && Object.keys(t.input).length === 0) delete t.input;
    if (Object.keys(t).length === 0) t.action = "core.noop";
    wf.tasks[id] = t;
  }
  for (const [id, count] of inbound) {
    if (count >= 2 && r.chance(0.5))
      wf.tasks[id].join = r.chance(0.5) ? "all" : r.int(1, count + (r.chance(0.1) ? 1 : 0));
  }
  if (r.chance(0.7)) {
    const out = [];
    const no = r.int(1, 3);
    for (let k = 0; k < no; k++) {
      out.push(
        r.pick([
          { count: ex("ctx(count)") },
          { msg: ex("ctx(msg)") },
          r.chance(0.2) ? { bad: ex("ctx(msg).nothing") } : { count: ex("ctx(count)") },
          { items: ex("ctx(items)") },
          { x: ex("ctx(x)") },
          { xs: jinja ? j("ctx('x') ~ ''") : y("str(ctx(x))") },
          { st: ex(`task_status(${ids[0]})`) },
          { whole: jinja ? j("ctx()") : y("ctx()") },
          r.chance(0.2) ? { bad: ex("result()") } : { msg: ex("ctx(msg)") },
          opts.st2 && !jinja ? { last: y(`task(${ids[n - 1]}).result`) } : { flag: ex("ctx(flag)") },
          opts.st2 && jinja ? { last: j(`task('${r.pick(ids)}').result`) } : { flag: ex("ctx(flag)") },
        ]),
      );
    }
    const seen = new Set();
    wf.output = out.filter((o) => {
      const k = Object.keys(o)[0];
      return seen.has(k) ? false : seen.add(k);
    });
  }
  if (opts.invalid && r.chance(0.3)) {
    const id = r.pick(ids);
    const bad = r.pick(["ctx", "attr", "syntax"]);
    if (bad === "ctx") wf.tasks[id].input = { ...wf.tasks[id].input, q: ex("ctx(never_defined)") };
    else if (bad === "attr") wf.tasks[id].bogus = 1;
    else wf.tasks[id].input = { ...wf.tasks[id].input, q: "<% ctx(count) + %>" };
  }
  void vars;
  return { wf, subs, ids, taskSpecs };
}

function genInput(r, ex, items, jinja) {
  const input = {};
  const k = r.int(0, 2);
  for (let i = 0; i < k; i++) {
    const [key, val] = r.pick([
      ["message", ex("ctx(msg)")],
      ["cmd", jinja ? j("'echo ' ~ ctx('x')") : y("'echo ' + str(ctx(x))")],
      ["n", ex("ctx(count) * 2")],
      ["list", ex("ctx(items)")],
      ["plain", "text"],
      ["num", 3],
      ["bad", r.chance(0.5) ? ex("ctx(items)[9]") : ex("ctx(count) + 1")],
      ["first", ex("ctx(items)[0]")],
    ]);
    input[key] = val;
  }
  void items;
  return input;
}

function outcome(r, taskId) {
  const failed = r.chance(0.25);
  const result = r.pick([
    null,
    { stdout: `out-${taskId}`, return_code: failed ? 1 : 0 },
    { result: r.pick(["v", 1, [1, 2], { k: "v" }, 2.5, true]) },
    { stdout: "", stderr: "boom", items: ["a", "b"] },
    "plain",
    [1, 2, 3],
  ]);
  return {
    status: failed
      ? r.pick(["failed", "failed", "failed", "timeout", "abandoned", "canceled", "expired"])
      : r.chance(0.01)
        ? "running"
        : "succeeded",
    result,
  };
}

function genActions(r, spec) {
  const actions = {};
  for (const [id, t] of Object.entries(spec.taskSpecs)) {
    if (!t.action || t.action.startsWith("sub.")) continue;
    if (r.chance(0.2)) continue; // default outcome
    if (r.chance(0.1)) actions[id] = outcome(r, id);
    else actions[id] = Array.from({ length: r.int(1, 5) }, () => outcome(r, id));
    // route-specific entries and item-specific entries (as the rehearsal cases have)
    if (r.chance(0.1)) actions[`${id}__r${r.int(0, 2)}`] = [outcome(r, id)];
    if (t.with && Array.isArray(actions[id]) && r.chance(0.2)) actions[id][0].item_id = r.int(0, 2);
  }
  return actions;
}

function genSubEntries(r, spec, dir, caseDir, prefix) {
  const entries = {};
  for (const [ref, sub] of Object.entries(spec.subs)) {
    const file = `${prefix}_${ref.replace(/\W/g, "_")}.yaml`;
    writeFileSync(join(dir, caseDir, file), YAML.stringify(sub.wf));
    const e = {
      workflow: `${caseDir}/${file}`,
      actions: genActions(r, sub),
      subworkflows: genSubEntries(r, sub, dir, caseDir, `${prefix}_${ref.replace(/\W/g, "_")}`),
    };
    if (r.chance(0.4)) {
      e.parameters = { x: { type: "integer" }, items: { type: "array" } };
      if (r.chance(0.5))
        e.parameters.flag = {
          type: "boolean",
          // (not `st2kv.system.k1 == '...'`: whether StackStorm's datastore
          // lookup compares equal to a string is not modelled by either side)
          default: r.pick(["true", "{{ x > 1 }}", "false"]),
        };
      if (r.chance(0.3)) e.parameters.msg = { type: "string", default: "{{ action_context.user }}-{{ x }}" };
      if (r.chance(0.2))
        e.parameters.kv = { type: "string", default: "{{ st2kv.system.k1 }}/{{ st2kv.system.nope }}" };
      if (r.chance(0.2)) e.parameters.nums = { type: "array", default: "[7, 8]", immutable: true };
    }
    entries[ref] = e;
  }
  return entries;
}

export function genCase(dir, seed, index) {
  const r = rng(seed * 100003 + index);
  const id = `fz_${seed}_${index}`;
  mkdirSync(join(dir, id), { recursive: true });
  const st2 = r.chance(0.5);
  const spec = genWorkflow(r, "main", r.chance(0.4) ? r.int(1, 3) : 0, { st2, invalid: r.chance(0.1) });
  writeFileSync(join(dir, id, "main.yaml"), YAML.stringify(spec.wf));
  const scenario = {
    workflow: `${id}/main.yaml`,
    input: r.chance(0.8) ? { x: r.pick([1, 2, "s", ["m", "n"]]) } : {},
    actions: genActions(r, spec),
    default: { status: "succeeded", result: null },
    subworkflows: genSubEntries(r, spec, dir, id, "sub"),
    mode: "wave",
    max_executions: 80,
  };
  if (st2) {
    scenario.st2 = { user: "stanley", action: "fuzz.main", pack: "fuzz" };
    if (r.chance(0.2)) scenario.st2.api_user = "alice";
    scenario.datastore = r.chance(0.7) ? { "system.k1": "kv-value", k3: "user-value" } : {};
  }
  if (r.chance(0.25)) {
    const type = r.pick(["integer", "string", "array", "number", "object"]);
    scenario.parameters = {
      x: { type, default: { integer: 5, string: "5", array: [5], number: 2, object: '{"k": 1}' }[type] },
    };
    if (type === "number" || type === "object")
      scenario.input.x = r.chance(0.5) ? null : type === "number" ? "3" : "{'k': 2}";
    if (r.chance(0.3)) scenario.parameters.y = { type: "integer", default: "{{ x | string | length }}" };
    if (r.chance(0.2)) scenario.parameters.notify = { type: "object", default: {} };
    if (r.chance(0.5)) scenario.parameters.flag = { type: "boolean", default: "true" };
    if (typeof scenario.input.x === "string" && scenario.parameters.x.type === "integer")
      scenario.input.x = 7;
    if (Array.isArray(scenario.input.x) && scenario.parameters.x.type !== "array") scenario.input.x = null;
    if (typeof scenario.input.x === "number" && scenario.parameters.x.type === "string")
      scenario.input.x = "7";
    if (typeof scenario.input.x !== "object" && scenario.parameters.x.type === "array")
      scenario.input.x = "[1, 2]";
  }
  writeFileSync(join(dir, id, "scenario.json"), `${JSON.stringify(scenario, null, 1)}\n`);
  return { case_id: id, workflow: scenario.workflow, scenario: "fuzz" };
}

export function genCases(dir, seed, count) {
  mkdirSync(dir, { recursive: true });
  const cases = [];
  for (let i = 0; i < count; i++) cases.push(genCase(dir, seed, i));
  writeFileSync(join(dir, "INDEX.json"), `${JSON.stringify({ cases }, null, 1)}\n`);
  return cases;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, seed, count] = process.argv.slice(2);
  if (!dir) {
    console.error("usage: gen-cases.mjs DIR SEED COUNT");
    process.exit(2);
  }
  genCases(dir, Number(seed ?? 1), Number(count ?? 100));
}
