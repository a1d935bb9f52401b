// Seeded random YAML documents for fuzz-yaml.mjs, written as text (not through
// a YAML library) so that every scalar style and layout a hand-written
// workflow may use shows up: block mappings and sequences, flow collections,
// plain scalars that YAML 1.1 resolves to other types, quoted strings with
// escapes, block scalars, anchors and aliases, tags and comments.

import { seededRandom } from "../lib/seeded.mjs";

const PLAIN = [
  "yes",
  "No",
  "ON",
  "off",
  "y",
  "n",
  "true",
  "False",
  "TRUE",
  "null",
  "Null",
  "~",
  "NULL",
  "0",
  "-0",
  "+1",
  "007",
  "0o17",
  "0x1F",
  "0b101",
  "1_000",
  "12:30",
  "1:30:00",
  "190:20:30",
  "1.0",
  "1.",
  ".5",
  "-.5",
  "1e3",
  "1.0e+3",
  "1.5E-2",
  "6.8523015e+5",
  "685_230.15",
  "1:30.5",
  ".inf",
  "-.Inf",
  ".NaN",
  "+.inf",
  "2001-12-14",
  "2001-12-14t21:59:43.10-05:00",
  "2001-12-14 21:59:43.10 -5",
  "2002-12-14",
  "2001-1-1",
  "20011214",
  "hello",
  "hello world",
  "a:b",
  "a: b c",
  "http://x.y/z?a=1",
  "<% ctx(x) %>",
  "{{ ctx().x }}",
  "-",
  "- x",
  "?",
  "!",
  "&a",
  "*",
  "@x",
  "`x",
  "%x",
  "x#y",
  "x #y",
  "<<",
  "=",
  "1,2",
  "[x",
  "]",
  "é",
  "日本",
  "tab\there",
  "100%",
  "$x",
  "0.1.2",
  "1.2.3.4",
  "+",
  "-1_0",
  "0_1",
  "1__0",
  "08",
  "09.5",
];
const QUOTED_D = [
  '"x"',
  '"a\\tb"',
  '"\\u00e9"',
  '"line\\nbreak"',
  '"\\x41"',
  '"q\\"q"',
  '""',
  '"  pad  "',
  '"yes"',
  '"1"',
  '"\\/"',
  '"\\ "',
  '"\\N"',
];
const QUOTED_S = ["'x'", "'it''s'", "''", "'yes'", "'1.0'", "'a\\n'", "'  '", "'<<'"];

export function randomDocument(seed) {
  const { next: r, chance, pick, int } = seededRandom(seed);
  const anchors = [];
  let keyNo = 0;

  function scalar() {
    const x = r();
    if (x < 0.55) return pick(PLAIN);
    if (x < 0.75) return pick(QUOTED_D);
    if (x < 0.9) return pick(QUOTED_S);
    return `${pick(["!!str", "!!int", "!!float", "!!bool", "!!null"])} ${pick(PLAIN)}`;
  }
  function key() {
    if (chance(0.15)) return pick(["1", "yes", "null", "1.5", '"k"', "'k'", "2001-12-14", "<<", "~"]);
    if (chance(0.03)) return `k${int(3)}`; // sometimes a duplicate
    return `k${keyNo++}`;
  }
  // In flow collections a bare `-`, `!` or `?` before `,` or `]` is where libyaml and the yaml
  // package part ways (docs/conformance.md lists it); the generator leaves those out.
  function flowScalar() {
    for (;;) {
      const s = scalar();
      if (!["-", "!", "?"].includes(s) && !s.endsWith(" !") && !s.endsWith(" -")) return s;
    }
  }
  function flow(depth) {
    if (depth > 1 || chance(0.5)) {
      const items = Array.from({ length: int(4) }, () => (chance(0.2) ? flow(depth + 1) : flowScalar()));
      return `[${items.join(", ")}]`;
    }
    const items = Array.from(
      { length: int(3) },
      () => `${key()}: ${chance(0.2) ? flow(depth + 1) : flowScalar()}`,
    );
    return `{${items.join(", ")}}`;
  }
  function blockScalar(indent) {
    const head = `${pick(["|", ">"])}${pick(["", "-", "+"])}${chance(0.1) ? "2" : ""}`;
    const pad = " ".repeat(indent + 2);
    const lines = Array.from({ length: 1 + int(3) }, () =>
      pick(["text", "  more indented", "", "a: b", "# not a comment", "x  y"]),
    );
    return `${head}\n${lines.map((l) => (l ? pad + l : "")).join("\n")}${chance(0.3) ? "\n" : ""}`;
  }
  function value(indent, depth) {
    const x = r();
    if (depth < 3 && x < 0.25) return { block: mapping(indent + 2, depth + 1) };
    if (depth < 3 && x < 0.4) return { block: sequence(indent + 2, depth + 1) };
    if (x < 0.5) return { inline: flow(0) };
    if (x < 0.57) return { inline: blockScalar(indent) };
    if (x < 0.62 && anchors.length > 0) return { inline: `*${pick(anchors)}` };
    if (x < 0.66) {
      const name = `a${anchors.length}`;
      anchors.push(name);
      return { inline: `&${name} ${scalar()}` };
    }
    if (x < 0.68) return { inline: "" };
    return { inline: scalar() };
  }
  function entry(prefix, indent, depth) {
    const v = value(indent, depth);
    const comment = chance(0.05) ? "  # note" : "";
    if (v.block !== undefined) {
      if (chance(0.2)) {
        const name = `a${anchors.length}`;
        anchors.push(name);
        return `${prefix} &${name}${comment}\n${v.block}`;
      }
      return `${prefix}${comment}\n${v.block}`;
    }
    return v.inline === "" ? `${prefix}${comment}` : `${prefix} ${v.inline}${comment}`;
  }
  function mapping(indent, depth) {
    const pad = " ".repeat(indent);
    return Array.from({ length: 1 + int(4) }, () => entry(`${pad}${key()}:`, indent, depth)).join("\n");
  }
  function sequence(indent, depth) {
    const pad = " ".repeat(indent);
    return Array.from({ length: 1 + int(3) }, () => entry(`${pad}-`, indent, depth)).join("\n");
  }
  const prefix = chance(0.1) ? "---\n" : chance(0.05) ? "# comment\n" : "";
  return `${prefix}${mapping(0, 0)}\n`;
}
