// `orqc compile PATH... -o DIR`: flatten workflows into bundles.

import { watch } from "node:fs";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import type { CompileResult } from "../../compiler/compile";
import { formatReport } from "../../compiler/report/report";
import { COLORS, NO_COLORS, useColor } from "../output/color";
import { formatDiagnostic, toJson } from "../output/diagnostics";
import { prepareOutputDir } from "../output/output-dir";
import { reportError } from "../report-error";

interface CompileFlags {
  out: string;
  all: boolean;
  force: boolean;
  watch: boolean;
  format: "text" | "json";
  report: boolean;
}

function progress(done: number, total: number, name: string): void {
  if (!process.stderr.isTTY || total < 2) return;
  const line = name ? `[${done + 1}/${total}] ${name}` : "";
  process.stderr.write(`\r\x1b[K${line}`);
}

function print(result: CompileResult, flags: CompileFlags): void {
  const cwd = process.cwd();
  const failed = new Set(result.reports.filter((r) => r.status === "failed").map((r) => r.source));
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (flags.format === "json") {
    process.stdout.write(
      `${JSON.stringify({ written: result.written, bundles: result.reports, manifest: result.manifest, diagnostics: errors.map((d) => toJson(d, cwd)) }, null, 2)}\n`,
    );
    return;
  }
  const palette = useColor(process.stdout) ? COLORS : NO_COLORS;
  const opts = { palette, frames: process.stdout.isTTY === true, cwd };
  for (const d of errors) process.stdout.write(`${formatDiagnostic(d, opts)}\n`);
  if (!result.written) {
    process.stdout.write(`nothing built: ${flags.out} is left as it was (a path given does not exist)\n`);
    return;
  }
  if (flags.report) process.stdout.write(formatReport(result.reports));
  const built = result.reports.filter((r) => r.status === "built").length;
  const unchanged = result.reports.filter((r) => r.status === "unchanged").length;
  // Errors in files no failed bundle reads (action metadata, pack.yaml) fail the build too.
  const failedFiles = new Set([...failed].map((source) => resolve(source)));
  const outside = errors.filter((d) => !d.file || !failedFiles.has(resolve(d.file.path))).length;
  process.stdout.write(
    `${built} bundle(s) built, ${unchanged} unchanged, ${failed.size} failed${outside > 0 ? `, ${outside} error(s) in other files` : ""} -> ${flags.out} (report.txt, report.json, manifest.json)\n`,
  );
}

async function runOnce(paths: string[], flags: CompileFlags): Promise<boolean> {
  // Loaded on use: the compiler pulls in TypeScript and esbuild.
  const { compile } = await import("../../compiler/compile");
  const { translateExpression } = await import("../../compiler/emit/translator");
  const result = await compile({
    paths,
    outDir: flags.out,
    all: flags.all,
    force: flags.force,
    translate: translateExpression,
    onProgress: progress,
  });
  print(result, flags);
  return (
    result.reports.every((r) => r.status !== "failed") &&
    !result.diagnostics.some((d) => d.severity === "error")
  );
}

export function registerCompile(program: Command): void {
  program
    .command("compile")
    .description(
      "Compile packs into flat workflow bundles: inline sub-workflows, fold noops, emit and bundle JS.",
    )
    .argument("<paths...>", "pack folders, folders of packs, or workflow files")
    .requiredOption("-o, --out <dir>", "output folder for bundles, manifest.json and report files")
    .option(
      "--all",
      "compile every workflow, not only the top-level ones (those no other workflow calls)",
      false,
    )
    .option("--force", "rebuild bundles even when their inputs did not change", false)
    .option("--watch", "recompile when a file under the given paths changes", false)
    .option("--report", "print the flattening report", false)
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText(
      "after",
      `
Examples:
  $ orqc compile examples/monitoring examples/itsm examples/sql -o out --report
  $ orqc compile ../shared/corpus -o out/corpus --all --format json
  $ orqc compile packs -o out --watch

Exit codes: 0 no errors, 1 errors found (workflows Orquesta refuses are not compiled; orqc's own checks are reported but do not block a bundle), 2 usage error.`,
    )
    .action(async (paths: string[], flags: CompileFlags) => {
      const unusable = prepareOutputDir(flags.out);
      if (unusable) {
        reportError("compile", "usage", `-o ${flags.out}: ${unusable}`);
        process.exitCode = 2;
        return;
      }
      let ok: boolean;
      try {
        ok = await runOnce(paths, flags);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (!err.syscall) throw e;
        // The disk filled up or the folder changed under us while bundles were written.
        reportError("compile", "failed", `writing the bundles failed: ${err.message}`);
        process.exitCode = 1;
        return;
      }
      process.exitCode = ok ? 0 : 1;
      if (!flags.watch) return;
      let timer: NodeJS.Timeout | undefined;
      process.stdout.write("watching for changes (Ctrl-C to stop)\n");
      for (const p of paths) {
        watch(p, { recursive: true }, (_event, file) => {
          if (file && !/\.ya?ml$/.test(String(file))) return;
          clearTimeout(timer);
          timer = setTimeout(() => void runOnce(paths, { ...flags, force: false }), 200);
        });
      }
      await new Promise<never>(() => {});
    });
}
