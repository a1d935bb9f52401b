import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadPackConfig, PackConfigError } from "../../../runtime/runners/index";

const root = mkdtempSync(join(tmpdir(), "orqc-pack-config-"));
const packDir = join(root, "packs", "cfgpack");
const configFile = join(root, "configs", "cfgpack.yaml");
mkdirSync(packDir, { recursive: true });
mkdirSync(join(root, "configs"));
writeFileSync(
  join(packDir, "config.schema.yaml"),
  "limit:\n  type: integer\n  default: 5\nnested:\n  type: object\n  properties:\n    mode:\n      default: fast\n",
);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("pack config files", () => {
  it("reads a changed config file again and gives each caller its own copy", async () => {
    writeFileSync(configFile, "name: first\n");
    const a = await loadPackConfig(packDir, "cfgpack");
    expect(a).toEqual({ name: "first", limit: 5, nested: { mode: "fast" } });
    (a.nested as Record<string, unknown>).mode = "changed by the caller";
    expect(await loadPackConfig(packDir, "cfgpack")).toEqual({
      name: "first",
      limit: 5,
      nested: { mode: "fast" },
    });

    writeFileSync(configFile, "name: second, and longer\nlimit: 7\n");
    expect(await loadPackConfig(packDir, "cfgpack")).toEqual({
      name: "second, and longer",
      limit: 7,
      nested: { mode: "fast" },
    });
  });

  it("reports a config file that stops parsing, and one that is removed", async () => {
    writeFileSync(configFile, "name: [unclosed\n");
    await expect(loadPackConfig(packDir, "cfgpack")).rejects.toBeInstanceOf(PackConfigError);
    rmSync(configFile);
    expect(await loadPackConfig(packDir, "cfgpack")).toEqual({ limit: 5, nested: { mode: "fast" } });
  });
});
