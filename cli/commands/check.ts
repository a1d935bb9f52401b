// `orqc check PATH...`: load packs and workflows, report every problem found.

import { type Command, Option } from "commander";
import { checkPaths } from "../../compiler/inspect/check";
import { hasErrors } from "../../compiler/source/diagnostic";
import { COLORS, NO_COLORS, useColor } from "../output/color";
import { formatDiagnostic, summary, toJson } from "../output/diagnostics";

interface CheckOptions {
  format: "text" | "json";
  warnings: boolean;
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("Check StackStorm packs and Orquesta workflows: YAML, schema, graph, expressions, actions.")
    .argument("<paths...>", "pack folders, folders of packs, or workflow files (searched at any depth)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--no-warnings", "report errors only")
    .addHelpText(
      "after",
      `
Examples:
  $ orqc check packs/monitoring
  $ orqc check ../shared/corpus --format json
  $ orqc check actions/workflows/main.yaml --no-warnings

Exit codes: 0 no errors, 1 errors found, 2 usage error.`,
    )
    .action((paths: string[], opts: CheckOptions) => {
      const result = checkPaths(paths);
      const diags = result.diagnostics.filter((d) => opts.warnings || d.severity === "error");
      const cwd = process.cwd();
      if (opts.format === "json") {
        const body = {
          workflows: result.load.workflows.length,
          actions: result.load.actions.size,
          packs: result.load.packs.length,
          errors: diags.filter((d) => d.severity === "error").length,
          warnings: diags.filter((d) => d.severity === "warning").length,
          diagnostics: diags.map((d) => toJson(d, cwd)),
        };
        process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      } else {
        const color = useColor(process.stdout);
        const palette = color ? COLORS : NO_COLORS;
        const print = { palette, frames: process.stdout.isTTY === true, cwd };
        for (const d of diags) process.stdout.write(`${formatDiagnostic(d, print)}\n`);
        process.stdout.write(`${summary(diags, result.load.workflows.length, palette)}\n`);
      }
      process.exitCode = hasErrors(result.diagnostics) ? 1 : 0;
    });
}
