// Random Python regular expressions over random subjects, in the golden case
// format: StackStorm's regex_match / regex_search / regex_replace /
// regex_substring (Jinja and YAQL) and yaql's regex() methods, so that orqc's
// translation of Python's `re` (runtime/stdlib/functions/py-regex.ts,
// compiler/expr/yaql/py-regex.ts) meets what Python's sre does: Unicode
// classes, anchors, inline and scoped flags, named groups and backreferences,
// lookarounds, conditionals, lazy and possessive quantifiers, atomic groups,
// `{,n}`, replacement templates, and patterns Python refuses.

import { mulberry32 } from "../lib/seeded.mjs";

const LITERALS = [
  "a",
  "b",
  "o",
  "l",
  "H",
  "W",
  "é",
  "É",
  "ß",
  "😀",
  " ",
  "-",
  "_",
  "1",
  "7",
  "\\.",
  "\\\\",
  "\\-",
  "x",
];
const ESCAPES = [
  "\\d",
  "\\w",
  "\\s",
  "\\D",
  "\\W",
  "\\S",
  "\\b",
  "\\B",
  "\\n",
  "\\t",
  "\\x41",
  "\\u00e9",
  "\\0",
  "\\A",
  "\\Z",
  "\\U0001F600",
  "\\N{LATIN SMALL LETTER E WITH ACUTE}",
  "\\z",
  "\\e",
  "\\p{L}",
];
const CLASSES = [
  "[abc]",
  "[^a-c]",
  "[a-z]",
  "[A-Z0-9]",
  "[\\d\\s]",
  "[^\\w]",
  "[]a]",
  "[a-]",
  "[\\]]",
  "[é-ü]",
  "[[:alpha:]]",
  "[z-a]",
  "[.]",
  "[\\b]",
  "[^]",
  "[a&&b]",
  "[--a]",
];
const SUBJECTS = [
  "Hello World",
  "aaa bbb",
  "a\nb\n",
  "ÉCOLE école",
  "١٢٣ 456",
  "x_y-z.w",
  "",
  "😀a😀",
  "tab\there",
  "Straße STRASSE",
  "İstanbul ı",
  "ab12cd34",
  "foo.bar@example.com",
  "line1\r\nline2",
  "ǅ ǆ Ǆ",
  "a\u00a0b\u2003c",
];
const REPLACEMENTS = [
  "x",
  "\\1",
  "\\g<1>",
  "\\g<0>",
  "\\g<n>",
  "[\\2]",
  "\\\\",
  "\\n",
  "",
  "\\9",
  "\\d",
  "$1",
  "\\g<-1>",
  "&",
  "\\10",
  "\\0",
];

function atom(r, depth) {
  const k = r.int(0, depth > 2 ? 3 : 8);
  if (k <= 1) return r.pick(LITERALS);
  if (k === 2) return r.pick(ESCAPES);
  if (k === 3) return r.chance(0.5) ? "." : r.pick(CLASSES);
  const inner = sequence(r, depth + 1);
  switch (k) {
    case 4:
      return `(${inner})`;
    case 5:
      return r.pick([
        `(?:${inner})`,
        `(?P<n>${inner})`,
        `(?i:${inner})`,
        `(?>${inner})`,
        `(?s:${inner})`,
        `(?-i:${inner})`,
      ]);
    case 6:
      return r.pick([
        `(?=${inner})`,
        `(?!${inner})`,
        `(?<=${r.pick(LITERALS)})`,
        `(?<!${r.pick(LITERALS)}${r.pick(LITERALS)})`,
        `(?<=${inner})`,
      ]);
    case 7:
      return r.pick(["\\1", "(?P=n)", "(?(1)a|b)", "(?#note)", "\\2", "(?P<n>a)(?P=n)"]);
    default:
      return `${inner}|${sequence(r, depth + 1)}`;
  }
}

function quantified(r, depth) {
  const a = atom(r, depth);
  if (!r.chance(0.35)) return a;
  return (
    a +
    r.pick([
      "*",
      "+",
      "?",
      "{2}",
      "{1,3}",
      "{,2}",
      "{2,}",
      "*?",
      "+?",
      "??",
      "{1,2}?",
      "*+",
      "++",
      "?+",
      "{1,2}+",
      "{",
      "{a}",
      "{3,1}",
    ])
  );
}

function sequence(r, depth) {
  const n = r.int(1, depth > 1 ? 2 : 4);
  let out = "";
  for (let i = 0; i < n; i++) out += quantified(r, depth);
  return out;
}

function pattern(r) {
  let p = sequence(r, 0);
  if (r.chance(0.15)) p = r.pick(["(?i)", "(?m)", "(?s)", "(?x)", "(?a)", "(?u)", "(?L)", "(?im)"]) + p;
  if (r.chance(0.1)) p = `^${p}`;
  if (r.chance(0.1)) p = `${p}$`;
  return p;
}

/** `count` cases from `seed`; the pattern, subject and replacement go through the context. */
export function generate(seed, count) {
  const r = mulberry32(seed);
  const cases = [];
  for (let n = 0; n < count; n++) {
    const ctx = { st2: { user: "stanley" }, p: pattern(r), s: r.pick(SUBJECTS), t: r.pick(REPLACEMENTS) };
    const ic = r.chance(0.2) ? r.pick([", true", ", false"]) : "";
    const yaql = r.chance(0.5);
    let expr;
    if (yaql) {
      expr = r.pick([
        `<% regex_match(ctx(s), ctx(p)${ic}) %>`,
        `<% regex_search(ctx(s), ctx(p)${ic}) %>`,
        `<% regex_replace(ctx(s), ctx(p), ctx(t)${ic}) %>`,
        `<% regex_substring(ctx(s), ctx(p), ${r.pick(["0", "1", "-1"])}) %>`,
        "<% regex(ctx(p)).matches(ctx(s)) %>",
        "<% regex(ctx(p)).search(ctx(s)) %>",
        "<% regex(ctx(p)).searchAll(ctx(s)) %>",
        "<% regex(ctx(p)).replace(ctx(s), ctx(t)) %>",
        "<% regex(ctx(p)).split(ctx(s)) %>",
        "<% ctx(s).replace(regex(ctx(p)), ctx(t)) %>",
        "<% ctx(s).split(regex(ctx(p))) %>",
        "<% ctx(s).matches(ctx(p)) %>",
      ]);
    } else {
      expr = r.pick([
        `{{ ctx('s') | regex_match(ctx('p')${ic}) }}`,
        `{{ regex_search(ctx('s'), ctx('p')${ic}) }}`,
        `{{ ctx('s') | regex_replace(ctx('p'), ctx('t')${ic}) }}`,
        `{{ regex_substring(ctx('s'), ctx('p'), ${r.pick(["0", "1", "-1"])}) }}`,
      ]);
    }
    cases.push({ id: `re-${seed}-${n}`, lang: yaql ? "yaql" : "jinja", expr, ctx, tags: ["regex"] });
  }
  return cases;
}
