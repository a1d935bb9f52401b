// Generator functions in the expression library and the runtime are declared
// at module level (or as class methods): V8 gives a generator function created
// inside another function a new prototype object at each call, which cost
// yaql's select/where 1-2 µs per call (docs/performance.md, Expressions).

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO } from "../expr/translate/harness";

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) yield path;
  }
}

/** A generator function or an object literal's generator method (both made anew where they are evaluated). */
function isGenerator(node: ts.Node): boolean {
  if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node))
    return node.asteriskToken !== undefined;
  return (
    ts.isMethodDeclaration(node) &&
    ts.isObjectLiteralExpression(node.parent) &&
    node.asteriskToken !== undefined
  );
}

function isFunctionLike(node: ts.Node): boolean {
  return ts.isFunctionLike(node) && !ts.isClassDeclaration(node);
}

/** `file:line` of every generator function written inside another function. */
function nestedGenerators(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node, insideFunction: boolean): void => {
    if (isGenerator(node) && insideFunction) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${relative(REPO, path)}:${line + 1}`);
    }
    const inside = insideFunction || isFunctionLike(node);
    ts.forEachChild(node, (child) => visit(child, inside));
  };
  visit(source, false);
  return found;
}

describe("generator functions are module-level", () => {
  it("finds a nested one where there is one", () => {
    const text = [
      "export function f(a: number[]) { return (function* () { yield* a; })(); }",
      "function* g() {}",
      "class C { *items() {} }",
      "const h = () => ({ *[Symbol.iterator]() {} });",
      "function k() { function* inner() {} return inner; }",
    ].join("\n");
    expect(nestedGenerators(join(REPO, "x.ts"), text)).toEqual(["x.ts:1", "x.ts:4", "x.ts:5"]);
  });

  it("has none in compiler/ and runtime/", () => {
    const found: string[] = [];
    for (const dir of ["compiler", "runtime"])
      for (const path of sourceFiles(join(REPO, dir)))
        found.push(...nestedGenerators(path, readFileSync(path, "utf8")));
    expect(found).toEqual([]);
  });
});
