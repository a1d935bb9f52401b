// Jinja's default global names in the sandbox: range (capped at 100000
// items), dict, lipsum, cycler, joiner, namespace.

import { dictKeys, dictSet } from "../../../runtime/stdlib/py/dict";
import { originalKey } from "../../../runtime/stdlib/py/key-index";
import {
  bigOf,
  isDict,
  isInt,
  type PyDict,
  PyError,
  type PyValue,
  pyTypeName,
  typeError,
} from "../../../runtime/stdlib/py/value";
import { bindArgs } from "./args";
import { lipsum } from "./lipsum";
import { iterate } from "./protocol";
import { JinjaUndefined } from "./undefined";
import { fn, type JinjaCallable, JinjaCycler, JinjaNamespace, PyRange, setItem } from "./values";

const MAX_RANGE = 100000;

function rangeInt(v: PyValue): number {
  if (v instanceof JinjaUndefined) v.fail();
  if (!isInt(v) && typeof v !== "boolean") {
    throw typeError(`'${pyTypeName(v)}' object cannot be interpreted as an integer`);
  }
  return Number(bigOf(v));
}

function safeRange(args: PyValue[]): PyRange {
  if (args.length === 0) throw typeError("range expected at least 1 argument, got 0");
  if (args.length > 3) throw typeError(`range expected at most 3 arguments, got ${args.length}`);
  const n = args.map(rangeInt);
  const r = n.length === 1 ? new PyRange(0, n[0]!, 1) : new PyRange(n[0]!, n[1]!, n[2] ?? 1);
  if (r.length > MAX_RANGE) {
    throw new PyError(
      "OverflowError",
      `Range too big. The sandbox blocks ranges larger than MAX_RANGE (${MAX_RANGE}).`,
    );
  }
  return r;
}

function makeDict(args: PyValue[], kwargs: PyDict): PyDict {
  const out: PyDict = {};
  if (args.length > 1) throw typeError(`dict expected at most 1 argument, got ${args.length}`);
  const src = args[0];
  if (src !== undefined) {
    if (isDict(src)) for (const k of dictKeys(src)) setItem(out, originalKey(src, k), src[k]!);
    else {
      for (const pair of iterate(src)) {
        const kv = iterate(pair);
        if (kv.length !== 2) {
          throw new PyError(
            "ValueError",
            `dictionary update sequence element #0 has length ${kv.length}; 2 is required`,
          );
        }
        setItem(out, kv[0]!, kv[1]!);
      }
    }
  }
  for (const k of Object.keys(kwargs)) dictSet(out, k, kwargs[k]!);
  return out;
}

export const JINJA_GLOBALS: Record<string, JinjaCallable> = {
  range: fn("safe_range", (args) => safeRange(args), "function"),
  dict: fn("dict", makeDict, "type"),
  lipsum: fn("generate_lorem_ipsum", (args, kwargs) => lipsum(args, kwargs, rangeInt), "function"),
  cycler: fn("Cycler", (args) => new JinjaCycler(args), "type"),
  joiner: fn(
    "Joiner",
    (args, kwargs) => {
      const [given] = bindArgs("Joiner.__init__", args, kwargs, ["sep"]);
      const sep = given === undefined ? ", " : given;
      let used = false;
      return fn(
        "Joiner",
        () => {
          if (!used) {
            used = true;
            return "";
          }
          return sep;
        },
        "Joiner",
      );
    },
    "type",
  ),
  namespace: fn("Namespace", (args, kwargs) => new JinjaNamespace(makeDict(args, kwargs)), "type"),
};
