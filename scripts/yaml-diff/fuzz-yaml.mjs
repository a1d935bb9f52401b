#!/usr/bin/env node
// Differential fuzzing of orqc's YAML loading against the loader Orquesta 1.6.0
// reads workflow files with (PyYAML's C safe loader, duplicate keys refused,
// no merge keys): seeded random documents of scalars in every style (plain
// YAML 1.1 booleans, octals, sexagesimals, floats, timestamps; quoted strings
// with escapes; block scalars with chomping and indentation indicators),
// nested block and flow collections, anchors, aliases, tags, comments.
// Compares the type and Python repr of every value (timestamps: the type only),
// and that both refuse the same documents.
// With --tabs, each document gets a few tabs where YAML writers leave them (a
// space made a tab, a tab after `- ` or `: `, at a line's start or end, a line
// of only a tab), which libyaml takes in some places and refuses in others.
// With --dedent, one to three lines lose some of their indentation (libyaml
// reads the lines of a multi-line flow collection at any indentation).
// With --corpus DIR, the documents are DIR's YAML files (N of them, chosen
// by seed) instead of random ones.
// With --damage, one to three characters of each document are inserted,
// dropped or replaced (damage.mjs).
// With --trim-end, each document loses its final line breaks (block scalars at
// the end of a text without one have no final break in libyaml).
// With --separators, one to three LS or PS (U+2028, U+2029: line breaks for
// libyaml, kept in its values) replace a LF or a space, or go next to a LF.
// With --messages, a document both refuse for its YAML (PyYAML's ScannerError,
// ParserError or ComposerError) must also be refused in PyYAML's words, at
// PyYAML's position (the problem's line and column).
// (orqc counts lines by LF, as editors do, so where a text holds an LS or PS
// only the words are compared.)
// Usage: ORQUESTA_SRC=DIR node scripts/yaml-diff/fuzz-yaml.mjs [N=500] [SEED=1] [--tabs] [--dedent] [--messages] [--trim-end] [--damage] [--separators] [--corpus DIR]

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { requireOrquestaSrc, runJson } from "../lib/oracle.mjs";
import { mulberry32 } from "../lib/seeded.mjs";
import { damaged } from "./damage.mjs";
import { randomDocument } from "./random-yaml.mjs";

const corpusAt = process.argv.indexOf("--corpus");
const CORPUS = corpusAt > 0 ? process.argv[corpusAt + 1] : undefined;
const args = process.argv
  .slice(2)
  .filter(
    (a, i) =>
      !["--tabs", "--dedent", "--messages", "--trim-end", "--damage", "--separators", "--corpus"].includes(
        a,
      ) && i !== corpusAt - 1,
  );
const TRIM_END = process.argv.includes("--trim-end");
const DAMAGE = process.argv.includes("--damage");
const MESSAGES = process.argv.includes("--messages");
const DEDENT = process.argv.includes("--dedent");
const TABS = process.argv.includes("--tabs");
const SEPARATORS = process.argv.includes("--separators");
const N = Number(args[0] ?? 500);
const SEED = Number(args[1] ?? 1);

/** Edits one to three lines chosen by seed: `edit(lines, n, line, indentation, rng)` changes `lines`. */
function editLines(text, seed, edit) {
  const rng = mulberry32(seed);
  const lines = text.split("\n");
  for (let k = rng.int(1, 3); k > 0; k--) {
    const n = rng.int(0, Math.max(0, lines.length - 1));
    const line = lines[n] ?? "";
    edit(lines, n, line, line.length - line.trimStart().length, rng);
  }
  return lines.join("\n");
}

/** Lines with fewer leading spaces. */
const dedented = (text, seed) =>
  editLines(text, seed, (lines, n, line, lead, rng) => {
    if (lead > 0) lines[n] = line.slice(rng.int(1, lead));
  });

