// Says schema problems in plain words, at the YAML node they are about:
// `task "x": unknown key "nxt" (did you mean "next"?)`.

import { pyRepr } from "../../runtime/stdlib/py/index";
import {
  keyNodeAt,
  type NodePath,
  nodeAt,
  toJsonData,
  toPyValue,
  type YNode,
  type YScalar,
} from "../load/yaml-node";
import type { Diagnostic } from "../source/diagnostic";
import { diagnostic } from "../source/make-diagnostic";
import type { SourceFile } from "../source/source-file";
import { suggest } from "../source/suggest";
import { RETRY_KEYS, TASK_KEYS, TRANSITION_KEYS, WITH_KEYS, WORKFLOW_KEYS } from "./orquesta-schema";
import type { SchemaIssue } from "./validate";

/** "task "x", transition 2: when" style description of a path. */
export function describePath(path: NodePath): string {
  if (path.length === 0) return "workflow";
  if (path[0] === "tasks" && path.length >= 2) {
    let out = `task "${String(path[1])}"`;
    const rest = path.slice(2);
    if (rest[0] === "next" && typeof rest[1] === "number") {
      out += `, transition ${rest[1] + 1}`;
      rest.splice(0, 2);
    }
    return rest.length ? `${out}: ${joinPath(rest)}` : out;
  }
  return joinPath(path);
}

