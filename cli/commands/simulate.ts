// `orqc simulate`: run a workflow (or every case of a golden traces folder)
// under scripted action outcomes with the reference interpreter, and print the
// trace in the golden JSON format.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { workflowFileProblem } from "../../compiler/load/discover";
import { CasesIndexError, readCases, readScenario, runCases } from "../../runtime/engine/cases";
import { loadPackWorkflows } from "../../runtime/engine/packs";
import { runScenario, type Scenario } from "../../runtime/engine/scenario";
import { toGolden } from "../../runtime/stdlib/py/golden-json";
import { PyError, type PyValue } from "../../runtime/stdlib/py/value";
import { type CliErrorKind, type InputPlace, jsonErrorPlace, reportError } from "../report-error";
import { isFolder, reclaimPositional } from "./reclaim-positional";
import { scenarioRoot } from "./scenario-root";

/** Scenarios whose workflows must exist under an inferred root. */
const ROOT_SAMPLE = 5;

interface SimulateOptions {
  scenario?: string;
  cases?: string;
  root?: string;
  packs?: string[];
  format: string;
  only?: string[];
  compiled?: boolean;
}

/** Loaded on use: compiling pulls in TypeScript and esbuild. */
async function compiledCases(
  items: Array<{ key: string; scenario: Scenario }>,
  root: string,
  packWorkflows?: ReturnType<typeof loadPackWorkflows>,
  readWorkflow?: (path: string) => string,
) {
  const { compileScenarios } = await import("../../compiler/simulate/compile-scenarios");
  const { translateExpression } = await import("../../compiler/emit/translator");
  return compileScenarios(items, root, translateExpression, packWorkflows, readWorkflow);
}

function fail(
  message: string,
  code: number,
  kind: CliErrorKind = code === 2 ? "usage" : "failed",
  at?: InputPlace,
): void {
  reportError("simulate", kind, message, at);
  process.exitCode = code;
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(toGolden(value as PyValue, true).value)}\n`);
}

export function registerSimulate(program: Command): void {
  program
    .command("simulate")
    .description("Run a workflow under a golden scenario with the reference interpreter and print the trace")
    .argument("[workflow]", "workflow YAML file (defaults to the scenario's workflow)")
    .option("--scenario <file>", "scenario JSON (golden format); without it every action succeeds")
    .option("--cases <dir>", "run every case of a golden traces folder (INDEX.json)")
    .option("--only <ids...>", "with --cases: run only these case ids")
    .option(
      "--root <dir>",
      "folder scenario paths are relative to (default: the nearest folder above the cases folder or scenario file that holds their workflows, else ../shared beside the project)",
    )
    .option("--packs <dirs...>", "pack folders to resolve sub-workflows from")
    .option(
      "--compiled",
      "compile the workflow (sub-workflows inlined) and run the bundle instead of the interpreter",
    )
    .option("--format <format>", "output format (json)", "json")
    .addHelpText(
      "after",
      `
Examples:
  $ orqc simulate wf.yaml --scenario scenario.json
  $ orqc simulate --cases ../shared/golden/traces --root ../shared --format json
  $ orqc simulate --cases ../shared/golden/traces --root ../shared --compiled

The trace has the golden format (see ../shared/golden/README.md). With --compiled, folded and
inlined tasks still appear in the trace under their original names.`,
    )
    .action(async (given: string | undefined, opts: SimulateOptions) => {
      const workflow =
        given ?? (opts.cases ? undefined : reclaimPositional([{ values: opts.packs, belongs: isFolder }]));
      if (opts.format !== "json") return fail(`unsupported format "${opts.format}" (use json)`, 2);
      if (opts.cases) {
        if (!existsSync(join(opts.cases, "INDEX.json")))
          return fail(`no INDEX.json in ${opts.cases}`, 2, "input");
        const only = opts.only ? new Set(opts.only) : undefined;
        try {
          const items = readCases(opts.cases, only);
          const sample = items.slice(0, ROOT_SAMPLE).map((it) => it.scenario.workflow);
          const root = scenarioRoot(opts.root, opts.cases, sample);
          const compiled = opts.compiled ? await compiledCases(items, root) : undefined;
          return print(runCases(opts.cases, root, only, compiled));
        } catch (e) {
          if (e instanceof CasesIndexError) return fail(e.message, 2, "input");
          throw e;
        }
      }
      if (!opts.scenario && !workflow) return fail("give WORKFLOW.yaml, --scenario FILE or --cases DIR", 2);
      let scenario: Scenario = { workflow: workflow ?? "", input: {} };
      if (opts.scenario) {
        try {
          scenario = readScenario(opts.scenario, workflow !== undefined);
        } catch (e) {
          return fail(
            `cannot read scenario ${opts.scenario}: ${e instanceof Error ? e.message : String(e)}`,
            2,
            "input",
            jsonErrorPlace(e, opts.scenario),
          );
        }
      }
      const root = scenarioRoot(
        opts.root,
        opts.scenario ? dirname(opts.scenario) : undefined,
        workflow === undefined ? [scenario.workflow] : [],
      );
      const override = workflow ? resolve(workflow) : null;
      const problem = override ? workflowFileProblem(override, workflow!) : undefined;
      if (problem) return fail(problem, 2, "input");
      const topPath = workflow ?? scenario.workflow;
      const readWorkflow = (p: string): string =>
        override && p === topPath ? readFileSync(override, "utf8") : readFileSync(resolve(root, p), "utf8");
      const packWorkflows = loadPackWorkflows(opts.packs ?? []);
      try {
        const run = { ...scenario, workflow: topPath };
        const compiled = opts.compiled
          ? (await compiledCases([{ key: "run", scenario: run }], root, packWorkflows, readWorkflow)).get(
              "run",
            )
          : undefined;
        const trace = runScenario(run, {
          root,
          readWorkflow,
          packWorkflows,
          ...(compiled ? { compiled } : {}),
        });
        try {
          print(trace);
        } catch (e) {
          // A value Orquesta cannot copy (a Jinja Namespace, dict view, Undefined) reached the workflow's data: Orquesta raises.
          if (!(e instanceof PyError)) throw e;
          return fail(
            `the run holds a value that is not JSON data (${e.message}); the trace cannot be written`,
            1,
          );
        }
      } catch (e) {
        fail(e instanceof Error ? e.message : String(e), 1);
      }
    });
}