/** Tabs where YAML writers leave them. */
const withTabs = (text, seed) =>
  editLines(text, seed, (lines, n, line, lead, rng) => {
    const spaces = [...line].map((c, i) => (c === " " ? i : -1)).filter((i) => i >= 0);
    switch (rng.int(0, 5)) {
      case 0:
        if (spaces.length > 0) {
          const at = rng.pick(spaces);
          lines[n] = `${line.slice(0, at)}\t${line.slice(at + 1)}`;
        }
        break;
      case 1:
        lines[n] = line.replace(rng.chance(0.5) ? "- " : ": ", (m) => `${m}\t`);
        break;
      case 2:
        lines[n] = `${line.slice(0, lead)}\t${line.slice(lead)}`;
        break;
      case 3:
        lines[n] = `${line}${rng.pick(["\t", " \t", "\t  "])}`;
        break;
      case 4:
        lines.splice(n, 0, rng.pick(["\t", "  \t", `${" ".repeat(lead)}\t`]));
        break;
      default:
        lines[n] = `\t${line}`;
    }
  });
/** LS or PS in place of a LF or a space, or next to a LF. */
function withSeparators(text, seed) {
  const rng = mulberry32(seed);
  const chars = [...text];
  const places = chars.map((c, i) => (c === "\n" || c === " " ? i : -1)).filter((i) => i >= 0);
  if (places.length === 0) return text;
  for (let k = rng.int(1, 3); k > 0; k--) {
    const at = rng.pick(places);
    const sep = rng.pick(["\u2028", "\u2029"]);
    chars[at] = chars[at] === " " ? sep : rng.pick([sep, `${sep}\n`, `\n${sep}`]);
  }
  return chars.join("");
}

const root = resolve(import.meta.dirname, "../..");
requireOrquestaSrc();

/**
 * What orqc should say for a YAML error PyYAML raised: its context, the
 * context's mark unless it is the problem's, and its problem, at the
 * problem's mark; undefined for other load errors (the file's own rules).
 */
function expectedYamlError(error) {
  const m = /^(ScannerError|ParserError|ComposerError): ([\s\S]*)$/.exec(error);
  if (!m) return undefined;
  const lines = m[2].split("\n");
  const marks = lines.filter((l) => l.startsWith("  in "));
  const words = lines.filter((l) => !l.startsWith("  in "));
  const at = /line (\d+), column (\d+)/.exec(marks[marks.length - 1] ?? "");
  const contextMark = marks.length > 1 ? /line (\d+), column (\d+)/.exec(marks[0]) : null;
  const where = contextMark ? ` (line ${contextMark[1]}, column ${contextMark[2]})` : "";
  const detail = words.length > 1 ? `${words[0]}${where}: ${words[1]}` : words[0];
  return { detail, at: at ? `${at[1]}:${at[2]}` : undefined };
}

/** Timestamps compare by type; errors compare as "refused". */
function normalise(v) {
  if (!v || v.error !== undefined) return "refused";
  if (v.t === "date" || v.t === "datetime") return { t: v.t };
  if (v.t === "seq") return { t: "seq", v: v.v.map(normalise) };
  if (v.t === "map") return { t: "map", v: v.v.map(([k, x]) => [normalise(k), normalise(x)]) };
  return v;
}

