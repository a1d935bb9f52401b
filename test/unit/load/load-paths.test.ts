import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkWorkflow } from "../../../compiler/inspect/check";
import { loadPaths } from "../../../compiler/load/index";

const CORPUS = resolve(__dirname, "../../../../shared/corpus");
const EXAMPLES = join(CORPUS, "stackstorm/st2/contrib/examples");

function tempPack(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "orqc-load-"));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

describe("loadPaths", () => {
  it("loads a pack: metadata, workflows, and the link between them", () => {
    const r = loadPaths([EXAMPLES]);
    expect(r.packs.map((p) => p.name)).toContain("examples");
    const seq = r.resolveAction("examples.orquesta-sequential");
    expect(seq?.runnerType).toBe("orquesta");
    expect(seq?.workflowPath).toBe(join(EXAMPLES, "actions/workflows/orquesta-sequential.yaml"));
    const wf = r.workflows.find((w) => w.path === seq?.workflowPath);
    expect(wf?.actionRefs).toContain("examples.orquesta-sequential");
    expect(wf?.pack).toBe("examples");
    expect(wf?.root?.kind).toBe("map");
  });

  it("finds exactly the corpus's Orquesta workflows when given the whole corpus", () => {
    const r = loadPaths([CORPUS]);
    expect(r.workflows).toHaveLength(347);
    expect(r.actions.size).toBeGreaterThan(1400);
  });

  it("takes an orquesta action's entry point as its workflow, whatever the file holds", () => {
    const action = (name: string) =>
      `name: ${name}\nrunner_type: orquesta\nentry_point: workflows/${name}.yaml\n`;
    const dir = tempPack({
      "pack.yaml": "name: odd\nref: odd\n",
      "actions/list.yaml": action("list"),
      "actions/plain.yaml": action("plain"),
      "actions/workflows/list.yaml": "- a\n- b\n",
      "actions/workflows/plain.yaml": "foo: bar\n",
      "actions/workflows/stray.yaml": "foo: bar\n",
    });
    const r = loadPaths([dir]);
    expect(r.workflows.map((w) => w.path.slice(dir.length + 1)).sort()).toEqual([
      "actions/workflows/list.yaml",
      "actions/workflows/plain.yaml",
    ]);
    const codes = r.workflows.flatMap((w) => checkWorkflow(w, r).map((d) => d.code));
    expect(codes).toContain("ORQ1004");
  });

  it("refuses a file that is not UTF-8 at its first bad byte, in Python's words", () => {
    const dir = mkdtempSync(join(tmpdir(), "orqc-load-"));
    const file = join(dir, "wf.yaml");
    writeFileSync(
      file,
      Buffer.from('version: 1.0\ntasks:\n  t:\n    action: core.echo message="caf\xe9"\n', "latin1"),
    );
    const r = loadPaths([file]);
    const d = r.diagnostics.find((x) => x.code === "ORQ1001");
    expect(d?.message).toBe(
      "YAML syntax error: 'utf-8' codec can't decode byte 0xe9 in position 59: invalid continuation byte",
    );
    expect(d?.range?.start).toBe(59); // all ASCII before it: the byte position is the character offset
    expect(r.workflows[0]?.root).toBeNull();
  });

  it("knows StackStorm's core actions without the core pack", () => {
    const r = loadPaths([]);
    const echo = r.resolveAction("core.echo");
    expect(echo?.runnerType).toBe("local-shell-cmd");
    const params = r.parametersOf(echo!);
    expect(params?.message).toMatchObject({ type: "string", required: true });
    expect(params?.cmd).toMatchObject({ immutable: true });
    expect(params?.timeout).toBeDefined();
    expect(r.resolveAction("core.http")?.runnerType).toBe("http-request");
    expect(r.resolveAction("core.nope")).toBeUndefined();
  });

  it("prefers the action of the workflow's own pack when two packs define a ref", () => {
    const dir = tempPack({
      "a/pack.yaml": "name: shared\n",
      "a/actions/x.yaml": "name: x\nrunner_type: noop\n",
      "b/pack.yaml": "name: shared\n",
      "b/actions/x.yaml": "name: x\nrunner_type: local-shell-cmd\n",
      "b/actions/workflows/w.yaml": "version: 1.0\ntasks:\n  t:\n    action: shared.x\n",
    });
    const r = loadPaths([dir]);
    expect(r.resolveAction("shared.x", join(dir, "b/actions/workflows/w.yaml"))?.runnerType).toBe(
      "local-shell-cmd",
    );
    expect(r.resolveAction("shared.x", join(dir, "a/actions/x.yaml"))?.runnerType).toBe("noop");
    expect(r.diagnostics).toEqual([]);
  });

  it("loads loose workflow files and single files, and skips Mistral and ActionChain files", () => {
    const dir = tempPack({
      "loose.yaml": "version: 1.0\ntasks:\n  t:\n    action: core.noop\n",
      "mistral.yaml": "version: '2.0'\nwf:\n  tasks:\n    t:\n      action: core.noop\n",
      "chain.yaml": "chain:\n  - name: a\n    ref: core.noop\n",
    });
    expect(loadPaths([dir]).workflows.map((w) => w.path)).toEqual([join(dir, "loose.yaml")]);
    expect(loadPaths([join(dir, "loose.yaml")]).workflows).toHaveLength(1);
  });

  it("reports paths that do not exist", () => {
    const r = loadPaths(["/nonexistent/orqc/path"]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["ORQ1003"]);
  });

  it("reports invalid action metadata at the offending node", () => {
    const dir = tempPack({
      "p/pack.yaml": "name: p\n",
      "p/actions/a.yaml": "name: a\nrunner_type: noop\nenabled: maybe\n",
    });
    const d = loadPaths([dir]).diagnostics;
    expect(d.map((x) => x.code)).toEqual(["ORQ1030"]);
    expect(d[0]!.message).toContain("enabled");
  });
});

