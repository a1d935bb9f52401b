// The scalar values libyaml's scanner computes (compiler/load/libyaml-scanner.ts,
// used where a text holds an LS or PS) against the yaml package's values,
// which the loader takes everywhere else: on every scalar of the corpus's YAML
// and of damaged copies, and on texts made to exercise each style's folding.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { isScalar, parseDocument, visit } from "yaml";
import { libyamlRead } from "../../../compiler/load/libyaml-parser";

const CORPUS = resolve(__dirname, "../../../../shared/corpus");

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Scalars whose two values differ: [offset, the yaml package's, libyaml's]; null when not compared. */
function differences(text: string): Array<[number, string, string | undefined]> | null {
  const reading = libyamlRead(text, true);
  // Texts libyaml refuses, or that the yaml package reads only with text put in, are not compared.
  if (reading.error || reading.inserts.length > 0 || !reading.scalarValues) return null;
  const doc = parseDocument(text.replace(/\r(?!\n)|\u0085/g, "\n"), {
    version: "1.1",
    schema: "failsafe",
    uniqueKeys: false,
  });
  if (doc.errors.length > 0) return null;
  const out: Array<[number, string, string | undefined]> = [];
  visit(doc, {
    Scalar(_, node) {
      if (!isScalar(node) || !node.range || node.source === "") return;
      const start = node.range[0];
      let theirs = String(node.value);
      // The yaml package gives a block scalar's last line a break the text does not have.
      const block = node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED";
      if (block && node.range[1] === text.length && !/\n$/.test(text) && theirs.endsWith("\n"))
        theirs = theirs.slice(0, -1);
      const ours = reading.scalarValues!.get(start);
      if (ours !== theirs) out.push([start, theirs, ours]);
    },
  });
  return out;
}

/** A copy with a character dropped or doubled every `step` characters. */
function damaged(text: string, step: number): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (i % step === step - 1) continue;
    out += text[i];
    if (i % (step * 3) === 1) out += text[i];
  }
  return out;
}

describe("libyaml's scalar values", () => {
  it("equal the yaml package's on every scalar of the corpus and of damaged copies", () => {
    const files = yamlFiles(CORPUS);
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const variant of [text, damaged(text, 997), damaged(text, 401)]) {
        const found = differences(variant);
        if (found) compared++;
        expect(found ?? [], file).toEqual([]);
      }
    }
    expect(compared).toBeGreaterThan(3000);
  });

  it.each([
    "a: one\n  two\n\n  three\n   four  \nb: 'x  \n\n  y '' z'\nc: \"p\\\n  q \\t\\x41\\u00e9\\U0001F600 \\\"\\\\ \n  r\"\n",
    "a: |\n  keep\n\n   more\n  end\n\nb: >\n  fold\n  this\n\n   not this\n  back\n\nc: |+\n  x\n\n\nd: >-\n  y\n\n",
    '- |2\n    indented\n   less\n- >\n\n  after an empty line\n- "\\N\\_\\L\\P\\0\\a\\b\\v\\f\\r\\e\\/\\ "\n',
    "k: [a b\n  c, 'd\n\n  e', \"f\n  g\"]\nl: {x: 1\n  2}\n",
    "a: |\n  no final break",
    "a: >+\n  kept\n\n",
  ])("equal the yaml package's on %j", (text) => {
    expect(differences(text)).toEqual([]);
  });
});
