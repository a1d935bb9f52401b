// Every expression in the corpus workflows (../shared/corpus), found with the
// loader (compiler/load) in every string of each workflow, mapping keys
// included, and parsed as the evaluator would parse it.

import { resolve } from "node:path";
import { extractExpressions, hasJinja } from "../../../../compiler/expr/find";
import {
  parseJinjaExpression,
  parseJinjaTemplate,
  stripJinjaDelimiter,
} from "../../../../compiler/expr/jinja/index";
import { hideRawBlocks } from "../../../../compiler/expr/render";
import { stripYaqlDelimiters } from "../../../../compiler/expr/yaql/expression";
import { parseYaql } from "../../../../compiler/expr/yaql/parser";
import { loadPaths } from "../../../../compiler/load/index";
import type { YNode } from "../../../../compiler/load/yaml-node";
import { REPO } from "./harness";

export const CORPUS = resolve(REPO, "../shared/corpus");

export interface CorpusStats {
  readonly workflows: number;
  /** Strings holding at least one expression. */
  readonly strings: string[];
  /** `<% %>`, `{{ }}` and `{% %}` occurrences. */
  readonly expressions: number;
  readonly parsed: number;
  readonly failures: { readonly path: string; readonly text: string }[];
}

function stringsOf(node: YNode | null, out: string[]): void {
  if (!node) return;
  if (node.kind === "scalar") {
    if (typeof node.value === "string") out.push(node.value);
  } else if (node.kind === "seq") for (const item of node.items) stringsOf(item, out);
  else
    for (const p of node.pairs) {
      stringsOf(p.key, out);
      stringsOf(p.value, out);
    }
}

export function corpusExpressions(): CorpusStats {
  const loaded = loadPaths([CORPUS]);
  const strings: string[] = [];
  const failures: { path: string; text: string }[] = [];
  let expressions = 0;
  let parsed = 0;
  for (const wf of loaded.workflows) {
    const found: string[] = [];
    stringsOf(wf.root, found);
    for (const text of found) {
      const exprs = extractExpressions(text);
      if (exprs.length === 0) continue;
      strings.push(text);
      const template = hasJinja(text) && exprs.some((e) => e.kind === "block");
      const templateOk = template && parseJinjaTemplate(hideRawBlocks(text).text).ast !== null;
      for (const e of exprs) {
        expressions++;
        let ok: boolean;
        if (e.language === "yaql") ok = parseYaql(stripYaqlDelimiters(e.text)).ast !== null;
        else if (template) ok = templateOk;
        else ok = parseJinjaExpression(stripJinjaDelimiter(e.text)).ast !== null;
        if (ok) parsed++;
        else failures.push({ path: wf.path, text: e.text });
      }
    }
  }
  return { workflows: loaded.workflows.length, strings, expressions, parsed, failures };
}
