import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../../runtime/backend/types";
import { toAjvSchema } from "../../../runtime/output-schema/dialect";
import { maskSecretOutput, OUTPUT_INVALID, validateOutput } from "../../../runtime/output-schema/index";

// The output_schema of st2's orquesta_tests.py_secret_output and data-flow actions (../shared/corpus).
const PY_SECRET: JsonValue = {
  type: "object",
  properties: { k2: { type: "string", required: true, secret: true } },
  additionalProperties: false,
};
const DATA_FLOW: JsonValue = {
  type: "object",
  properties: {
    a6: { type: "string", required: true },
    b7: { type: "string", required: true, secret: true },
  },
  additionalProperties: false,
};

describe("secret output", () => {
  it("is masked under the runner's output key, the rest of the result kept", () => {
    const result = { result: { k2: "s3cr3t" }, stdout: "", exit_code: 0 };
    expect(maskSecretOutput(result, "python-script", PY_SECRET)).toEqual({
      result: { k2: "********" },
      stdout: "",
      exit_code: 0,
    });
    expect(result.result.k2).toBe("s3cr3t");
    expect(maskSecretOutput({ output: { a6: "x", b7: "y" } }, "orquesta", DATA_FLOW)).toEqual({
      output: { a6: "x", b7: "********" },
    });
  });

  it("follows patternProperties, additionalProperties, items and additionalItems", () => {
    const schema: JsonValue = {
      type: "object",
      properties: {
        list: {
          type: "array",
          items: { type: "object", properties: { token: { type: "string", secret: true } } },
        },
        pair: {
          type: "array",
          items: [{ type: "string" }],
          additionalItems: { type: "string", secret: true },
        },
      },
      patternProperties: { "^pw_": { type: "string", secret: true } },
      additionalProperties: { type: "object", properties: { key: { secret: true } } },
    };
    const out = maskSecretOutput(
      {
        result: {
          list: [{ token: "t1", id: 1 }, { id: 2 }],
          pair: ["user", "pass", "more"],
          pw_db: "x",
          other: { key: "k", name: "n" },
        },
      },
      "python-script",
      schema,
    );
    expect(out).toEqual({
      result: {
        list: [{ token: "********", id: 1 }, { id: 2 }],
        pair: ["user", "********", "********"],
        pw_db: "********",
        other: { key: "********", name: "n" },
      },
    });
  });

  it("reads the legacy form (a bare map of properties), and leaves values of another shape alone", () => {
    expect(
      maskSecretOutput({ result: { token: "t", n: 1 } }, "python-script", { token: { secret: true } }),
    ).toEqual({
      result: { token: "********", n: 1 },
    });
    expect(maskSecretOutput({ result: "text" }, "python-script", PY_SECRET)).toEqual({ result: "text" });
  });

  it("applies only to runners with an output key", () => {
    const result = { stdout: "s3cr3t", stderr: "" };
    expect(maskSecretOutput(result, "local-shell-cmd", { type: "object", secret: true })).toBe(result);
  });
});

describe("output validation (StackStorm's custom dialect)", () => {
  it("requires a property by its own required: true, and ignores an object's required list", () => {
    expect(validateOutput({ result: { k2: "v" } }, "python-script", PY_SECRET)).toBeUndefined();
    expect(validateOutput({ result: {} }, "python-script", PY_SECRET)).toEqual({
      error: "'k2' is a required property\n\nFailed validating 'required' in schema required",
      message: OUTPUT_INVALID,
    });
    const listOnly: JsonValue = { type: "object", properties: { a: { type: "string" } }, required: ["a"] };
    expect(validateOutput({ output: {} }, "orquesta", listOnly)).toBeUndefined();
  });

  it("reports the first problem in jsonschema's words, with where it is", () => {
    const bad = validateOutput({ output: { a6: "x", b7: 7 } }, "orquesta", DATA_FLOW);
    expect(bad?.error).toMatch(
      /^7 is not of type 'string'\n\nFailed validating 'type' in schema properties\.b7\.type on instance\['b7'\]$/,
    );
    expect(validateOutput({ output: { a6: "x", b7: "y", c: 1 } }, "orquesta", DATA_FLOW)?.error).toMatch(
      /^Additional properties are not allowed \('c' was unexpected\)/,
    );
  });

  it("checks nothing for legacy or unusable schemas and runners without an output key", () => {
    expect(
      validateOutput({ result: 5 }, "python-script", { version: { type: "string", required: true } }),
    ).toBeUndefined();
    expect(validateOutput({ result: 5 }, "python-script", { type: "no-such-type" })).toBeUndefined();
    expect(validateOutput({ stdout: "x" }, "local-shell-cmd", { type: "integer" })).toBeUndefined();
    expect(validateOutput({ result: 5 }, "python-script", { type: "integer" })).toBeUndefined();
  });

  it("rewrites draft 4's boolean exclusive bounds", () => {
    expect(toAjvSchema({ type: "number", maximum: 5, exclusiveMaximum: true })).toEqual({
      type: "number",
      exclusiveMaximum: 5,
    });
    expect(
      validateOutput({ result: 5 }, "python-script", { type: "number", maximum: 5, exclusiveMaximum: true })
        ?.error,
    ).toMatch(/^5 /);
    expect(
      validateOutput({ result: 5 }, "python-script", { type: "number", maximum: 5, exclusiveMaximum: false }),
    ).toBeUndefined();
  });
});
