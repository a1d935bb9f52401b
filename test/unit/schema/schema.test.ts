import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../../compiler/load/parse-yaml";
import { toJsonData, type YNode } from "../../../compiler/load/yaml-node";
import { ACTION_METADATA_SCHEMA } from "../../../compiler/schema/action-schema";
import { ORQUESTA_WORKFLOW_SCHEMA } from "../../../compiler/schema/orquesta-schema";
import { schemaDiagnostics } from "../../../compiler/schema/schema-diagnostics";
import { specPathOf, validateNode } from "../../../compiler/schema/validate";

const ROOT = resolve(__dirname, "../../..");

function issues(text: string) {
  const root = parseYaml({ path: "wf.yaml", text }).root as YNode;
  return validateNode(root, ORQUESTA_WORKFLOW_SCHEMA).map((i) => ({
    message: i.message,
    spec_path: specPathOf(i.path),
    schema_path: i.schemaPath,
  }));
}

describe("published schema files", () => {
  it("are exactly the schemas the checker uses", () => {
    const wf = JSON.parse(readFileSync(resolve(ROOT, "schema/orquesta-workflow.schema.json"), "utf8"));
    expect(wf).toEqual(JSON.parse(JSON.stringify(ORQUESTA_WORKFLOW_SCHEMA)));
    const action = JSON.parse(readFileSync(resolve(ROOT, "schema/st2-action.schema.json"), "utf8"));
    expect(action).toEqual(JSON.parse(JSON.stringify(ACTION_METADATA_SCHEMA)));
  });

  it("work with a stock ajv (as an editor would use them) on real workflows", () => {
    const wf = JSON.parse(readFileSync(resolve(ROOT, "schema/orquesta-workflow.schema.json"), "utf8"));
    const validate = new Ajv({ strict: false }).compile(wf);
    const text = readFileSync(
      resolve(ROOT, "../shared/corpus/stackstorm/st2/contrib/examples/actions/workflows/orquesta-join.yaml"),
      "utf8",
    );
    expect(validate(toJsonData(parseYaml({ path: "x", text }).root!))).toBe(true);
    expect(validate({ tasks: { t: { nxt: [] } } })).toBe(false);
  });
});

describe("schema validation reads like Python's jsonschema", () => {
  it("groups unknown keys of one object", () => {
    expect(issues("version: 1.0\nfoo: 1\nbar: 2\ntasks:\n  t:\n    action: core.noop\n")).toEqual([
      {
        message: "Additional properties are not allowed ('foo', 'bar' were unexpected)",
        spec_path: null,
        schema_path: "additionalProperties",
      },
    ]);
  });

  it("folds the branch errors of oneOf into one entry", () => {
    expect(issues("tasks:\n  t:\n    input: [{cmd: x}]\n")).toEqual([
      {
        message: "[{'cmd': 'x'}] is not valid under any of the given schemas",
        spec_path: "tasks.t.input",
        schema_path: "properties.tasks.patternProperties.^\\w+$.properties.input.oneOf",
      },
    ]);
  });

  it("reports version, empty strings, missing keys and list shapes", () => {
    expect(issues("version: 2.0\ntasks:\n  t: {}\n")[0]).toEqual({
      message: "2.0 is not one of ['1.0', 1.0]",
      spec_path: "version",
      schema_path: "properties.version.enum",
    });
    expect(issues("description: ''\ntasks:\n  t: {}\n")[0]?.message).toBe("'' is too short");
    expect(issues("tasks:\n  t:\n    retry: {delay: 1}\n")[0]?.message).toBe(
      "'count' is a required property",
    );
    expect(issues("vars: {a: 1}\ntasks:\n  t: {}\n")[0]?.message).toBe("{'a': 1} is not of type 'array'");
    expect(issues("vars:\n  - {x: 1, y: 2}\ntasks:\n  t: {}\n")[0]?.message).toBe(
      "{'x': 1, 'y': 2} has too many properties",
    );
    expect(issues("input: [a, a]\ntasks:\n  t: {}\n")[0]?.message).toBe("['a', 'a'] has non-unique elements");
    expect(issues("tasks: {}\n")[0]?.message).toBe("{} does not have enough properties");
  });

  it("says problems in plain words with did-you-mean", () => {
    const text = "version: 1.0\ntasks:\n  notify:\n    action: core.noop\n    nxt:\n      - do: x\n";
    const root = parseYaml({ path: "wf.yaml", text }).root!;
    const d = schemaDiagnostics(
      { path: "wf.yaml", text },
      root,
      validateNode(root, ORQUESTA_WORKFLOW_SCHEMA),
    );
    expect(d.map((x) => [x.code, x.message])).toEqual([
      ["ORQ1010", 'task "notify": unknown key "nxt" (did you mean "next"?)'],
    ]);
    expect(text.slice(d[0]!.range!.start, d[0]!.range!.end)).toBe("nxt");
  });
});
