// The example packs are valid StackStorm packs with valid Orquesta workflows: every YAML
// parses as YAML 1.1, every `do` target and action ref resolves, task inputs match the
// called action's parameters, every ctx() name is declared, and the nesting matches issue 7.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import {
  actionMeta,
  actionMetaFiles,
  asObject,
  examplesDir,
  type Json,
  type JsonObject,
  loadYaml,
  PACKS,
  type PackName,
} from "./helpers";
import {
  ctxReferences,
  declaredNames,
  ENGINE_COMMANDS,
  expressionsBalanced,
  inputNames,
  reachable,
  startTasks,
  strings,
  taskFacts,
} from "./workflow-facts";

const CORE_ACTIONS: Record<string, { params: string[]; required: string[] }> = {
  "core.noop": { params: [], required: [] },
  "core.local": { params: ["cmd", "cwd", "env", "kwarg_op", "sudo_password", "timeout"], required: ["cmd"] },
  "core.remote": {
    params: ["cmd", "hosts", "username", "password", "private_key", "passphrase", "port", "parallel"].concat([
      "dir",
      "cwd",
      "env",
      "timeout",
      "bastion_host",
      "kwarg_op",
    ]),
    required: ["cmd", "hosts"],
  },
};
const RUNNERS = new Set(["python-script", "orquesta"]);
const TOP_KEYS = new Set(["version", "description", "input", "vars", "tasks", "output"]);
const TASK_KEYS = new Set(["action", "input", "next", "join", "with", "retry", "delay"]);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return name.endsWith(".yaml") || name.endsWith(".yml") ? [path] : [];
  });
}

function workflowOf(ref: string): JsonObject | undefined {
  const [pack, name] = ref.split(".") as [PackName, string];
  if (!PACKS.includes(pack)) return undefined;
  const meta = actionMeta(pack, name);
  if (meta.runner_type !== "orquesta") return undefined;
  return asObject(loadYaml(join(examplesDir, pack, "actions", String(meta.entry_point))));
}

function resolveAction(ref: string): { params: string[]; required: string[]; meta?: JsonObject } | undefined {
  if (CORE_ACTIONS[ref]) return CORE_ACTIONS[ref];
  const [pack, name] = ref.split(".") as [PackName, string];
  const file = join(examplesDir, pack, "actions", `${name}.yaml`);
  if (!PACKS.includes(pack) || !existsSync(file)) return undefined;
  const meta = actionMeta(pack, name);
  const params = asObject(meta.parameters ?? {});
  const required = Object.entries(params)
    .filter(([, spec]) => asObject(spec).required === true)
    .map(([key]) => key);
  return { params: Object.keys(params), required, meta };
}

const workflows = PACKS.flatMap((pack) =>
  actionMetaFiles(pack)
    .map((file) => ({ pack, file, meta: asObject(loadYaml(file)) }))
    .filter(({ meta }) => meta.runner_type === "orquesta")
    .map(({ pack, meta }) => ({
      ref: `${pack}.${String(meta.name)}`,
      meta,
      path: join(examplesDir, pack, "actions", String(meta.entry_point)),
    })),
);

