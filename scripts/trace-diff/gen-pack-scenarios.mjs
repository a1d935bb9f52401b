// Scenarios for the trace fuzzer (fuzz-traces.mjs --packs DIR) made from any
// folder of StackStorm packs: every Orquesta workflow found under DIR (an
// `actions/` folder marks a pack) gets a `happy` run and seeded runs where each
// action execution fails with probability 0.3, with results shaped like the
// called action's runner (shared/golden/README.md, "Result shapes") and like
// what the workflow reads from them (result-shapes.mjs: `result().result.items`
// used in `with items` is a list of 1-3 elements, `result().stdout.split(',')`
// a string with commas, a compared value often the literal it is compared
// with), each execution drawn anew. Required inputs, and the datastore keys
// and pack config that parameters name, are shaped the same way (the datastore
// and config are there in the happy run and every other failure run).
// Actions of the loaded packs whose runner is orquesta run as sub-workflows.
// Workflow paths in the scenarios are relative to DIR.
//
// --placeholder-results: the earlier generator (placeholders: the paths read
// from `result()` in transitions hold "x", inputs "x", the datastore on odd
// runs only), to compare how far runs get (trace-depth.mjs).
//
//   node scripts/trace-diff/gen-pack-scenarios.mjs PACKS_DIR OUT_DIR SEED RUNS_PER_WORKFLOW [--placeholder-results]

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import YAML from "yaml";
import { pathsAfter, placeAt } from "../lib/expr-paths.mjs";
import { rng } from "./gen-cases.mjs";
import { overlay, shapedValueOfType, workflowShapes } from "./result-shapes.mjs";

const CORE_RUNNERS = {
  "core.local": "local-shell-cmd",
  "core.local_sudo": "local-shell-cmd",
  "core.echo": "local-shell-cmd",
  "core.remote": "remote-shell-cmd",
  "core.remote_sudo": "remote-shell-cmd",
  "core.noop": "noop",
  "core.http": "http-request",
  "core.sendmail": "local-shell-script",
  "core.winrm_cmd": "winrm-cmd",
  "core.winrm_ps_cmd": "winrm-ps-cmd",
};

function readYaml(path) {
  try {
    return YAML.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "node_modules" && !name.startsWith(".")) yield* walk(path);
    } else yield path;
  }
}

/** Every pack under root: {name, dir, actions: Map<name, meta>}. */
function loadPacks(root) {
  const packs = [];
  const seen = new Set();
  for (const file of walk(root)) {
    if (basename(dirname(file)) !== "actions" || !/\.ya?ml$/.test(file)) continue;
    const dir = dirname(dirname(file));
    if (seen.has(dir)) continue;
    seen.add(dir);
    const packMeta = existsSync(join(dir, "pack.yaml")) ? readYaml(join(dir, "pack.yaml")) : undefined;
    const name = String(packMeta?.ref ?? packMeta?.name ?? basename(dir)).replace(/^stackstorm-/, "");
    const actions = new Map();
    for (const f of readdirSync(join(dir, "actions"))) {
      if (!/\.ya?ml$/.test(f)) continue;
      const meta = readYaml(join(dir, "actions", f));
      if (meta && typeof meta === "object" && typeof meta.name === "string") actions.set(meta.name, meta);
    }
    packs.push({ name, dir, actions });
  }
  return packs;
}

/** The keys a workflow reads from `result()` in a task's transitions, as paths. */
function resultPaths(task) {
  return pathsAfter(JSON.stringify(task?.next ?? []), String.raw`result\(\)`).filter((p) => p.length > 0);
}

function hasPath(value, path) {
  let cur = value;
  for (const step of path) {
    if (cur === null || typeof cur !== "object" || !(step in cur)) return false;
    cur = cur[step];
  }
  return true;
}

function shellResult(ok, stdout) {
  return ok
    ? { stdout, stderr: "", return_code: 0, succeeded: true, failed: false }
    : { stdout: "", stderr: "boom", return_code: 1, succeeded: false, failed: true };
}

