// Inquiry responses against their schema (StackStorm: Draft 4 plus draft-3
// `required: true` on a property, defaults filled) and the inquirer runner's
// defaults.

import { describe, expect, it } from "vitest";
import { validateResponse } from "../../../runtime/inquiry/validate-response";
import { inquirerRunner } from "../../../runtime/runners/inquirer";
import { RunnerRegistry } from "../../../runtime/runners/registry";
import { DEFAULT_INQUIRY_SCHEMA } from "../../../runtime/runners/runner-params";

const SCHEMA = {
  type: "object",
  properties: {
    approved: { type: "boolean", required: true },
    reason: { type: "string", default: "none given" },
    count: { type: "integer", minimum: 1 },
    level: { type: "string", enum: ["low", "high"] },
  },
};

describe("validateResponse", () => {
  it("accepts a valid response and fills defaults", () => {
    expect(validateResponse(SCHEMA, { approved: true, count: 2 })).toEqual({
      ok: true,
      response: { approved: true, count: 2, reason: "none given" },
    });
  });

  it("keeps a given value over the default", () => {
    const out = validateResponse(SCHEMA, { approved: false, reason: "later" });
    expect(out.ok && out.response.reason).toBe("later");
  });

  it("refuses a missing property marked draft-3 style required: true", () => {
    expect(validateResponse(SCHEMA, { reason: "x" })).toEqual({
      ok: false,
      errors: ["'approved' is a required property"],
    });
  });

  it("refuses a missing property of a Draft-4 required list", () => {
    const out = validateResponse(DEFAULT_INQUIRY_SCHEMA, {});
    expect(out.ok).toBe(false);
    expect(!out.ok && out.errors).toContain("'continue' is a required property");
  });

  it("refuses wrong types, enum values and bounds", () => {
    const out = validateResponse(SCHEMA, { approved: "yes", count: 0, level: "mid" });
    expect(out).toEqual({
      ok: false,
      errors: [
        "approved: 'yes' is not of type 'boolean'",
        "count: 0 is less than the minimum of 1",
        "level: 'mid' is not one of ['low', 'high']",
      ],
    });
    expect(validateResponse(SCHEMA, { approved: true, count: 1.5 }).ok).toBe(false);
  });

  it("refuses a response that is not an object, and extra properties when forbidden", () => {
    expect(validateResponse(SCHEMA, [true]).ok).toBe(false);
    const closed = { ...SCHEMA, additionalProperties: false };
    expect(validateResponse(closed, { approved: true, extra: 1 })).toEqual({
      ok: false,
      errors: ["Additional properties are not allowed ('extra' was unexpected)"],
    });
  });
});

describe("inquirer runner", () => {
  it("is registered and reports pending with StackStorm's defaults", async () => {
    expect(new RunnerRegistry().get("inquirer")).toBe(inquirerRunner);
    expect(await inquirerRunner.run({}, {})).toEqual({
      status: "pending",
      result: { schema: DEFAULT_INQUIRY_SCHEMA, roles: [], users: [], route: "", ttl: 1440 },
    });
    expect(inquirerRunner.runnerParameters.ttl?.default).toBe(1440);
    expect(DEFAULT_INQUIRY_SCHEMA).toMatchObject({
      type: "object",
      properties: { continue: { type: "boolean", required: true } },
      required: ["continue"],
    });
  });

  it("passes the given parameters through", async () => {
    const schema = { type: "object", properties: { ok: { type: "boolean" } } };
    const out = await inquirerRunner.run({ schema, roles: ["ops"], users: ["ann"], route: "r", ttl: 5 }, {});
    expect(out.result).toEqual({ schema, roles: ["ops"], users: ["ann"], route: "r", ttl: 5 });
  });
});
