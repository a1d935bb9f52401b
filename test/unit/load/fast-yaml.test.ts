import { describe, expect, it } from "vitest";
import { parseSimpleYaml } from "../../../compiler/load/fast-yaml";
import { parseYamlFull } from "../../../compiler/load/parse-yaml";
import { toJsonData } from "../../../compiler/load/yaml-node";

const full = (text: string) => parseYamlFull({ path: "x.yaml", text }).root;

describe("fast YAML path", () => {
  it.each([
    "name: echo\nrunner_type: local-shell-cmd\nparameters:\n  message:\n    type: string\n    required: true\n",
    "---\nversion: 1.0\ntasks:\n  t1:\n    action: core.echo message=hi\n    next:\n      - when: <% succeeded() %>\n        do:\n          - t2\n  t2:\n    action: core.noop\n",
    "a:\n- x\n- y: 1\n  z: 'it''s'\nb: \"q\" # note\nc:\n",
    "a: yes\nb: 010\nc: 1e3\nd: ~\n",
  ])("builds the full parser's tree for %j", (text) => {
    const fast = parseSimpleYaml(text);
    expect(fast).toBeDefined();
    expect(fast).toEqual(full(text));
  });

  it.each([
    ["flow collections", "a: [1, 2]\n"],
    ["block scalars", "a: |\n  text\n"],
    ["multi-line plain scalars", "a: one\n  two\n"],
    ["anchors", "a: &x 1\nb: *x\n"],
    ["duplicate keys", "a: 1\na: 2\n"],
    ["merge keys", "<<: {a: 1}\n"],
    ["escapes", 'a: "x\\ny"\n'],
    ["tabs", "a:\t1\n"],
    ["CRLF", "a: 1\r\nb: 2\r\n"],
    ["a comment closing a block", "a:\n  b: 1\n  # c\nd: 2\n"],
    ["several documents", "a: 1\n---\nb: 2\n"],
    ["empty text", "# only a comment\n"],
  ])("leaves %s to the full parser", (_what, text) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
  });

  it("reads values the PyYAML way", () => {
    expect(toJsonData(parseSimpleYaml("a: on\nb: 0x10\nc: '010'\n")!)).toEqual({ a: true, b: 16, c: "010" });
  });
});
