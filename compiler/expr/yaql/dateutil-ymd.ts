// dateutil's parser (see dateutil-parse.ts): up to three numbers read as a
// date, some known to be the year, month or day (a month name, a four-digit
// number), and its month-first resolution of the others.

import { daysInMonth } from "../../../runtime/stdlib/py/datetime";
import { pyIsDigit } from "../../../runtime/stdlib/py/unicode";
import { fail, intOf } from "./dateutil-tokens";

export class Ymd {
  readonly values: number[] = [];
  centurySpecified = false;
  y: number | null = null;
  m: number | null = null;
  d: number | null = null;

  get length(): number {
    return this.values.length;
  }

  couldBeDay(value: number): boolean {
    if (this.d !== null) return false;
    if (this.m === null) return value >= 1 && value <= 31;
    const month = this.values[this.m]!;
    if (month < 1 || month > 12) fail();
    const year = this.y === null ? 2000 : this.values[this.y]!;
    return value >= 1 && value <= daysInMonth(year, month);
  }

  append(val: string | number, label: "Y" | "M" | "D" | null = null): void {
    let n: number;
    if (typeof val === "string") {
      if (pyIsDigit(val) && [...val].length > 2) {
        this.centurySpecified = true;
        if (label !== null && label !== "Y") fail();
        label = "Y";
      }
      n = intOf(val);
    } else {
      if (val > 100) {
        this.centurySpecified = true;
        if (label !== null && label !== "Y") fail();
        label = "Y";
      }
      n = Math.trunc(val);
    }
    this.values.push(n);
    const at = this.values.length - 1;
    if (label === "M") {
      if (this.m !== null) fail();
      this.m = at;
    } else if (label === "D") {
      if (this.d !== null) fail();
      this.d = at;
    } else if (label === "Y") {
      if (this.y !== null) fail();
      this.y = at;
    }
  }

  /** dateutil's resolve_ymd with dayfirst and yearfirst off. */
  resolve(): [number | null, number | null, number | null] {
    const v = this.values;
    const known = { y: this.y, m: this.m, d: this.d };
    const labelled = Object.entries(known).filter(([, i]) => i !== null) as [string, number][];
    if ((v.length === labelled.length && v.length > 0) || (v.length === 3 && labelled.length === 2)) {
      const at = Object.fromEntries(labelled) as Record<string, number>;
      if (v.length === 3 && labelled.length === 2) {
        const missing = [0, 1, 2].find((i) => !labelled.some(([, j]) => j === i))!;
        const key = ["y", "m", "d"].find((k) => !(k in at))!;
        at[key] = missing;
      }
      const get = (k: string) => (k in at ? v[at[k]!]! : null);
      return [get("y"), get("m"), get("d")];
    }
    if (v.length > 3) fail();
    const mi = this.m;
    if (v.length === 1 || (mi !== null && v.length === 2)) {
      let month: number | null = null;
      let other: number;
      if (mi !== null) {
        month = v[mi]!;
        other = v[mi === 0 ? v.length - 1 : mi - 1]!;
      } else other = v[0]!;
      if (v.length > 1 || mi === null) return other > 31 ? [other, month, null] : [null, month, other];
      return [null, month, null];
    }
    if (v.length === 2) {
      const [a, b] = v as [number, number];
      if (a > 31) return [a, b, null];
      if (b > 31) return [b, a, null];
      return [null, a, b];
    }
    if (v.length === 3) {
      const [a, b, c] = v as [number, number, number];
      if (mi === 0) return b > 31 ? [b, a, c] : [c, a, b];
      if (mi === 1) return a > 31 ? [a, b, c] : [c, b, a];
      if (mi === 2) return b > 31 ? [b, c, a] : [a, c, b];
      if (a > 31 || this.y === 0) return [a, b, c];
      if (a > 12) return [c, b, a];
      return [c, a, b];
    }
    return [null, null, null];
  }
}
