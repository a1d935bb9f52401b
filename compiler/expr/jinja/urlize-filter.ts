// Jinja's do_urlize: the filter's arguments and Jinja's default policies,
// which Orquesta keeps (urlize.rel "noopener", no target, no extra schemes),
// around urlize. With autoescape off the result is a plain str.

import {
  compareStrings,
  mkInt,
  PyError,
  type PyValue,
  pyTypeName,
  typeError,
} from "../../../runtime/stdlib/py/value";
import { PySlice, sliceValue } from "./access";
import { htmlEscape } from "./html-escape";
import { Markup } from "./markup";
import { chars, compare, isTrue, iterate, toRepr, toStr } from "./protocol";
import { PY_SPACE, URI_SCHEME_RE, urlizeEscaped } from "./urlize";

export interface UrlizeArgs {
  readonly limit: PyValue | undefined;
  readonly nofollow: PyValue | undefined;
  readonly target: PyValue | undefined;
  readonly rel: PyValue | undefined;
  readonly schemes: PyValue | undefined;
}

const POLICY_REL = "noopener";
const SPACE_RUN = new RegExp(`[${PY_SPACE}]+`, "u");

/** Steps in Jinja's order, so that the first failing argument is the one Jinja reports. */
export function doUrlize(value: PyValue, args: UrlizeArgs): string {
  const rel = relOf(args.rel, args.nofollow);
  const extraSchemes = checkedSchemes(args.schemes);
  const escaped = value instanceof Markup ? value.text : htmlEscape(toStr(value));
  return urlizeEscaped(escaped, {
    trimUrl: urlTrimmer(args.limit),
    relAttr: ` rel="${htmlEscape(rel)}"`,
    targetAttr: targetAttr(args.target),
    extraSchemes,
  });
}

/** `rel` words, plus nofollow and the policy's, sorted and without repeats. */
function relOf(rel: PyValue | undefined, nofollow: PyValue | undefined): string {
  const words = new Set(relWords(rel));
  if (nofollow !== undefined && isTrue(nofollow)) words.add("nofollow");
  words.add(POLICY_REL);
  return [...words].sort(compareStrings).join(" ");
}

/** `(rel or "").split()` */
function relWords(rel: PyValue | undefined): string[] {
  if (rel === undefined || !isTrue(rel)) return [];
  if (typeof rel !== "string")
    throw new PyError("AttributeError", `'${pyTypeName(rel)}' object has no attribute 'split'`);
  return rel.split(SPACE_RUN).filter((w) => w !== "");
}

function targetAttr(target: PyValue | undefined): string {
  if (target === undefined || target === null || !isTrue(target)) return "";
  return ` target="${htmlEscape(toStr(target))}"`;
}

/**
 * Every extra scheme must look like `name:` or `name://`. Jinja iterates the
 * value again for each word: a list gives the same schemes, a generator is
 * already spent (no schemes).
 */
function checkedSchemes(schemes: PyValue | undefined): string[] {
  if (schemes === undefined || schemes === null) return [];
  for (const scheme of iterate(schemes)) {
    if (typeof scheme !== "string")
      throw typeError(`expected string or bytes-like object, got '${pyTypeName(scheme)}'`);
    if (!URI_SCHEME_RE.test(scheme))
      throw new PyError("FilterArgumentError", `${toRepr(scheme)} is not a valid URI scheme prefix.`);
  }
  return iterate(schemes).filter((s): s is string => typeof s === "string");
}

/** Jinja's trim_url: compares and slices with whatever trim_url_limit is, only for a web link. */
function urlTrimmer(limit: PyValue | undefined): (url: string) => string {
  if (limit === undefined || limit === null) return (url) => url;
  return (url) => {
    if (!(compare(mkInt(chars(url).length), limit, ">") > 0)) return url;
    return `${toStr(sliceValue(url, new PySlice(null, limit, null)))}...`;
  };
}
