// The itsm pack against the local ITSM service (examples/itsm-service/server.py on a free
// port): tool choice per customer, the request shapes of both tools as seen through GET
// /calls, error handling, and the datastore list of incidents being processed.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  asObject,
  type ItsmService,
  type Json,
  type JsonObject,
  packConfig,
  runAction,
  startItsmService,
} from "./helpers";

let service: ItsmService;
beforeAll(async () => {
  service = await startItsmService();
});
afterAll(() => service?.stop());
beforeEach(async () => {
  await fetch(`${service.url}/calls`, { method: "DELETE" });
});

interface Call {
  method: string;
  path: string;
  tool: string;
  user: string | null;
  body: Json;
  status: number;
}

async function calls(): Promise<Call[]> {
  return (await (await fetch(`${service.url}/calls`)).json()) as Call[];
}

/** itsm.itsm_incident_update, action by action: config_vars_get then itsm_update. */
function incidentUpdate(customer: string, incidentId: string, operation: string, notes: string): JsonObject {
  const env = { ITSM_SERVICE_URL: service.url };
  const connection = runAction("itsm", "config_vars_get", { customer }, { env });
  expect(connection.status, connection.error).toBe("succeeded");
  const update = runAction(
    "itsm",
    "itsm_update",
    { connection: connection.result, incident_id: incidentId, operation, work_notes: notes },
    { env },
  );
  expect(update.status, update.error).toBe("succeeded");
  return asObject(update.result);
}

describe("itsm.config_vars_get", () => {
  it("chooses the tool per customer, falling back to default_tool", () => {
    const env = { ITSM_SERVICE_URL: "http://itsm.test:1/" };
    const tool = (customer: string) =>
      asObject(runAction("itsm", "config_vars_get", { customer }, { env }).result);
    expect(tool("acme")).toEqual({
      customer: "acme",
      tool: "servicenow",
      base_url: "http://itsm.test:1/servicenow",
      timeout: 10,
    });
    expect(tool("globex")).toMatchObject({ tool: "jira", base_url: "http://itsm.test:1/jira" });
    expect(tool("initech")).toMatchObject({ tool: "servicenow" });
  });

  it("keeps credentials out of its result", () => {
    const run = runAction("itsm", "config_vars_get", { customer: "acme" });
    expect(JSON.stringify(run.result)).not.toContain("not-a-secret");
    expect(asObject(run.result).base_url).toBe("http://127.0.0.1:8099/servicenow");
  });

  it("fails for a tool the config does not describe", () => {
    const config = packConfig("itsm", { customers: { acme: "remedy" } });
    const run = runAction("itsm", "config_vars_get", { customer: "acme" }, { config });
    expect(run.status).toBe("failed");
    expect(run.error).toContain("remedy");
  });
});

