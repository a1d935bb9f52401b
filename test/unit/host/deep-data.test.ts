// Data nested deeper than the TypeScript printer can write as literals goes
// into a bundle as Python's json text, and comes back exactly (floats that are
// whole, big ints, non-ASCII text, a "__proto__" key); and a fault while
// compiling or bundling one workflow fails that bundle only.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ts } from "ts-morph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../../compiler/compile";
import type { Translate } from "../../../compiler/emit/emit-bundle";
import { MAX_LITERAL_DEPTH } from "../../../compiler/emit/literals";
import { translateExpression } from "../../../compiler/emit/translator";
import { stringifyValue } from "../../../runtime/backend/value-json";
import { type Embedded, embedded } from "./helpers";

const LEVELS = 600;
const root = mkdtempSync(join(tmpdir(), "orqc-deep-data-"));
const pack = join(root, "deepd");

/** A flow collection LEVELS deep, alternating mappings and lists, with odd values at every tenth level. */
function deepYaml(): string {
  let text = "[1.0, 12345678901234567890, 'ünï', {'__proto__': -0.0}]";
  for (let i = LEVELS; i > 0; i--) text = i % 2 === 0 ? `{k${i}: ${text}, n: ${i}.0}` : `[${text}, ${i}]`;
  return text;
}

function writePack(): void {
  mkdirSync(join(pack, "actions/workflows"), { recursive: true });
  writeFileSync(join(pack, "pack.yaml"), "name: deepd\nref: deepd\nversion: 0.1.0\n");
  const workflow = (name: string, body: string) => {
    writeFileSync(join(pack, `actions/workflows/${name}.yaml`), body);
    writeFileSync(
      join(pack, `actions/${name}.yaml`),
      `name: ${name}\nrunner_type: orquesta\nentry_point: workflows/${name}.yaml\n`,
    );
  };
  workflow(
    "deep",
    `version: 1.0\nvars:\n  - deep: ${deepYaml()}\ntasks:\n  t1:\n    action: core.noop\noutput:\n  - deep: <% ctx(deep) %>\n`,
  );
  workflow("plain", "version: 1.0\ntasks:\n  t1:\n    action: core.noop\noutput:\n  - n: <% 1 + 1 %>\n");
}

const out = join(root, "build");
let compiled: Embedded;
let interpreted: Embedded;

beforeAll(async () => {
  writePack();
  const result = await compile({ paths: [pack], outDir: out, force: true, translate: translateExpression });
  expect(result.reports.map((r) => `${r.name}:${r.status}`).sort()).toEqual([
    "deepd.deep:built",
    "deepd.plain:built",
  ]);
  compiled = embedded({ packs: [pack], bundlesDir: out });
  interpreted = embedded({ packs: [pack] });
}, 60_000);

afterAll(async () => {
  await compiled?.close();
  await interpreted?.close();
});

describe("deeply nested data in bundles", () => {
  it("writes data past the literal depth as json text", () => {
    const source = readFileSync(join(out, "deepd.deep.js"), "utf8");
    expect(LEVELS).toBeGreaterThan(MAX_LITERAL_DEPTH);
    expect(source).toMatch(/\$rt\.data\(/);
  });

  it("runs to the interpreter's output, values and types kept", async () => {
    const a = await compiled.run("deepd.deep");
    const b = await interpreted.run("deepd.deep");
    expect(a.status).toBe("succeeded");
    expect(b.status).toBe("succeeded");
    // The Python-typed text keeps 1.0 apart from 1 and -0.0 apart from 0.
    const text = stringifyValue(a.result);
    expect(text).toBe(stringifyValue(b.result));
    expect(text).toContain('"__proto__":-0.0');
    expect(text).toContain("12345678901234567890");
    expect(text).toContain('"n":2.0');
    expect(text.match(/\[/g)!.length).toBeGreaterThan(LEVELS / 2);
  });
});

describe("a fault while compiling one workflow", () => {
  it("fails that bundle with ORQ4001 and builds the others", async () => {
    const faulty: Translate = (text, rt) => {
      if (text.includes("ctx(deep)")) throw new Error("translator fault");
      return translateExpression(text, rt);
    };
    const result = await compile({
      paths: [pack],
      outDir: join(root, "faulty"),
      force: true,
      translate: faulty,
    });
    const status = Object.fromEntries(result.reports.map((r) => [r.name, r.status]));
    expect(status).toEqual({ "deepd.deep": "failed", "deepd.plain": "built" });
    const fault = result.diagnostics.filter((d) => d.code === "ORQ4001");
    expect(fault).toHaveLength(1);
    expect(fault[0]!.file?.path).toContain("deep.yaml");
    expect(fault[0]!.message).toContain("translator fault");
    expect(result.manifest.map((m) => m.ref)).toEqual(["deepd.plain"]);
  });

  it("fails the bundle whose generated code esbuild refuses, and writes the others", async () => {
    // Generated code that imports something: the bundler's allowlist refuses it.
    const importing: Translate = (text, rt) =>
      text.includes("ctx(deep)")
        ? ts.factory.createCallExpression(
            ts.factory.createToken(ts.SyntaxKind.ImportKeyword) as ts.Expression,
            undefined,
            [ts.factory.createStringLiteral("node:fs")],
          )
        : translateExpression(text, rt);
    const dir = join(root, "importing");
    const result = await compile({ paths: [pack], outDir: dir, force: true, translate: importing });
    const status = Object.fromEntries(result.reports.map((r) => [r.name, r.status]));
    expect(status).toEqual({ "deepd.deep": "failed", "deepd.plain": "built" });
    const fault = result.diagnostics.filter((d) => d.code === "ORQ4001");
    expect(fault.map((d) => d.message).join()).toContain('may not import "node:fs"');
    expect(result.manifest.map((m) => m.ref)).toEqual(["deepd.plain"]);
    expect(existsSync(join(dir, "deepd.plain.js"))).toBe(true);
    expect(existsSync(join(dir, "deepd.deep.js"))).toBe(false);
  });
});
