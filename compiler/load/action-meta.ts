// Reads one action metadata file into an ActionMeta, reporting schema problems
// against the YAML node they are about.

import { dirname, resolve } from "node:path";
import { ACTION_METADATA_SCHEMA } from "../schema/action-schema";
import { specPathOf, validateNode } from "../schema/validate";
import type { Diagnostic } from "../source/diagnostic";
import { diagnostic } from "../source/make-diagnostic";
import type { SourceFile } from "../source/source-file";
import { canonicalRunner } from "./action-registry";
import type { ActionMeta, ParamSpec } from "./action-types";
import { outputSchemaDiagnostics } from "./output-schema-check";
import { paramTemplateDiagnostics } from "./param-template-check";
import { keyText, mapGet, nodeAt, type YMap, type YNode } from "./yaml-node";

const str = (n: YNode | undefined): string =>
  n?.kind === "scalar" && n.value !== null && typeof n.value !== "boolean" ? String(n.value) : "";

function paramSpec(node: YNode): ParamSpec {
  if (node.kind !== "map") return {};
  const type = mapGet(node, "type");
  const required = mapGet(node, "required");
  const immutable = mapGet(node, "immutable");
  let t: ParamSpec["type"];
  if (type?.kind === "scalar" && typeof type.value === "string") t = type.value;
  else if (type?.kind === "seq") t = type.items.map(str);
  return {
    ...(t !== undefined ? { type: t } : {}),
    ...(required?.kind === "scalar" && required.value === true ? { required: true } : {}),
    ...(mapGet(node, "default") !== undefined ? { hasDefault: true } : {}),
    ...(immutable?.kind === "scalar" && immutable.value === true ? { immutable: true } : {}),
  };
}

export interface ActionMetaResult {
  readonly action?: ActionMeta;
  readonly diagnostics: Diagnostic[];
}

/** Builds the action of a metadata document; `packName` is the pack the file lies in. */
export function readActionMeta(file: SourceFile, root: YMap, packName: string | undefined): ActionMetaResult {
  const diagnostics: Diagnostic[] = [];
  const name = str(mapGet(root, "name"));
  const pack = str(mapGet(root, "pack")) || packName || "";
  const ref = pack ? `${pack}.${name}` : name;
  for (const issue of validateNode(root, ACTION_METADATA_SCHEMA)) {
    const found = nodeAt(root, issue.path);
    const where = specPathOf(issue.path) ?? "metadata";
    const detail =
      issue.keyword === "required"
        ? `missing required key "${String(issue.params.missingProperty)}"`
        : `${where}: ${issue.message.replace(/^'(.*)' is not/, '"$1" is not')}`;
    diagnostics.push(
      diagnostic("ORQ1030", { ref: ref || file.path, detail }, { file, range: found.node.range }),
    );
  }
  if (!name || !str(mapGet(root, "runner_type"))) return { diagnostics };
  diagnostics.push(...outputSchemaDiagnostics(file, root, ref, str(mapGet(root, "runner_type"))));
  diagnostics.push(...paramTemplateDiagnostics(file, root, ref, str(mapGet(root, "runner_type"))));
  const parameters: Record<string, ParamSpec> = {};
  const params = mapGet(root, "parameters");
  if (params?.kind === "map") {
    for (const pair of params.pairs) parameters[keyText(pair.key)] = paramSpec(pair.value);
  }
  const runnerType = str(mapGet(root, "runner_type"));
  const entryPoint = str(mapGet(root, "entry_point"));
  const enabled = mapGet(root, "enabled");
  const isWorkflow = canonicalRunner(runnerType) === "orquesta" && entryPoint !== "";
  const action: ActionMeta = {
    ref,
    pack,
    name,
    runnerType,
    entryPoint,
    parameters,
    enabled: !(enabled?.kind === "scalar" && enabled.value === false),
    file,
    node: root,
    builtin: false,
    ...(isWorkflow ? { workflowPath: resolve(dirname(file.path), entryPoint) } : {}),
  };
  return { action, diagnostics };
}
