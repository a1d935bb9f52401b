// Scenarios for the trace fuzzer (fuzz-traces.mjs --packs DIR) made from any
// folder of StackStorm packs: every Orquesta workflow found under DIR (an
// `actions/` folder marks a pack) gets a `happy` run and seeded runs where each
// action execution fails with probability 0.3, with results shaped like the
// called action's runner (shared/golden/README.md, "Result shapes") and the
// keys the workflow reads from `result()` filled in. Actions of the loaded
// packs whose runner is orquesta run as sub-workflows. Workflow paths in the
// scenarios are relative to DIR.
//
//   node scripts/trace-diff/gen-pack-scenarios.mjs PACKS_DIR OUT_DIR SEED RUNS_PER_WORKFLOW

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import YAML from "yaml";
import { pathsAfter, placeAt } from "../lib/expr-paths.mjs";
import { rng } from "./gen-cases.mjs";

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

function inputFor(meta, wf) {
  const input = {};
  if (meta?.parameters && typeof meta.parameters === "object") {
    for (const [name, p] of Object.entries(meta.parameters)) {
      if (p && typeof p === "object" && p.required && p.default === undefined && !p.immutable)
        input[name] = sample(p.type, name);
    }
    return input;
  }
  for (const entry of Array.isArray(wf?.input) ? wf.input : [])
    if (typeof entry === "string") input[entry] = sample("string", entry);
  return input;
}

/** The datastore keys a workflow or its parameters name (`st2kv('k')`, `st2kv.system.k`), each holding "x". */
function namedKeys(text, meta) {
  const all = `${text}\n${JSON.stringify(meta?.parameters ?? {})}`;
  const store = {};
  for (const m of all.matchAll(/st2kv\(\s*\\?['"]([^'"\\]+)\\?['"]/g)) store[m[1]] = "x";
  for (const m of all.matchAll(/st2kv\.(system|user)\.([\w.]+)/g))
    store[m[1] === "system" ? `system.${m[2]}` : m[2]] = "x";
  return store;
}

/** The pack configuration keys a workflow's parameters name (`config_context.k`), each "x". */
function namedConfig(text, meta) {
  const all = `${text}\n${JSON.stringify(meta?.parameters ?? {})}`;
  const config = {};
  for (const m of all.matchAll(/config_context\.(\w+)/g)) config[m[1]] = "x";
  return config;
}

export function genPackScenarios(packsRoot, outDir, seed, runs) {
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
        if (ok) for (const p of reads) result = placeAt(result, p, () => "x");
        return ok ? { status: "succeeded", result } : { status: "failed", result };
      };
      entry.actions[name] =
        failRate === 0 ? outcome(true) : Array.from({ length: 8 }, () => outcome(!r.chance(failRate)));
    }
    return { entry, wf };
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
        const scenario = {
          ...unwrap(built),
          input: inputFor(meta, built.wf),
          default: { status: "succeeded", result: null },
          st2: {
            user: "stanley",
            action: `${pack.name}.${meta?.name ?? basename(file).replace(/\.ya?ml$/, "")}`,
            pack: pack.name,
          },
          // every other run finds the datastore keys and pack config the workflow names
          datastore: k % 2 === 1 ? namedKeys(text, meta) : {},
          ...(k % 2 === 1 ? { config: namedConfig(text, meta) } : {}),
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
  const [packs, out, seed, runs] = process.argv.slice(2);
  if (!packs || !out) {
    console.error("usage: gen-pack-scenarios.mjs PACKS_DIR OUT_DIR [SEED] [RUNS_PER_WORKFLOW]");
    process.exit(2);
  }
  const cases = genPackScenarios(packs, out, Number(seed ?? 1), Number(runs ?? 2));
  console.log(`${cases.length} cases in ${out}`);
}
