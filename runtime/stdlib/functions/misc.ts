// StackStorm's path, time and version functions
// (st2common/expressions/functions/{path,time,version}.py).

import { floatRepr } from "../py/text";
import { isNumeric, numberOf, PyError, PyFloat, type PyValue, pyTypeName } from "../py/value";
import { bindArgs } from "./args";
import { type FunctionOptions, registerFunction } from "./catalog";
import { compareSemver, matchSemver, parseSemver, type SemVer, semverText } from "./semver";

function pathArg(name: string, args: PyValue[], kwargs: { [k: string]: PyValue }): string {
  const [p] = bindArgs(name, [{ name: "path" }], args, kwargs);
  if (typeof p !== "string")
    throw new PyError("TypeError", `expected str, bytes or os.PathLike object, not ${pyTypeName(p ?? null)}`);
  return p;
}

const FIRST_CHECKED: FunctionOptions = { typeCheckedFirst: [0] };
const BOTH_CHECKED: FunctionOptions = { typeCheckedFirst: [0, 1] };

registerFunction(
  "basename",
  (_e, a, k) => {
    const p = pathArg("basename", a, k);
    return p.slice(p.lastIndexOf("/") + 1);
  },
  FIRST_CHECKED,
);

registerFunction(
  "dirname",
  (_e, a, k) => {
    const p = pathArg("dirname", a, k);
    const head = p.slice(0, p.lastIndexOf("/") + 1);
    // posixpath.dirname strips trailing slashes unless the head is all slashes.
    return /^\/+$/.test(head) ? head : head.replace(/\/+$/, "");
  },
  FIRST_CHECKED,
);

registerFunction(
  "to_human_time_from_seconds",
  (_e, args, kwargs) => {
    const [seconds] = bindArgs("to_human_time_from_seconds", [{ name: "seconds" }], args, kwargs);
    if (!isNumeric(seconds)) throw new PyError("AssertionError", "");
    return humanTime(seconds);
  },
  FIRST_CHECKED,
);

function humanTime(value: number | bigint | boolean | PyFloat): string {
  let n = numberOf(value);
  const isFloat = value instanceof PyFloat || (typeof value === "number" && !Number.isInteger(value));
  if (n === 0) return "0s";
  if (n < 1) return `${isFloat ? floatRepr(n) : String(n)}\u03bcs`;
  if (isFloat) n = roundHalfEven(n);
  const base = Date.UTC(2000, 0, 1);
  const date = new Date(base);
  date.setUTCFullYear(1, 0, 1);
  const offset = new Date(date.getTime() + n * 1000);
  if (!Number.isFinite(offset.getTime()) || offset.getUTCFullYear() > 9999)
    throw new PyError("OverflowError", "date value out of range");
  const parts = [
    offset.getUTCFullYear() - 1,
    offset.getUTCDate() - 1,
    offset.getUTCHours(),
    offset.getUTCMinutes(),
    offset.getUTCSeconds(),
  ];
  const first = parts.findIndex((x) => x !== 0);
  if (first < 0) return "0s";
  const units = ["y", "d", "h", "m", "s"].slice(first);
  // StackStorm's format strings label a 2-part time "XmYs", 3 parts "XhYmZs", and so on.
  return parts
    .slice(first)
    .map((x, i) => `${x}${units[i]}`)
    .join("");
}

function roundHalfEven(n: number): number {
  const r = Math.round(n);
  return Math.abs(n % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function versionArgs(name: string, args: PyValue[], kwargs: { [k: string]: PyValue }): [SemVer, PyValue] {
  const [value, pattern] = bindArgs(name, [{ name: "value" }, { name: "pattern" }], args, kwargs);
  return [parseSemver(value), pattern!];
}

const compareTo = (name: string, args: PyValue[], kwargs: { [k: string]: PyValue }): number => {
  const [v, other] = versionArgs(name, args, kwargs);
  return compareSemver(v, parseSemver(other));
};

registerFunction("version_compare", (_e, a, k) => compareTo("version_compare", a, k), BOTH_CHECKED);
registerFunction("version_more_than", (_e, a, k) => compareTo("version_more_than", a, k) === 1, BOTH_CHECKED);
registerFunction(
  "version_less_than",
  (_e, a, k) => compareTo("version_less_than", a, k) === -1,
  BOTH_CHECKED,
);
registerFunction("version_equal", (_e, a, k) => compareTo("version_equal", a, k) === 0, BOTH_CHECKED);
registerFunction(
  "version_match",
  (_e, a, k) => {
    const [v, expr] = versionArgs("version_match", a, k);
    return matchSemver(v, expr);
  },
  FIRST_CHECKED,
);

const bump = (name: string, f: (v: SemVer) => SemVer) =>
  registerFunction(
    name,
    (_e, args, kwargs) => {
      const [value] = bindArgs(name, [{ name: "value" }], args, kwargs);
      return semverText(f(parseSemver(value)));
    },
    FIRST_CHECKED,
  );
const plain = (major: bigint, minor: bigint, patch: bigint): SemVer => ({
  major,
  minor,
  patch,
  prerelease: null,
  build: null,
});
bump("version_bump_major", (v) => plain(v.major + 1n, 0n, 0n));
bump("version_bump_minor", (v) => plain(v.major, v.minor + 1n, 0n));
bump("version_bump_patch", (v) => plain(v.major, v.minor, v.patch + 1n));

registerFunction(
  "version_strip_patch",
  (_e, args, kwargs) => {
    const [value] = bindArgs("version_strip_patch", [{ name: "value" }], args, kwargs);
    const v = parseSemver(value);
    return `${v.major}.${v.minor}`;
  },
  FIRST_CHECKED,
);
