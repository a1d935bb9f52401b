import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = resolve(__dirname, "../../bin/orqc.js");
const WF = "examples/monitoring/actions/workflows/host_check.yaml";

function simulate(...args: string[]): {
  status: string;
  output: Record<string, unknown>;
  executions: unknown[];
} {
  return JSON.parse(
    execFileSync("node", [CLI, "simulate", WF, "--packs", "examples", ...args], { encoding: "utf8" }),
  );
}

describe("orqc simulate --compiled on a pack workflow", () => {
  it("gives the interpreter's trace, sub-workflows resolved from --packs and inlined", () => {
    const dir = mkdtempSync(join(tmpdir(), "orqc-sim-"));
    const scenario = join(dir, "scenario.json");
    writeFileSync(
      scenario,
      JSON.stringify({
        input: { host: "web-01", incident_id: "INC1", customer: "acme" },
        actions: {
          config_vars_get: {
            result: {
              result: {
                host: { customer: "acme", os: "linux", address: "127.0.0.1" },
                threshold: { value: 10, type: "above" },
                save_to_db: false,
                ping_cmd: "true",
              },
            },
          },
        },
      }),
    );
    const interpreted = simulate("--scenario", scenario);
    const compiled = simulate("--scenario", scenario, "--compiled");
    expect(compiled).toEqual(interpreted);
    // The run reaches the first sub-workflow (itsm.itsm_incident_update), inlined in the bundle.
    const actions = interpreted.executions.map((e) => (e as { action: string }).action);
    expect(actions).toContain("itsm.itsm_incident_update");
  });
});