function runnerResult(runner, ok, task) {
  switch (runner) {
    case "local-shell-cmd":
    case "local-shell-script":
    case "winrm-cmd":
    case "winrm-ps-cmd":
      return shellResult(ok, typeof task?.input?.message === "string" ? task.input.message : "out");
    case "remote-shell-cmd":
    case "remote-shell-script": {
      const hosts =
        typeof task?.input?.hosts === "string" && !/[<{]/.test(task.input.hosts)
          ? task.input.hosts
          : "localhost";
      return Object.fromEntries(hosts.split(",").map((h) => [h.trim(), shellResult(ok, "out")]));
    }
    case "python-script":
      return ok
        ? { result: {}, stdout: "", stderr: "", exit_code: 0 }
        : {
            result: "None",
            stdout: "",
            stderr: "Traceback (most recent call last):\nException: boom",
            exit_code: 1,
          };
    case "http-request":
      return ok
        ? { status_code: 200, body: {}, parsed: true, headers: {} }
        : { status_code: 500, body: "error", parsed: false, headers: {} };
    case "noop":
      return { failed: !ok, succeeded: ok, return_code: ok ? 0 : 1 };
    default:
      return ok ? {} : { error: "scripted failure" };
  }
}

function taskRef(task) {
  const action = task?.action;
  if (typeof action !== "string") return undefined;
  const ref = action.trim().split(/\s+/)[0];
  return /[<{%]/.test(ref) ? undefined : ref;
}

function sample(type, name) {
  switch (type) {
    case "integer":
      return 1;
    case "number":
      return 1.5;
    case "boolean":
      return true;
    case "array":
      return ["a", "b"];
    case "object":
      return { k: "v" };
    default:
      return /host/i.test(name) ? "localhost" : "x";
  }
}

/** The workflow's input: required parameters without a default (shaped by `shapes`, when given). */
function inputFor(meta, wf, shapes, r) {
  const input = {};
  const value = (type, name) =>
    shapes
      ? shapedValueOfType(shapes.shapeOf({ root: `var:${name}`, path: [] }), type, r, name)
      : sample(type, name);
  if (meta?.parameters && typeof meta.parameters === "object") {
    for (const [name, p] of Object.entries(meta.parameters)) {
      if (p && typeof p === "object" && p.required && p.default === undefined && !p.immutable)
        input[name] =
          shapes && Array.isArray(p.enum) && p.enum.length > 0 ? r.pick(p.enum) : value(p.type, name);
    }
    return input;
  }
  for (const entry of Array.isArray(wf?.input) ? wf.input : [])
    if (typeof entry === "string") input[entry] = shapes ? value(undefined, entry) : sample("string", entry);
  return input;
}

/** The text a parameter of type `type` reads from the datastore or config, so that StackStorm's cast takes it. */
function storedText(type) {
  return (
    { array: '["a", "b"]', object: '{"k": "v"}', integer: "1", number: "1.5", boolean: "true" }[type] ?? "x"
  );
}

/** Parameters whose default is exactly one lookup (`{{ st2kv.system.k }}`, `{{ config_context.k }}`): {key: type}. */
function lookupTypes(meta, pattern, key) {
  const out = {};
  for (const p of Object.values(meta?.parameters ?? {})) {
    if (!p || typeof p !== "object" || typeof p.default !== "string") continue;
    const m = new RegExp(String.raw`^\s*\{\{\s*${pattern}\s*(?:\|[^}]*)?\}\}\s*$`).exec(p.default);
    if (m) out[key(m)] = p.type;
  }
  return out;
}

/**
 * The datastore keys a workflow or its parameters name (`st2kv('k')`, `st2kv.system.k`), each
 * holding "x" (typed: a key an array parameter's default reads holds '["a", "b"]', and so on).
 */
function namedKeys(text, meta, typed = false) {
  const all = `${text}\n${JSON.stringify(meta?.parameters ?? {})}`;
  const store = {};
  for (const m of all.matchAll(/st2kv\(\s*\\?['"]([^'"\\]+)\\?['"]/g)) store[m[1]] = "x";
  for (const m of all.matchAll(/st2kv\.(system|user)\.([\w.]+)/g))
    store[m[1] === "system" ? `system.${m[2]}` : m[2]] = "x";
  if (typed) {
    const types = lookupTypes(meta, String.raw`st2kv\.(system|user)\.([\w.]+)`, (m) =>
      m[1] === "system" ? `system.${m[2]}` : m[2],
    );
    for (const [k, type] of Object.entries(types)) if (k in store) store[k] = storedText(type);
  }
  return store;
}

/**
 * What parameter defaults need so that StackStorm does not refuse the execution (a case the
 * comparison skips): the pack config keys they read (a missing one is an error) and the datastore
 * keys that array, object and number parameters read (a missing key renders "", which does not cast).
 */
function neededByParameters(meta) {
  const datastore = {};
  const types = lookupTypes(meta, String.raw`st2kv\.(system|user)\.([\w.]+)`, (m) =>
    m[1] === "system" ? `system.${m[2]}` : m[2],
  );
  for (const [k, type] of Object.entries(types))
    if (["array", "object", "integer", "number"].includes(type)) datastore[k] = storedText(type);
  const config = {};
  for (const m of JSON.stringify(meta?.parameters ?? {}).matchAll(/config_context\.(\w+)/g))
    config[m[1]] = "x";
  for (const [k, type] of Object.entries(lookupTypes(meta, String.raw`config_context\.(\w+)`, (m) => m[1])))
    if (k in config && type && type !== "string") config[k] = JSON.parse(storedText(type));
  return { datastore, config };
}

/** The pack configuration keys a workflow's parameters name (`config_context.k`), each "x" (typed: of the type that reads it). */
function namedConfig(text, meta, typed = false) {
  const all = `${text}\n${JSON.stringify(meta?.parameters ?? {})}`;
  const config = {};
  for (const m of all.matchAll(/config_context\.(\w+)/g)) config[m[1]] = "x";
  if (typed)
    for (const [k, type] of Object.entries(lookupTypes(meta, String.raw`config_context\.(\w+)`, (m) => m[1])))
      if (k in config && type && type !== "string") config[k] = JSON.parse(storedText(type));
  return config;
}

/** options.placeholders: the earlier placeholder results (see the head of this file). */
export function genPackScenarios(packsRoot, outDir, seed, runs, options = {}) {
  const shaped = !options.placeholders;
  const packs = loadPacks(packsRoot);
  const byRef = new Map();
  for (const pack of packs)
    for (const [name, meta] of pack.actions) byRef.set(`${pack.name}.${name}`, { pack, meta });
  const workflowPath = (pack, meta) => join(pack.dir, "actions", String(meta.entry_point));
  const isWorkflow = (entry) =>
    entry?.meta?.runner_type === "orquesta" && existsSync(workflowPath(entry.pack, entry.meta));

  /** A scenario entry for one workflow: actions scripted per task, sub-workflows below. */
  const entryFor = (r, meta, file, failRate, stack) => {
    const wf = readYaml(file);
    const entry = { workflow: relative(packsRoot, file), actions: {}, subworkflows: {} };
    if (meta?.parameters) entry.parameters = meta.parameters;
    const tasks = wf && typeof wf === "object" && wf.tasks && typeof wf.tasks === "object" ? wf.tasks : {};
    const shapes = shaped
      ? workflowShapes(wf, {
          parameters: meta?.parameters,
          paramsOf: (ref) => byRef.get(ref)?.meta?.parameters,
        })
      : undefined;
    for (const [name, task] of Object.entries(tasks)) {
      const ref = taskRef(task);
      if (ref === undefined) continue;
      const target = byRef.get(ref);
      if (isWorkflow(target)) {
        if (!stack.includes(ref) && stack.length < 6 && !(ref in entry.subworkflows))
          entry.subworkflows[ref] = entryFor(
            r,
            target.meta,
            workflowPath(target.pack, target.meta),
            failRate,
            [...stack, ref],
          );
        continue;
      }
      const runner = CORE_RUNNERS[ref] ?? target?.meta?.runner_type;
      const reads = resultPaths(task);
      const outcome = (ok) => {
        let result = runnerResult(runner, ok, task);
        if (ok && shapes) {
          // the runs with random failures also get edge values (empty lists, odd strings)
          result = overlay(
            result,
            shapes.shapeOf({ root: `task:${name}`, path: [] }),
            failRate > 0 ? { ...r, edges: true } : r,
          );
          // what the shapes missed, as before (a with-items task's result() is the list of its items')
          if (task.with === undefined || task.with === null)
            for (const p of reads) if (!hasPath(result, p)) result = placeAt(result, p, () => "x");
        } else if (ok) for (const p of reads) result = placeAt(result, p, () => "x");
        return ok ? { status: "succeeded", result } : { status: "failed", result };
      };
      entry.actions[name] =
        failRate === 0 && !shapes
          ? outcome(true)
          : // shaped: a result drawn for each execution (16 in a happy run, for loops)
            Array.from({ length: failRate === 0 ? 16 : 8 }, () =>
              outcome(failRate === 0 || !r.chance(failRate)),
            );
    }
    return { entry, wf, shapes };
  };

  mkdirSync(outDir, { recursive: true });
  const cases = [];
  for (const pack of packs) {
    const files = new Map();
    for (const meta of pack.actions.values())
      if (meta.runner_type === "orquesta" && existsSync(workflowPath(pack, meta)))
        files.set(workflowPath(pack, meta), meta);
    const wfDir = join(pack.dir, "actions", "workflows");
    if (existsSync(wfDir))
      for (const f of readdirSync(wfDir))
        if (/\.ya?ml$/.test(f) && !files.has(join(wfDir, f))) files.set(join(wfDir, f), undefined);
    for (const [file, meta] of files) {
      const text = readFileSync(file, "utf8");
      if (!/^\s*version:\s*['"]?1(\.0)?['"]?\s*$/m.test(text) || !/^tasks:/m.test(text)) continue;
      // runs that are random by design (random(), now()) cannot be compared
      if (/\b(random|now|utcnow)\s*\(/.test(text)) continue;
      for (let k = 0; k <= runs; k++) {
        const r = rng(seed * 104729 + cases.length * 31 + k);
        const unwrap = (x) => {
          const out = { ...x.entry };
          out.subworkflows = Object.fromEntries(
            Object.entries(x.entry.subworkflows).map(([ref, sub]) => [ref, unwrap(sub)]),
          );
          return out;
        };
        const built = entryFor(r, meta, file, k === 0 ? 0 : 0.3, []);
        // shaped: the datastore and config in the happy run and every other failure run (the
        // others only what parameter defaults need, see neededByParameters)
        const stored = shaped ? k % 2 === 0 : k % 2 === 1;
        const needed = shaped && !stored ? neededByParameters(meta) : { datastore: {}, config: {} };
        // api_user: StackStorm sets it for executions made through the API (chatops); when a
        // parameter default reads it, in every run (a missing one refuses the execution)
        const apiUser =
          shaped &&
          (/\bapi_user\b/.test(JSON.stringify(meta?.parameters ?? {})) ||
            (stored && /\bapi_user\b/.test(text)));
        const scenario = {
          ...unwrap(built),
          input: inputFor(meta, built.wf, built.shapes, r),
          default: { status: "succeeded", result: null },
          st2: {
            user: "stanley",
            action: `${pack.name}.${meta?.name ?? basename(file).replace(/\.ya?ml$/, "")}`,
            pack: pack.name,
            ...(apiUser ? { api_user: "stanley" } : {}),
          },
          // every other run finds the datastore keys and pack config the workflow names
          datastore: stored ? namedKeys(text, meta, shaped) : needed.datastore,
          ...(stored ? { config: namedConfig(text, meta, shaped) } : {}),
          ...(Object.keys(needed.config).length > 0 ? { config: needed.config } : {}),
          mode: "wave",
          max_executions: 500,
        };
        const id = `pk_${seed}_${cases.length}`;
        mkdirSync(join(outDir, id), { recursive: true });
        writeFileSync(join(outDir, id, "scenario.json"), `${JSON.stringify(scenario, null, 1)}\n`);
        cases.push({
          case_id: id,
          workflow: scenario.workflow,
          scenario: k === 0 ? "happy" : `failures ${k}`,
        });
      }
    }
  }
  writeFileSync(join(outDir, "INDEX.json"), `${JSON.stringify({ cases }, null, 1)}\n`);
  return cases;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [packs, out, seed, runs] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  if (!packs || !out) {
    console.error(
      "usage: gen-pack-scenarios.mjs PACKS_DIR OUT_DIR [SEED] [RUNS_PER_WORKFLOW] [--placeholder-results]",
    );
    process.exit(2);
  }
  const cases = genPackScenarios(packs, out, Number(seed ?? 1), Number(runs ?? 2), {
    placeholders: process.argv.includes("--placeholder-results"),
  });
  console.log(`${cases.length} cases in ${out}`);
}