describe("example YAML files", () => {
  const files = yamlFiles(examplesDir);

  it("finds the three packs and their configs", () => {
    for (const pack of PACKS) {
      expect(existsSync(join(examplesDir, pack, "pack.yaml"))).toBe(true);
      expect(existsSync(join(examplesDir, "configs", `${pack}.yaml`))).toBe(true);
    }
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it.each(files.map((file) => [relative(examplesDir, file), file]))("%s parses as YAML 1.1", (_rel, file) => {
    const doc = parseDocument(readFileSync(file, "utf8"), { version: "1.1" });
    expect(doc.errors.map(String)).toEqual([]);
    expect(doc.warnings.map(String)).toEqual([]);
    expect(doc.toJS()).toBeTypeOf("object");
  });
});

describe.each(PACKS)("pack %s", (pack) => {
  it("has pack metadata whose ref is the folder name", () => {
    const meta = asObject(loadYaml(join(examplesDir, pack, "pack.yaml")));
    expect(meta.ref).toBe(pack);
    expect(meta.name).toBe(pack);
    expect(String(meta.version)).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("has a config schema with a type and default for every key, and a config within it", () => {
    const schema = asObject(loadYaml(join(examplesDir, pack, "config.schema.yaml")));
    for (const [key, spec] of Object.entries(schema)) {
      expect(asObject(spec).type, key).toBeTypeOf("string");
      expect(asObject(spec).default, key).not.toBeUndefined();
    }
    const config = asObject(loadYaml(join(examplesDir, "configs", `${pack}.yaml`)));
    for (const key of Object.keys(config)) expect(Object.keys(schema)).toContain(key);
  });

  it.each(actionMetaFiles(pack).map((file) => [basename(file), file]))(
    "action %s is complete",
    (_n, file) => {
      const meta = asObject(loadYaml(file));
      expect(meta.name).toBe(basename(file, ".yaml"));
      expect(meta.pack).toBe(pack);
      expect(meta.enabled).toBe(true);
      expect(RUNNERS.has(String(meta.runner_type))).toBe(true);
      const entry = join(examplesDir, pack, "actions", String(meta.entry_point));
      expect(existsSync(entry)).toBe(true);
      for (const [key, spec] of Object.entries(asObject(meta.parameters ?? {}))) {
        expect(asObject(spec).type, key).toBeTypeOf("string");
      }
      if (meta.runner_type === "python-script") {
        const source = readFileSync(entry, "utf8");
        expect(source).toContain("from st2common.runners.base_action import Action");
        expect(source.match(/^class \w+\(Action\):/gm)).toHaveLength(1);
        const run = /def run\(self, ([^)]*)\)/.exec(source)?.[1] ?? "";
        const args = run.split(",").map((arg) => arg.trim().split("=")[0]!);
        expect(new Set(args)).toEqual(new Set(Object.keys(asObject(meta.parameters ?? {}))));
      }
    },
  );
});

describe.each(workflows)("workflow $ref", ({ meta, path }) => {
  const wf = asObject(loadYaml(path));
  const tasks = taskFacts(wf);
  const names = new Set(tasks.map((task) => task.name));

  it("uses only Orquesta 1.0 keys", () => {
    expect(String(wf.version)).toMatch(/^1(\.0)?$/);
    for (const key of Object.keys(wf)) expect(TOP_KEYS.has(key), key).toBe(true);
    for (const task of tasks) {
      expect(task.name).toMatch(/^\w+$/);
      for (const key of Object.keys(task.spec)) expect(TASK_KEYS.has(key), `${task.name}.${key}`).toBe(true);
      for (const entry of (task.spec.next ?? []) as Json[]) {
        for (const key of Object.keys(asObject(entry))) expect(["when", "publish", "do"]).toContain(key);
      }
    }
  });

  it("declares the same inputs as its action metadata parameters", () => {
    expect(new Set(inputNames(wf))).toEqual(new Set(Object.keys(asObject(meta.parameters ?? {}))));
  });

  it("sends every transition to a defined task or an engine command", () => {
    for (const task of tasks) {
      for (const target of task.transitions.flatMap((t) => t.targets)) {
        expect(names.has(target) || ENGINE_COMMANDS.has(target), `${task.name} -> ${target}`).toBe(true);
      }
    }
  });

  it("has one start task and reaches every task from it", () => {
    expect(startTasks(wf)).toHaveLength(1);
    expect(reachable(wf)).toEqual(names);
  });

  it("calls only actions that exist, with parameters they accept", () => {
    for (const task of tasks) {
      expect(task.action, task.name).toBeDefined();
      const action = resolveAction(task.action!);
      expect(action, `${task.name}: ${task.action}`).toBeDefined();
      const input = Object.keys(asObject(task.spec.input ?? {}));
      for (const key of input) expect(action!.params, `${task.name}.${key}`).toContain(key);
      for (const key of action!.required) expect(input, `${task.name} needs ${key}`).toContain(key);
      const params = asObject(action!.meta?.parameters ?? {});
      for (const [key, value] of Object.entries(asObject(task.spec.input ?? {}))) {
        const allowed = asObject(params[key] ?? {}).enum;
        if (Array.isArray(allowed) && typeof value === "string" && !value.includes("{{")) {
          expect(allowed, `${task.name}.${key}`).toContain(value);
        }
      }
    }
  });

  it("reads only declared variables, with one-line expressions", () => {
    const declared = declaredNames(wf);
    const texts = strings(wf.tasks).concat(strings(wf.output), strings(wf.vars), strings(wf.input));
    for (const text of texts) {
      expect(expressionsBalanced(text), text).toBe(true);
      for (const name of ctxReferences(text))
        expect(declared.has(name), `ctx().${name} in ${text}`).toBe(true);
    }
  });

  it("publishes only result keys the called action produces", () => {
    for (const task of tasks) {
      const action = resolveAction(task.action!);
      const published = strings(asObject(task.spec).next);
      for (const text of published) {
        for (const match of text.matchAll(/result\(\)\.(result|output)\.(\w+)/g)) {
          const [, field, key] = match as unknown as [string, string, string];
          const runner = action?.meta?.runner_type;
          expect(field, `${task.name}: ${text}`).toBe(runner === "orquesta" ? "output" : "result");
          if (runner === "orquesta") {
            const child = workflowOf(task.action!)!;
            const outputs = ((child.output ?? []) as Json[]).map((o) => Object.keys(asObject(o))[0]);
            expect(outputs, `${task.name}: ${text}`).toContain(key);
          } else {
            const [pack] = task.action!.split(".");
            const source = readFileSync(
              join(examplesDir, pack!, "actions", String(action?.meta?.entry_point)),
              "utf8",
            );
            expect(source, `${task.name}: ${text}`).toContain(`"${key}"`);
          }
        }
      }
    }
  });

  it("handles the failures it expects with a non-continue target", () => {
    for (const task of tasks) {
      for (const t of task.transitions.filter((x) => /failed\(\)|completed\(\)/.test(x.when ?? ""))) {
        expect(t.targets, task.name).not.toEqual(["continue"]);
      }
    }
  });
});

describe("the nesting of issue 7", () => {
  const top = asObject(loadYaml(join(examplesDir, "monitoring/actions/workflows/host_check.yaml")));

  it("keeps the top-level tasks of the original, in order", () => {
    expect(Object.keys(asObject(top.tasks))).toEqual([
      "config_vars_get",
      "param_override",
      "itsm_begin",
      "get_start_timestamp",
      "ping_test",
      "itsm_update_results",
      "threshold_check",
      "uptime_dispatch",
      "os_dispatch",
      "get_uptime_linux",
      "itsm_update_uptime",
      "check_uptime_value",
      "itsm_close_uptime",
      "db_dispatch",
      "get_end_timestamp",
      "insert_db",
      "update_kv_var",
    ]);
  });

  it("uses the runner of the original for each task", () => {
    const actions = Object.fromEntries(taskFacts(top).map((task) => [task.name, task.action]));
    expect(actions).toMatchObject({
      config_vars_get: "monitoring.config_vars_get",
      param_override: "core.noop",
      itsm_begin: "itsm.itsm_incident_update",
      ping_test: "core.local",
      itsm_update_results: "itsm.itsm_incident_update",
      threshold_check: "monitoring.threshold_check",
      get_uptime_linux: "core.remote",
      itsm_update_uptime: "itsm.itsm_incident_update",
      itsm_close_uptime: "itsm.itsm_incident_update",
      insert_db: "monitoring.sql_insert",
      update_kv_var: "itsm.itsm_processing_incs_var",
    });
    for (const noop of ["get_start_timestamp", "uptime_dispatch", "os_dispatch", "check_uptime_value"]) {
      expect(actions[noop]).toBe("core.noop");
    }
    expect(actions.db_dispatch).toBe("core.noop");
    expect(actions.get_end_timestamp).toBe("core.noop");
  });

  it("retries a failed ping twice, 30 s apart", () => {
    const ping = asObject(asObject(top.tasks).ping_test);
    expect(ping.retry).toEqual({ when: "{{ failed() }}", count: 2, delay: 30 });
  });

  it("nests four workflows and ~35 tasks", () => {
    const counts: Record<string, number> = {};
    for (const { ref, path } of workflows) counts[ref] = taskFacts(asObject(loadYaml(path))).length;
    expect(counts).toEqual({
      "monitoring.host_check": 17,
      "monitoring.sql_insert": 8,
      "monitoring.threshold_check": 6,
      "itsm.itsm_incident_update": 2,
    });
    const expanded = (wf: JsonObject): number =>
      taskFacts(wf).reduce((sum, task) => {
        const child = task.action ? workflowOf(task.action) : undefined;
        return sum + 1 + (child ? expanded(child) : 0);
      }, 0);
    // 17 top-level tasks + 4 ITSM updates x 2 + threshold_check 6 + sql_insert 8.
    expect(expanded(top)).toBe(39);
  });

  it("gives threshold_check and sql_insert the task kinds of the original", () => {
    const threshold = workflows.find((w) => w.ref === "monitoring.threshold_check")!;
    const tc = Object.fromEntries(
      taskFacts(asObject(loadYaml(threshold.path))).map((t) => [t.name, t.action]),
    );
    expect(tc).toEqual({
      value_check_dispatch: "core.noop",
      type_dispatch: "core.noop",
      verify_above: "core.noop",
      verify_below: "core.noop",
      sleep_dispatch: "core.noop",
      action_recheck: "core.local",
    });
    const sql = workflows.find((w) => w.ref === "monitoring.sql_insert")!;
    for (const task of taskFacts(asObject(loadYaml(sql.path)))) {
      expect(resolveAction(task.action!)?.meta?.runner_type, task.name).toBe("python-script");
    }
  });
});