describe("itsm.itsm_update through the ITSM service", () => {
  it("drives a ServiceNow-like incident with one PATCH per operation", async () => {
    expect(incidentUpdate("acme", "INC0010003", "begin", "started").state).toBe("in_progress");
    expect(incidentUpdate("acme", "INC0010003", "update", "ping ok").state).toBe("in_progress");
    expect(incidentUpdate("acme", "INC0010003", "close", "host is up")).toEqual({
      tool: "servicenow",
      incident_id: "INC0010003",
      operation: "close",
      state: "resolved",
      calls: 1,
    });
    const seen = await calls();
    expect(seen.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(
      Array(3).fill("PATCH /servicenow/api/now/table/incident/INC0010003 200"),
    );
    expect(seen.map((c) => c.body)).toEqual([
      { state: "2", assigned_to: "automation", work_notes: "started" },
      { work_notes: "ping ok" },
      { state: "6", close_code: "Solved (Permanently)", close_notes: "host is up" },
    ]);
    expect(new Set(seen.map((c) => c.user))).toEqual(new Set(["automation"]));
  });

  it("drives a Jira-like issue with transitions, comments and a status read", async () => {
    expect(incidentUpdate("globex", "OPS-102", "begin", "started").state).toBe("in_progress");
    expect(incidentUpdate("globex", "OPS-102", "close", "host is up").state).toBe("resolved");
    const seen = await calls();
    expect(seen.map((c) => `${c.method} ${c.path}`)).toEqual([
      "POST /jira/rest/api/2/issue/OPS-102/transitions",
      "POST /jira/rest/api/2/issue/OPS-102/comment",
      "GET /jira/rest/api/2/issue/OPS-102",
      "POST /jira/rest/api/2/issue/OPS-102/comment",
      "POST /jira/rest/api/2/issue/OPS-102/transitions",
      "GET /jira/rest/api/2/issue/OPS-102",
    ]);
    expect(seen[0]!.body).toEqual({ transition: { id: "21" } });
    expect(seen[3]!.body).toEqual({ body: "host is up" });
    expect(seen[4]!.body).toEqual({ transition: { id: "31" }, fields: { resolution: { name: "Done" } } });
    expect(seen.every((c) => c.tool === "jira" && c.user === "automation@example.invalid")).toBe(true);
  });

  it("fails the action when the service rejects the call", async () => {
    const connection = { tool: "jira", base_url: `${service.url}/nowhere`, timeout: 5 };
    const run = runAction("itsm", "itsm_update", { connection, incident_id: "OPS-1", operation: "update" });
    expect(run.status).toBe("failed");
    expect(run.error).toContain("HTTP 404");
    expect((await calls()).map((c) => c.status)).toEqual([404]);
  });

  it("rejects an unknown operation before calling anything", async () => {
    const connection = { tool: "servicenow", base_url: `${service.url}/servicenow` };
    const run = runAction("itsm", "itsm_update", { connection, incident_id: "INC1", operation: "reopen" });
    expect(run.status).toBe("failed");
    expect(run.error).toContain("unknown operation");
    expect(await calls()).toEqual([]);
  });
});

describe("ITSM service", () => {
  it("records unauthenticated calls as 401 and keeps incident state", async () => {
    const denied = await fetch(`${service.url}/servicenow/api/now/table/incident/INC9`, { method: "GET" });
    expect(denied.status).toBe(401);
    incidentUpdate("initech", "INC9", "begin", "x");
    const incidents = asObject((await (await fetch(`${service.url}/incidents`)).json()) as Json);
    expect(asObject(asObject(incidents.servicenow).INC9).state).toBe("2");
    expect((await calls()).map((c) => c.status)).toEqual([401, 200]);
  });
});

describe("itsm.itsm_processing_incs_var", () => {
  const dir = mkdtempSync(join(tmpdir(), "orqc-examples-kv-"));
  const datastore = join(dir, "kv.json");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const op = (operation: string, incident_id?: string) =>
    runAction(
      "itsm",
      "itsm_processing_incs_var",
      { operation, ...(incident_id ? { incident_id } : {}) },
      { datastore },
    );

  it("adds, lists and removes incidents in one system-scope datastore key", () => {
    expect(op("add", "INC1").result).toEqual({ key: "itsm_processing_incs", incidents: ["INC1"], count: 1 });
    expect(asObject(op("add", "OPS-2").result).count).toBe(2);
    expect(asObject(op("add", "INC1").result).count).toBe(2);
    expect(asObject(op("remove", "INC1").result).incidents).toEqual(["OPS-2"]);
    expect(asObject(op("list").result).incidents).toEqual(["OPS-2"]);
    expect(JSON.parse(readFileSync(datastore, "utf8"))).toEqual({ itsm_processing_incs: '["OPS-2"]' });
  });

  it("treats a missing key as an empty list and rejects bad operations", () => {
    expect(asObject(op("remove", "INC404").result).incidents).toEqual(["OPS-2"]);
    expect(op("remove").status).toBe("failed");
    expect(op("purge", "INC1").error).toContain("unknown operation");
  });
});
