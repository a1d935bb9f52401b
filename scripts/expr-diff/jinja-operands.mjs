// Operands for the random Jinja cases: a seeded PRNG, the shared context
// (strings, numbers, lists, dicts, nested values) and pools of literals and
// ctx() reads to draw from.

/** mulberry32: a small seeded PRNG. */
export { mulberry32 as prng } from "../lib/seeded.mjs";

export const CONTEXT = {
  s: "Hello World",
  long: "The quick brown fox jumps over the lazy dog, twice: it's a dog-day afternoon",
  digits: "٣٤",
  fl2: [0.1, 0.2, 0.3],
  floats: {
    a: 1e16,
    b: 1e-5,
    c: 123456789.125,
    d: "__float:-0.0",
    e: 2.675,
    one: "__float:1.0",
    big: "__float:1e16",
  },
  fone: "__float:1.0",
  ftwo: "__float:2.0",
  fls: ["__float:1.0", 2, "__float:0.0"],
  w: "  padded text \t",
  csv: "a,b,,c",
  lines: "one\ntwo\r\nthree\n",
  uni: "héllo wörld ✓",
  html: "<b>bold</b> & <i>it</i>",
  e: "",
  num: "42",
  fnum: "3.5",
  neg: -7,
  i: 3,
  z: 0,
  f: 2.5,
  nf: -0.5,
  big: 12345678901234,
  t: true,
  no: false,
  n: null,
  l: [3, 1, 2],
  fl: [1.5, 2, -3.25],
  words: ["bob", "Alice", "carol", "alice"],
  mixed: [1, "a", null, true, 2.5],
  nested: [[1, 2], [3], []],
  el: [],
  d: { b: 2, a: "__float:1.0", c: [1, 2] },
  kv: { z: 1, y: "two", x: null },
  ed: {},
  hosts: [
    { name: "web1", port: 80, up: true, tags: ["a"] },
    { name: "db1", port: 5432, up: false, tags: [] },
    { name: "web2", port: 8080, up: true },
  ],
  deep: { a: { b: { c: [1, { d: "x" }] } } },
};

export const STR_REFS = [
  "ctx('s')",
  "ctx('w')",
  "ctx('csv')",
  "ctx('lines')",
  "ctx('uni')",
  "ctx('html')",
  "ctx('e')",
  "ctx('num')",
  "ctx('fnum')",
  "ctx().s",
  "ctx('long')",
  "ctx('digits')",
];
export const NUM_REFS = [
  "ctx('i')",
  "ctx('z')",
  "ctx('f')",
  "ctx('nf')",
  "ctx('neg')",
  "ctx('big')",
  "ctx().i",
  "ctx('t')",
  "ctx('fone')",
  "ctx('ftwo')",
];
export const LIST_REFS = [
  "ctx('l')",
  "ctx('fl')",
  "ctx('fls')",
  "ctx('words')",
  "ctx('mixed')",
  "ctx('nested')",
  "ctx('el')",
  "ctx().l",
  "ctx('hosts')",
];
export const DICT_REFS = ["ctx('d')", "ctx('kv')", "ctx('ed')", "ctx('deep')", "ctx('hosts')[0]", "ctx().d"];
export const STR_LITS = [
  "'abc'",
  "'Hello World'",
  "''",
  "'a-b-c'",
  '"x y"',
  "'  sp  '",
  "'ÄÖü'",
  "'a\\tb'",
  "'%s-%d'",
  "'{}+{}'",
  "'{0:>5}|{1:.2f}'",
  "'10'",
  "'-3'",
  "'1e3'",
  "' 7 '",
  "'0x1A'",
  "'aXbXc'",
  "'TiTlE cAsE'",
  "'it''s'",
  "'line1\\nline2'",
];
export const NUM_LITS = [
  "0",
  "1",
  "2",
  "3",
  "-1",
  "7",
  "10",
  "-3",
  "0.5",
  "1.0",
  "-0.0",
  "2.5",
  "-2.5",
  "1e3",
  "1.5e-3",
  "100000000000000000000",
  "3.14159",
  "0.1",
  "1_000",
  "0o17",
  "0x1f",
  "0b101",
];
export const LIST_LITS = [
  "[1, 2, 3]",
  "[3, 1, 2, 1]",
  "['b', 'a', 'C']",
  "[]",
  "[1, 'a']",
  "[1.5, 2, 0]",
  "[[1, 2], [3, 4]]",
  "(1, 2)",
  "(1,)",
  "()",
  "[none, 1]",
  "[true, false, 0]",
  "['x']",
  "[{'a': 1}, {'a': 2}]",
  "[2, 2.0, 3]",
];
export const DICT_LITS = [
  "{'a': 1}",
  "{'b': 2, 'a': 1}",
  "{}",
  "{1: 'one'}",
  "{'k': [1, 2], 'n': none}",
  "{'x': 1.5}",
  // keys Python tells apart that share a text
  "{1: 'one', '1': 'uno'}",
  "{none: 0, 'None': 1, true: 2, 'True': 3}",
];

export function genAny(r, depth = 0) {
  const k = r.int(0, depth > 1 ? 5 : 7);
  if (k <= 1) return r.pick([...STR_REFS, ...STR_LITS]);
  if (k <= 3) return r.pick([...NUM_REFS, ...NUM_LITS]);
  if (k === 4) return r.pick([...LIST_REFS, ...LIST_LITS]);
  if (k === 5) return r.pick([...DICT_REFS, ...DICT_LITS, "none", "true", "false", "ctx('n')"]);
  if (k === 6)
    return `(${genAny(r, depth + 1)} ${r.pick(["+", "-", "*", "~", "//", "%"])} ${genAny(r, depth + 1)})`;
  return `(${genAny(r, depth + 1)} | ${r.pick(["string", "list", "length", "first", "last", "int", "sort", "upper", "reverse | list", "unique | list", "abs", "float"])})`;
}
export const str = (r) => r.pick([...STR_REFS, ...STR_LITS]);
export const num = (r) => r.pick([...NUM_REFS, ...NUM_LITS]);
export const smallInt = (r) => r.pick(["0", "1", "2", "3", "-1", "-2", "5", "10", "ctx('i')", "ctx('neg')"]);
export const list = (r) => r.pick([...LIST_REFS, ...LIST_LITS]);
export const dict = (r) => r.pick([...DICT_REFS, ...DICT_LITS]);
export const bool = (r) => r.pick(["true", "false", "True", "False", "none", "0", "1"]);
