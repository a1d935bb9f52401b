import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MemoryKvStore } from "../../../runtime/backend/memory/index";
import { aesCipher, Datastore } from "../../../runtime/datastore/index";
import { nodejsRunner, type RunnerContext } from "../../../runtime/runners/index";

const dir = mkdtempSync(join(tmpdir(), "orqc-node-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(join(dir, "helper.ts"), "export const twice = (n: number): number => n * 2;\n");
writeFileSync(
  join(dir, "double.ts"),
  `import { twice } from "./helper";
interface Params { n: number }
export async function run(params: Params, ctx: { config: { unit: string }; logger: { info(m: string): void }; datastore: { get(n: string): Promise<string | null>; set(n: string, v: string): Promise<void> } }) {
  ctx.logger.info("doubling");
  await ctx.datastore.set("last", String(params.n));
  return { value: twice(params.n), unit: ctx.config.unit, last: await ctx.datastore.get("last") };
}
`,
);
writeFileSync(
  join(dir, "fail.mjs"),
  "export default function () { throw Object.assign(new Error('bad input'), { result: { code: 7 } }); }\n",
);
writeFileSync(join(dir, "hang.mjs"), "export function run() { return new Promise(() => {}); }\n");

const ds = new Datastore(new MemoryKvStore(), aesCipher(Buffer.alloc(32, 1)));
const ctxFor = (file: string): RunnerContext => ({
  action: { ref: `p.${file}`, pack: "p", runnerType: "nodejs", entryPoint: join(dir, file) },
  config: { unit: "kg" },
  datastore: ds,
});

describe("nodejs runner", () => {
  it("runs a TypeScript module action with config, logger and datastore", async () => {
    const r = await nodejsRunner.run({ n: 21 }, ctxFor("double.ts"));
    expect(r.status).toBe("succeeded");
    expect(r.result).toMatchObject({ result: { value: 42, unit: "kg", last: "21" }, exit_code: 0 });
    expect((r.result as { stderr: string }).stderr).toMatch(/INFO doubling/);
  });

  it("fails when the action throws, keeping an attached result", async () => {
    const r = await nodejsRunner.run({}, ctxFor("fail.mjs"));
    expect(r.status).toBe("failed");
    expect(r.result).toMatchObject({ result: { code: 7 }, exit_code: 1 });
    expect((r.result as { stderr: string }).stderr).toMatch(/Error: bad input/);
  });

  it("reports a timeout", async () => {
    const r = await nodejsRunner.run({ timeout: 0.2 }, ctxFor("hang.mjs"));
    expect(r).toMatchObject({
      status: "timeout",
      result: { exit_code: -9, error: "Action failed to complete in 0.2 seconds" },
    });
  });
});
