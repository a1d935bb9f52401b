// Which Python interpreter runs: the one named by ORQC_PYTHON (default
// python3), resolved to its real path once per name.

import { execFile } from "node:child_process";

/** The interpreter orqc starts for Python actions and helpers. */
export function pythonName(): string {
  return process.env.ORQC_PYTHON ?? "python3";
}

const interpreters = new Map<string, Promise<string>>();

/**
 * The interpreter's real path: version-manager shims (pyenv, asdf) are shell
 * scripts that cost hundreds of milliseconds per start. Asked once per name,
 * without blocking the event loop.
 */
export function realInterpreter(python: string): Promise<string> {
  let real = interpreters.get(python);
  if (!real) {
    real = new Promise((resolve) => {
      execFile(python, ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }, (err, stdout) =>
        resolve((!err && stdout.trim()) || python),
      );
    });
    interpreters.set(python, real);
  }
  return real;
}
