// How Orquesta finds expressions in a string (non-greedy, never across a line
// break) and which ctx() variable references it recognises. These regexes are
// deliberately as approximate as Orquesta's, so the inspector agrees with it.

import { type ExprLanguage, JINJA_BLOCK, JINJA_EXPR, stripDelimiter, YAQL_EXPR } from "../expr/find";

export { hasJinja, hasYaql } from "../expr/find";
export type { ExprLanguage };

export interface ExprMatch {
  /** The match, delimiters included. */
  readonly text: string;
  /** Offset of the match in the scanned string. */
  readonly offset: number;
}

function all(re: RegExp, text: string): ExprMatch[] {
  const out: ExprMatch[] = [];
  for (const m of text.matchAll(re)) out.push({ text: m[0], offset: m.index ?? 0 });
  return out;
}

export const findYaql = (text: string): ExprMatch[] => all(YAQL_EXPR, text);
export const findJinja = (text: string): ExprMatch[] => all(JINJA_EXPR, text);
export const findJinjaBlocks = (text: string): ExprMatch[] => all(JINJA_BLOCK, text);

const REF = String.raw`[\][a-zA-Z0-9_'"\.()]*`;
// Python's \b is Unicode: `éctx(x)` holds no ctx() reference.
const CTX_REF = new RegExp(String.raw`(?<![\p{L}\p{N}_])ctx\(['"]?${REF}['"]?\)\.?${REF}`, "gu");
const VAR = "[a-zA-Z0-9_-]+";
const VAR_EXTRACTS = [
  new RegExp(String.raw`(?<=\bctx\(\)\.)(${VAR})\b(?!\()\.?`),
  new RegExp(String.raw`(?:\bctx\((${VAR})\))`),
  new RegExp(String.raw`(?:\bctx\('(${VAR})'\))`),
  new RegExp(String.raw`(?:\bctx\("(${VAR})"\))`),
];

export interface CtxVarRef {
  readonly language: ExprLanguage;
  /** The whole string the reference was found in (Orquesta reports this as the expression). */
  readonly statement: string;
  readonly name: string;
}

function refsIn(exprs: ExprMatch[], language: ExprLanguage): string[] {
  const refs = new Set<string>();
  for (const e of exprs) {
    const { inner } = stripDelimiter(e.text, language);
    for (const m of inner.matchAll(CTX_REF)) refs.add(m[0].trim());
  }
  return [...refs].sort();
}

/** Orquesta's extract_vars for one string: ctx() names by language, sorted by name. */
export function extractCtxVarsOfString(statement: string): CtxVarRef[] {
  const out: CtxVarRef[] = [];
  const seen = new Set<string>();
  const scan = (language: ExprLanguage, refs: string[]): void => {
    for (const ref of refs) {
      for (const re of VAR_EXTRACTS) {
        const name = re.exec(ref)?.[1] ?? "";
        const id = `${language}\u0000${name}`;
        if (name === "" || seen.has(id)) continue;
        seen.add(id);
        out.push({ language, statement, name });
      }
    }
  };
  scan("yaql", refsIn(findYaql(statement), "yaql"));
  scan("jinja", refsIn(findJinja(statement), "jinja"));
  return out;
}