function firstDifference(a, b) {
  if (JSON.stringify(a) === JSON.stringify(b)) return "";
  if (a?.t !== b?.t || (a.t !== "seq" && a.t !== "map"))
    return `${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  if (a.v.length !== b.v.length) return `${a.t} of ${a.v.length} vs ${b.v.length} entries`;
  for (let i = 0; i < a.v.length; i++) {
    const d = firstDifference(a.v[i], b.v[i]);
    if (d) return d;
  }
  return "";
}

/** The YAML files under a folder, sorted. */
function yamlFiles(folder) {
  return readdirSync(folder, { recursive: true })
    .map(String)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(folder, f));
}
const corpusFiles = CORPUS ? yamlFiles(resolve(CORPUS)) : [];
const pickCorpus = mulberry32(SEED);
const sourceDocument = (i) =>
  CORPUS
    ? readFileSync(corpusFiles[pickCorpus.int(0, corpusFiles.length - 1)], "utf8")
    : randomDocument(SEED * 1_000_003 + i);

const dir = mkdtempSync(join(tmpdir(), "orqc-fuzz-yaml-"));
try {
  const files = [];
  const texts = new Map();
  for (let i = 0; i < N; i++) {
    const plain = sourceDocument(i);
    const tabbed = TABS ? withTabs(plain, SEED * 7_919 + i) : plain;
    const shifted = DEDENT ? dedented(tabbed, SEED * 104_729 + i) : tabbed;
    const trimmed = TRIM_END ? shifted.replace(/[\r\n]+$/, "") : shifted;
    const broken = DAMAGE ? damaged(trimmed, SEED * 31_337 + i) : trimmed;
    const text = SEPARATORS ? withSeparators(broken, SEED * 65_537 + i) : broken;
    const file = join(dir, `doc${i}.yaml`);
    writeFileSync(file, text);
    files.push(file);
    texts.set(file, text);
  }
  const real = runJson("/usr/bin/python3", [join(import.meta.dirname, "pyyaml_reference.py"), ...files]);
  const ours = runJson(process.execPath, [
    join(root, "scripts/run-ts.mjs"),
    join(import.meta.dirname, "orqc-yaml.ts"),
    ...files,
  ]);
  const differing = [];
  let refused = 0;
  let worded = 0;
  for (const file of files) {
    const a = normalise(real[file]);
    const b = normalise(ours[file]);
    const wanted = MESSAGES && b === "refused" ? expectedYamlError(real[file]?.cause ?? "") : undefined;
    // libyaml puts the end of a text not ending in a line break on the line after it: orqc points at the end.
    const lines = texts.get(file).split("\n");
    if (wanted?.at && Number(wanted.at.split(":")[0]) > lines.length)
      wanted.at = `${lines.length}:${lines[lines.length - 1].length + 1}`;
    const said = {
      detail: ours[file]?.error?.replace(/^YAML syntax error: /, "").replace(/ \(a tab: .*\)$/, ""),
      at: ours[file]?.at,
    };
    const placed = !/[\u2028\u2029]/.test(texts.get(file));
    if (JSON.stringify(a) !== JSON.stringify(b)) differing.push({ file, real: real[file], ours: ours[file] });
    else if (wanted && (wanted.detail !== said.detail || (placed && wanted.at !== said.at)))
      differing.push({ file, real: real[file], ours: ours[file], words: true });
    else if (a === "refused") {
      refused++;
      if (wanted) worded++;
    }
  }
  console.log(
    `${N} ${CORPUS ? `files of ${CORPUS}` : "random YAML documents"}${TABS ? " with tabs" : ""}${DEDENT ? " dedented" : ""}${TRIM_END ? " without a final line break" : ""}${DAMAGE ? " damaged" : ""}${SEPARATORS ? " with LS/PS" : ""} (seed ${SEED}): ${N - differing.length} alike (${refused} refused by both${MESSAGES ? `, ${worded} of them compared by words and place` : ""}), ${differing.length} differ`,
  );
  differing.sort((x, y) => texts.get(x.file).length - texts.get(y.file).length);
  // One line per kind of difference, with how often it came up.
  const kinds = new Map();
  for (const d of differing) {
    const kind = d.words
      ? `refused in other words or at another place: ${d.real.error.split("\n")[0]}`
      : d.real?.error !== undefined
        ? `refused by Orquesta only: ${d.real.error
            .replace(/^ValueError: Failed to load workflow definition because /, "")
            .split("\n")[0]
            .replace(/'.*'/, "'…'")}`
        : d.ours?.error !== undefined
          ? `refused by orqc only: ${d.ours.error.split("\n")[0]}`
          : `values differ: ${firstDifference(normalise(d.real), normalise(d.ours))}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1]))
    console.log(`${String(n).padStart(5)}  ${kind}`);
  for (const d of differing.slice(0, Number(process.env.SHOW ?? 5))) {
    console.log(`\n--- ${d.file}\n${texts.get(d.file)}`);
    console.log(`Orquesta's loader: ${JSON.stringify(d.real).slice(0, 1500)}`);
    console.log(`orqc:              ${JSON.stringify(d.ours).slice(0, 1500)}`);
  }
  if (differing.length > 0) process.exitCode = 1;
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}
