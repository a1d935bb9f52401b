// python-semver 3's Version.parse / compare / match / bump, which StackStorm's
// version_* functions call.

import { PyError, type PyValue, pyTypeName } from "../py/value";

export interface SemVer {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly prerelease: string | null;
  readonly build: string | null;
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\n?$/;

export function parseSemver(value: unknown): SemVer {
  if (typeof value !== "string") {
    throw new PyError("TypeError", `not expecting type '<class '${pyTypeName(value as PyValue)}'>'`);
  }
  const m = SEMVER.exec(value);
  if (!m) throw new PyError("ValueError", `${value} is not valid SemVer string`);
  return {
    major: BigInt(m[1]!),
    minor: BigInt(m[2]!),
    patch: BigInt(m[3]!),
    prerelease: m[4] ?? null,
    build: m[5] ?? null,
  };
}

export function semverText(v: SemVer): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.prerelease) s += `-${v.prerelease}`;
  if (v.build) s += `+${v.build}`;
  return s;
}

const cmp = <T extends bigint | number | string>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);

function natCmp(a: string, b: string): number {
  const split = (s: string) => s.split(".").map((p) => (/^[0-9]+$/.test(p) ? BigInt(p) : p));
  const pa = split(a);
  const pb = split(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    let r: number;
    if (typeof x === "bigint" && typeof y === "bigint") r = cmp(x, y);
    else if (typeof x === "bigint") r = -1;
    else if (typeof y === "bigint") r = 1;
    else r = cmp(x, y);
    if (r !== 0) return r;
  }
  return cmp(a.length, b.length);
}

export function compareSemver(a: SemVer, b: SemVer): number {
  const r = cmp(a.major, b.major) || cmp(a.minor, b.minor) || cmp(a.patch, b.patch);
  if (r) return r;
  const rc = natCmp(a.prerelease ?? "", b.prerelease ?? "");
  if (!rc) return 0;
  if (!a.prerelease) return 1;
  if (!b.prerelease) return -1;
  return rc;
}

export function matchSemver(v: SemVer, expr: unknown): boolean {
  if (typeof expr !== "string") throw new PyError("TypeError", "'NoneType' object is not subscriptable");
  let op = expr.slice(0, 2);
  let version: string;
  if ([">=", "<=", "==", "!="].includes(op)) version = expr.slice(2);
  else if (op && (op[0] === ">" || op[0] === "<")) {
    op = op[0];
    version = expr.slice(1);
  } else if (expr && "0123456789".includes(expr[0]!)) {
    op = "==";
    version = expr;
  } else {
    throw new PyError(
      "ValueError",
      `match_expr parameter should be in format <op><ver>, where <op> is one of ['<', '>', '==', '<=', '>=', '!=']. You provided: '${expr}'`,
    );
  }
  const allowed: Record<string, number[]> = {
    ">": [1],
    "<": [-1],
    "==": [0],
    "!=": [-1, 1],
    ">=": [0, 1],
    "<=": [-1, 0],
  };
  return allowed[op]!.includes(compareSemver(v, parseSemver(version)));
}
