// Python without a version-manager shim: pyenv's `python3` is a shell script
// that costs 100-200 ms per interpreter start on this machine, paid by every
// warm-pool spawn, ping and uptime command. The real interpreter goes first on
// PATH (for the commands the example builds) and into ORQC_PYTHON (the pool).

import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import { delimiter, join } from "node:path";

/** Resolves python3 once and points PATH / ORQC_PYTHON at it; returns the interpreter. */
export function usePlainPython(workDir: string): string {
  const real = execFileSync("python3", ["-c", "import sys; print(sys.executable)"], {
    encoding: "utf8",
  }).trim();
  const bin = join(workDir, "python-bin");
  mkdirSync(bin, { recursive: true });
  symlinkSync(real, join(bin, "python3"));
  process.env.PATH = `${bin}${delimiter}${process.env.PATH ?? ""}`;
  process.env.ORQC_PYTHON ??= real;
  return real;
}