describe("pack extras", () => {
  it("keeps the pack's config schema and reports pack files that do not parse", () => {
    const dir = tempPack({
      "p/pack.yaml": "name: p\n",
      "p/config.schema.yaml": "api_url:\n  type: string\n  default: http://x\n",
      "p/actions/broken.yaml": "name: [oops\n",
    });
    const r = loadPaths([dir]);
    const pack = r.packs.find((p) => p.name === "p");
    expect(pack?.configSchema?.kind).toBe("map");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["ORQ1001"]);
    expect(r.diagnostics[0]!.file?.path).toBe(join(dir, "p/actions/broken.yaml"));
  });
  it("refuses merge keys in pack metadata, which StackStorm registers with Orquesta's mapping constructor", () => {
    const dir = tempPack({
      "p/pack.yaml": "name: p\nbase: &b {x: 1}\nmore:\n  <<: *b\n",
      "p/actions/a.yaml":
        "name: a\nrunner_type: local-shell-cmd\ncommon: &c {type: string}\nparameters:\n  cmd:\n    <<: *c\n    default: ls\n",
      "p/actions/plain.yaml": "name: plain\nrunner_type: noop\n",
    });
    const r = loadPaths([dir]);
    const found = r.diagnostics.map((d) => `${d.code} ${d.file?.path.slice(dir.length)}:${d.range?.start}`);
    expect(found.sort()).toEqual(["ORQ1009 /p/actions/a.yaml:86", "ORQ1009 /p/pack.yaml:32"]);
    expect(r.diagnostics[0]!.message).toContain("could not determine a constructor for the tag");
    // The merged reading is kept for the checks that follow.
    expect(r.parametersOf(r.resolveAction("p.a")!)?.cmd).toMatchObject({ type: "string", hasDefault: true });
  });
  it("keeps a workflow file that does not parse as the workflow of its actions, reported once", () => {
    const dir = tempPack({
      "p/pack.yaml": "name: p\n",
      "p/actions/bad.yaml": "name: bad\nrunner_type: orquesta\nentry_point: workflows/bad.yaml\n",
      "p/actions/workflows/bad.yaml": "version: 1.0\ntasks:\n  b: [unclosed\n",
    });
    const r = loadPaths([dir]);
    const wf = r.workflows.find((w) => w.path === join(dir, "p/actions/workflows/bad.yaml"));
    expect(wf?.root).toBeNull();
    expect(wf?.actionRefs).toEqual(["p.bad"]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["ORQ1001"]);
  });
});
