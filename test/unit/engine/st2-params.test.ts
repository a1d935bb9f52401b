import { describe, expect, it } from "vitest";
import { renderParamTemplate } from "../../../runtime/engine/param-template";
import { applyParameterRules } from "../../../runtime/engine/st2-params";
import { PyFloat, type PyValue } from "../../../runtime/stdlib/py/value";

const ctx = { datastore: { "system.hosts": '["a", "b"]' }, actionContext: { user: "stanley" }, config: {} };

describe("StackStorm parameter rules", () => {
  it("fills defaults, renders templates, casts by type and drops notify", () => {
    const r = applyParameterRules(
      { n: "3", given: null },
      {
        n: { type: "integer" },
        f: { type: "number", default: 2 },
        hosts: { type: "array", default: "{{ st2kv.system.hosts }}" },
        given: { type: "string", default: "d" },
        bare: { type: "string" },
        notify: { type: "array" },
      },
      ctx,
      renderParamTemplate,
    );
    expect(r).toEqual({
      ok: true,
      input: { n: 3, f: new PyFloat(2), hosts: ["a", "b"], given: "d", bare: null },
    });
  });

  it("casts integer text exactly, as Python's int() does (beyond 2^53 too)", () => {
    const r = applyParameterRules(
      { id: "1152921504606846977", small: " -12 " },
      { id: { type: "integer" }, small: { type: "integer" } },
      ctx,
      renderParamTemplate,
    );
    expect(r).toEqual({ ok: true, input: { id: 1152921504606846977n, small: -12 } });
  });

  it("refuses unknown and immutable parameters, and missing required ones", () => {
    expect(applyParameterRules({ x: 1 }, {}, ctx, renderParamTemplate).ok).toBe(false);
    expect(
      applyParameterRules({ a: "v" }, { a: { immutable: true, default: "d" } }, ctx, renderParamTemplate).ok,
    ).toBe(false);
    expect(
      applyParameterRules({}, { a: { type: "string", required: true } }, ctx, renderParamTemplate).ok,
    ).toBe(false);
  });

  it("fails a template StackStorm's Jinja cannot render, with Jinja's message (st2's ParamException)", () => {
    // Messages as jinja2 3.1 gives them (SandboxedEnvironment, StrictUndefined).
    const failure = (template: string) =>
      applyParameterRules({}, { who: { type: "string", default: template } }, ctx, renderParamTemplate);
    expect(failure("@{{ action_context.api_user }}")).toEqual({
      ok: false,
      error: `Failed to render parameter "who": 'dict object' has no attribute 'api_user'`,
    });
    // A name no parameter or context defines is refused before anything renders.
    expect(failure("{{ nobody }}")).toEqual({
      ok: false,
      error: `Dependency unsatisfied in variable "nobody"`,
    });
    expect(failure("{{ action_context.user | nosuch }}")).toEqual({
      ok: false,
      error: `Failed to render parameter "who": No filter named 'nosuch'.`,
    });
    expect(failure("@{{ action_context.api_user | default(action_context.user) }}")).toEqual({
      ok: true,
      input: { who: "@stanley" },
    });
  });

  it("renders templates after the ones they read, keeps one that does not parse, refuses cycles", () => {
    const rules = (params: Record<string, PyValue>) =>
      applyParameterRules({}, params, ctx, renderParamTemplate);
    expect(
      rules({
        url: { type: "string", default: "https://{{ host }}:{{ port }}/{{ path }}" },
        path: { type: "string", default: "v{{ port }}" },
        host: { type: "string", default: "{{ action_context.user }}.example" },
        port: { type: "integer", default: 8080 },
      }),
    ).toEqual({
      ok: true,
      input: {
        url: "https://stanley.example:8080/v8080",
        path: "v8080",
        host: "stanley.example",
        port: 8080,
      },
    });
    expect(rules({ cmd: { type: "string", default: "echo {{ x" } })).toEqual({
      ok: true,
      input: { cmd: "echo {{ x" },
    });
    expect(
      rules({ a: { type: "string", default: "{{ b }}" }, b: { type: "string", default: "{{ a }}" } }),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Cyclic dependency found in the following variables: /),
    });
    expect(rules({ a: { type: "string", default: "{{ a }}" } })).toEqual({
      ok: false,
      error:
        "Cyclic dependency found in the following variables: a. Likely the variable is referencing itself",
    });
  });

  it('renders a list or dict holding Jinja through its JSON, a whole `"{{name}}"` keeping its type', () => {
    const r = applyParameterRules(
      { name: "FOO", ids: [1, 2] },
      {
        name: { type: "string" },
        ids: { type: "array" },
        env: {
          type: "object",
          default: { "{{ name }}": "This is a test", all: "{{ids}}", n: "{{ ids | length }}" },
        },
        list: { type: "array", default: ["{{ids}}", "x-{{ name }}"] },
      },
      ctx,
      renderParamTemplate,
    );
    expect(r).toEqual({
      ok: true,
      input: {
        name: "FOO",
        ids: [1, 2],
        env: { FOO: "This is a test", all: [1, 2], n: "2" },
        list: [[1, 2], "x-FOO"],
      },
    });
  });

  it("has StackStorm's own filters: to_complex is json.dumps, decrypt_kv gives the stored text", () => {
    expect(renderParamTemplate("{{ x | to_complex }}", { x: { a: [1, "b"] } })).toBe('{"a": [1, "b"]}');
    expect(
      renderParamTemplate("{{ st2kv.system.pw | decrypt_kv }}", { st2kv: { system: { pw: "s3" } } }),
    ).toBe("s3");
  });

  it("renders a missing datastore key as an empty string", () => {
    expect(renderParamTemplate("x{{ st2kv.system.nope }}y", { st2kv: { system: {} } })).toBe("xy");
  });
});
