// `orqc check PATH...`: load packs and workflows, report every problem found.

import { type Command, InvalidArgumentError, Option } from "commander";
import { checkPaths } from "../../compiler/inspect/check";
import { hasErrors } from "../../compiler/source/diagnostic";
import { COLORS, NO_COLORS, useColor } from "../output/color";
import { formatDiagnostic, summary, toJson } from "../output/diagnostics";
import { githubAnnotation } from "../output/github";
import { toSarif } from "../output/sarif";

interface CheckOptions {
  format: "text" | "json" | "github" | "sarif";
  warnings: boolean;
  maxWarnings?: number;
}

function count(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError("expected a whole number such as 0 or 10");
  return n;
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("Check StackStorm packs and Orquesta workflows: YAML, schema, graph, expressions, actions.")
    .argument("<paths...>", "pack folders, folders of packs, or workflow files (searched at any depth)")
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["text", "json", "github", "sarif"])
        .default("text"),
    )
    .option("--no-warnings", "report errors only")
    .option(
      "--max-warnings <n>",
      "exit 1 also when there are more than n warnings (0: any warning fails)",
      count,
    )
    .addHelpText(
      "after",
      `
Examples:
  $ orqc check packs/monitoring
  $ orqc check ../shared/corpus --format json
  $ orqc check actions/workflows/main.yaml --no-warnings
  $ orqc check packs --format github --max-warnings 0     # annotations in a GitHub Actions job
  $ orqc check packs --format sarif > orqc.sarif          # for code scanning (upload-sarif)

Formats: text (like tsc, code frames on a TTY), json, github (workflow commands: one ::error or
::warning annotation per problem), sarif (SARIF 2.1.0).
Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage error.`,
    )
    .action((paths: string[], opts: CheckOptions) => {
      const result = checkPaths(paths);
      const diags = result.diagnostics.filter((d) => opts.warnings || d.severity === "error");
      const cwd = process.cwd();
      if (opts.format === "github") {
        for (const d of diags) process.stdout.write(`${githubAnnotation(toJson(d, cwd))}\n`);
      } else if (opts.format === "sarif") {
        process.stdout.write(`${JSON.stringify(toSarif(diags.map((d) => toJson(d, cwd))), null, 2)}\n`);
      } else if (opts.format === "json") {
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
      const warnings = result.diagnostics.filter((d) => d.severity === "warning").length;
      const tooManyWarnings = opts.maxWarnings !== undefined && warnings > opts.maxWarnings;
      if (tooManyWarnings && opts.format === "text")
        process.stdout.write(
          `orqc check: ${warnings} warnings${opts.warnings ? "" : " (not shown: --no-warnings)"}, more than --max-warnings ${opts.maxWarnings}\n`,
        );
      process.exitCode = hasErrors(result.diagnostics) || tooManyWarnings ? 1 : 0;
    });
}
