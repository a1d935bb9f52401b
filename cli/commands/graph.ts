// `orqc graph WORKFLOW`: draw a workflow before or after flattening.

import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { toDot } from "../../compiler/graph/dot";
import { toMermaid } from "../../compiler/graph/mermaid";
import { graphOf } from "../../compiler/graph/model";
import { toSvg } from "../../compiler/graph/svg";
import { checkWorkflow } from "../../compiler/inspect/check";
import { inspectOrquestaNode, ST2_CONTEXT_KEYS } from "../../compiler/inspect/orquesta";
import { packDirOf } from "../../compiler/load/discover";
import { loadPaths, workflowFileProblem } from "../../compiler/load/index";
import { runPasses } from "../../compiler/passes/index";
import { packCallees } from "../../compiler/passes/pack-callees";
import { buildUnit } from "../../compiler/program/build-unit";
import type { ProgramIR } from "../../compiler/program/types";
import type { Diagnostic } from "../../compiler/source/diagnostic";
import { COLORS, NO_COLORS, useColor } from "../output/color";
import { formatDiagnostic } from "../output/diagnostics";
import { reportError } from "../report-error";
import { isFolder, requirePositional } from "./reclaim-positional";

interface GraphFlags {
  flattened: boolean;
  format: "mermaid" | "dot" | "svg";
  packs?: string[];
}

function printErrors(diags: readonly Diagnostic[]): void {
  const palette = useColor(process.stderr) ? COLORS : NO_COLORS;
  const opts = { palette, frames: process.stderr.isTTY === true, cwd: process.cwd() };
  for (const d of diags) process.stderr.write(`${formatDiagnostic(d, opts)}\n`);
}

function fail(message: string, code: number): void {
  reportError("graph", code === 2 ? "usage" : "input", message);
  process.exitCode = code;
}

export function registerGraph(program: Command): void {
  program
    .command("graph")
    .description("Draw a workflow's task graph, as written or after flattening (--flattened).")
    .usage("[options] <workflow>")
    .argument("[workflow]", "workflow YAML file")
    .option(
      "--flattened",
      "draw the compiled program: inlined sub-workflows as clusters, folded tasks marked",
      false,
    )
    .option(
      "--packs <dirs...>",
      "pack folders that resolve sub-workflow refs (default: the workflow's own pack)",
    )
    .addOption(
      new Option("--format <format>", "output format").choices(["mermaid", "dot", "svg"]).default("mermaid"),
    )
    .addHelpText(
      "after",
      `
Examples:
  $ orqc graph examples/monitoring/actions/workflows/host_check.yaml
  $ orqc graph examples/monitoring/actions/workflows/host_check.yaml --flattened --packs examples --format svg > flat.svg
  $ orqc graph wf.yaml --format dot | dot -Tpng -o wf.png

Shapes: boxes are tasks sent to runners, rounded boxes tasks run inline (noop/actionless),
double boxes inlined sub-workflow calls, diamonds engine commands (fail, noop, retry).`,
    )
    .action((given: string | undefined, flags: GraphFlags, command: Command) => {
      const workflow =
        given ?? requirePositional(command, "workflow", [{ values: flags.packs, belongs: isFolder }]);
      const file = resolve(workflow);
      const problem = workflowFileProblem(file, workflow);
      if (problem) return fail(problem, 1);
      // Outside a pack the file alone: its folder could be any folder, "/" included.
      const packDir = packDirOf(file);
      const missing = (flags.packs ?? []).find((dir) => !existsSync(dir));
      if (missing !== undefined) return fail(`--packs ${missing}: no such folder`, 2);
      const packs = flags.packs ?? (packDir ? [packDir] : []);
      const load = loadPaths([...packs, file]);
      const wf = load.workflows.find((w) => w.path === file);
      const problems = load.diagnostics.filter((d) => d.severity === "error" && d.file?.path === file);
      if (!wf || wf.root === null || wf.root.kind !== "map" || problems.length > 0) {
        printErrors(problems);
        return fail(`cannot read a workflow from ${workflow}`, 1);
      }
      const inspection = inspectOrquestaNode(wf.root, ST2_CONTEXT_KEYS);
      if (inspection.syntax.length + inspection.semantics.length > 0) {
        printErrors(checkWorkflow(wf, load).filter((d) => d.severity === "error"));
        return fail(`${workflow} has errors Orquesta refuses (above); nothing to draw`, 1);
      }
      const action = wf.actionRefs[0] ? load.resolveAction(wf.actionRefs[0], wf.path) : undefined;
      let prog: ProgramIR = { root: "root", units: { root: buildUnit("root", wf, action) } };
      if (flags.flattened) prog = runPasses(prog, packCallees(load, wf.path, new Set())).program;
      const g = graphOf(prog, flags.flattened);
      const out = flags.format === "dot" ? toDot(g) : flags.format === "svg" ? toSvg(g) : toMermaid(g);
      process.stdout.write(out);
    });
}