function joinPath(path: NodePath): string {
  return path
    .map((p) => (typeof p === "number" ? `[${p + 1}]` : p))
    .join(".")
    .replace(/\.\[/g, " item [");
}

export function describeValue(node: YNode | undefined): string {
  if (!node) return "nothing";
  if (node.kind === "seq") return node.items.length ? "a list" : "an empty list";
  if (node.kind === "map") return node.pairs.length ? "a mapping" : "an empty mapping";
  const v = node.value;
  if (v === null) return "nothing";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  return pyRepr(toPyValue(node));
}

/**
 * A YAML timestamp where the schema wanted a JSON value: the node itself, a
 * value of a mapping, or a value of a mapping in a list (input, vars,
 * publish, output items). PyYAML made it a date, which matches no JSON type.
 */
function timestampIn(node: YNode | undefined, depth = 0): YScalar | undefined {
  if (!node || depth > 2) return undefined;
  if (node.kind === "scalar") return node.pyType === "timestamp" ? node : undefined;
  const children = node.kind === "seq" ? node.items : node.pairs.map((p) => p.value);
  for (const child of children) {
    if (node.kind === "seq" && child.kind === "scalar") continue;
    const found = timestampIn(child, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The first item of a list that repeats an earlier one (by Python value). */
function duplicateItem(node: YNode | undefined): YNode | undefined {
  if (node?.kind !== "seq") return undefined;
  const seen = new Set<string>();
  for (const item of node.items) {
    const key = JSON.stringify(toJsonData(item));
    if (seen.has(key)) return item;
    seen.add(key);
  }
  return undefined;
}

function isEmpty(node: YNode | undefined): boolean {
  if (node?.kind === "seq") return node.items.length === 0;
  if (node?.kind === "map") return node.pairs.length === 0;
  return node?.kind === "scalar" && node.value === "";
}

const TYPE_WORDS: Record<string, string> = {
  array: "a list",
  object: "a mapping",
  string: "a string",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
  null: "empty",
};

function keysFor(schemaPath: string): string[] {
  if (/properties\.next\.items\.additionalProperties$/.test(schemaPath)) return TRANSITION_KEYS;
  if (/properties\.with\.additionalProperties$/.test(schemaPath)) return WITH_KEYS;
  if (/properties\.retry\.additionalProperties$/.test(schemaPath)) return RETRY_KEYS;
  if (/\^\\w\+\$\.additionalProperties$/.test(schemaPath)) return TASK_KEYS;
  return WORKFLOW_KEYS;
}

function formsFor(schemaPath: string): string {
  const last =
    schemaPath
      .replace(/\.(oneOf|anyOf)$/, "")
      .split(".")
      .pop() ?? "";
  switch (last) {
    case "input":
      return schemaPath.startsWith("properties.input")
        ? "a name or a one-key mapping"
        : "a mapping of parameters or an expression";
    case "publish":
      return "a list of one-key mappings or a `name=value` string";
    case "do":
      return "a task name, a comma-separated string or a list of names";
    case "join":
      return '"all" or a number of branches';
    case "version":
      return "1.0";
    case "items":
      return "a name or a one-key mapping";
    default:
      return "a number >= 0 or an expression";
  }
}

function isNegative(node: YNode | undefined): boolean {
  return node?.kind === "scalar" && typeof node.value === "number" && node.value < 0;
}

/** Converts schema issues of a workflow file into diagnostics. */
export function schemaDiagnostics(
  file: SourceFile,
  root: YNode,
  issues: readonly SchemaIssue[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const found = nodeAt(root, issue.path);
    // `with: <string>` is validated as `{items: <string>}`: the string is the node to show.
    const node = found.complete || found.node.kind === "scalar" ? found.node : undefined;
    const at = { file, range: (found.complete ? found.node : found.node).range };
    const where = describePath(issue.path);
    const stamp = timestampIn(node);
    if (stamp && issue.keyword !== "additionalProperties") {
      out.push(diagnostic("ORQ1021", { where, text: String(stamp.value) }, { file, range: stamp.range }));
      continue;
    }
    switch (issue.keyword) {
      case "additionalProperties":
        for (const key of issue.params.keys as string[]) {
          const range = keyNodeAt(root, [...issue.path, key])?.range ?? at.range;
          if (issue.schemaPath === "properties.tasks.additionalProperties") {
            out.push(diagnostic("ORQ1017", { what: "task name", name: key }, { file, range }));
          } else {
            const suggestion = suggest(key, keysFor(issue.schemaPath));
            out.push(diagnostic("ORQ1010", { where, key, suggestion }, { file, range }));
          }
        }
        break;
      case "type":
        out.push(
          diagnostic(
            "ORQ1011",
            {
              where,
              expected: TYPE_WORDS[String(issue.params.type)] ?? String(issue.params.type),
              found: describeValue(node),
            },
            at,
          ),
        );
        break;
      case "minLength":
      case "minItems":
      case "minProperties":
        out.push(diagnostic("ORQ1012", { where }, at));
        break;
      case "required":
        out.push(diagnostic("ORQ1013", { where, key: String(issue.params.missingProperty) }, at));
        break;
      case "uniqueItems": {
        const dup = duplicateItem(node);
        out.push(
          diagnostic("ORQ1014", { where, item: describeValue(dup) }, { file, range: (dup ?? at).range }),
        );
        break;
      }
      case "enum":
        out.push(diagnostic("ORQ1015", { where, found: describeValue(node), allowed: "1.0" }, at));
        break;
      case "maxProperties":
        out.push(diagnostic("ORQ1019", { where, count: node?.kind === "map" ? node.pairs.length : 0 }, at));
        break;
      case "pattern":
        out.push(diagnostic("ORQ1018", { where, found: describeValue(node) }, at));
        break;
      case "minimum":
        out.push(diagnostic("ORQ1020", { where, found: describeValue(node) }, at));
        break;
      default: {
        const dup = duplicateItem(node);
        if (isNegative(node)) out.push(diagnostic("ORQ1020", { where, found: describeValue(node) }, at));
        else if (isEmpty(node)) out.push(diagnostic("ORQ1012", { where }, at));
        else if (dup)
          out.push(diagnostic("ORQ1014", { where, item: describeValue(dup) }, { file, range: dup.range }));
        else
          out.push(
            diagnostic(
              "ORQ1016",
              { where, expected: formsFor(issue.schemaPath), found: describeValue(node) },
              at,
            ),
          );
      }
    }
  }
  return out;
}
