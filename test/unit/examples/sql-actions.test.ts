// The sql pack's actions against SQLite (a temp file) and PostgreSQL (a throw-away schema
// on 127.0.0.1:5432/test through psql): schema creation, the sql_insert chain, quoting.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asObject, type Json, type JsonObject, python, runAction, runActionAsync } from "./helpers";

const PG_BASE = "postgres://127.0.0.1:5432/test";

function sqliteRows(path: string, sql: string): Json[] {
  const code =
    "import json,sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(json.dumps(c.execute(sys.argv[2]).fetchall()))";
  return JSON.parse(python(code, [path, sql])) as Json[];
}

function psql(url: string, sql: string): string {
  const proc = spawnSync("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql], {
    encoding: "utf8",
  });
  if (proc.status !== 0) throw new Error(`psql: ${proc.stderr}`);
  return proc.stdout.trim();
}

/** The sql_insert sub-workflow's action chain, in its order, with one host check's data. */
function insertChain(dbUrl: string): { processId: number; metricId: number; details: number[] } {
  const ok = (run: ReturnType<typeof runAction>): JsonObject => {
    expect(run.status, run.error ?? run.stderr).toBe("succeeded");
    return asObject(run.result);
  };
  const process = ok(
    runAction("sql", "insert_am_process_data", {
      db_url: dbUrl,
      incident_id: "INC0010007",
      host: "lnx-srv-01",
      customer: "o'brien & co",
      workflow: "monitoring.host_check",
      status: "closed",
    }),
  );
  const processId = Number(process.process_id);
  const metric = ok(
    runAction("sql", "insert_metrics", {
      db_url: dbUrl,
      process_id: processId,
      metrics: {
        host: "lnx-srv-01",
        duration_s: 1.25,
        ping_ok: 1,
        packet_loss: 0,
        uptime_s: 64800,
        extra: 1,
      },
    }),
  );
  expect(metric.ignored).toEqual(["extra"]);
  const metricId = Number(metric.metric_id);
  const detailSets: Record<string, JsonObject> = {
    ping: { host: "lnx-srv-01", reachable: true, packet_loss: 0, rtt_avg_ms: 1.3 },
    threshold: { metric: "packet_loss", threshold: 20, breached: false, final_value: 0 },
    uptime: { uptime_s: 64800, status: "stable" },
    itsm: { tool: "servicenow", state: "resolved", note: "it's \\ done", nested: { a: null } },
  };
  const details = Object.entries(detailSets).map(([category, data]) => {
    const result = ok(
      runAction("sql", `insert_${category}_into_metric_details`, {
        db_url: dbUrl,
        process_id: processId,
        metric_id: metricId,
        details: data,
      }),
    );
    expect(result.category).toBe(category);
    return Number(result.inserted);
  });
  return { processId, metricId, details };
}

describe("sql actions on SQLite", () => {
  const dir = mkdtempSync(join(tmpdir(), "orqc-examples-sql-"));
  const db = join(dir, "nested", "monitoring.sqlite");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the schema idempotently", () => {
    for (let i = 0; i < 2; i++) {
      const run = runAction("sql", "create_schema", { db_url: `sqlite://${db}` });
      expect(run.result).toEqual({ dialect: "sqlite", tables: ["am_process", "metric_details", "metrics"] });
    }
    const tables = sqliteRows(db, "select name from sqlite_master where type='table' order by name");
    expect(tables).toEqual([["am_process"], ["metric_details"], ["metrics"], ["sqlite_sequence"]]);
  });

  it("records one host check: process, metrics and four kinds of details", () => {
    const { processId, metricId, details } = insertChain(db);
    expect(processId).toBe(1);
    expect(metricId).toBe(1);
    expect(details).toEqual([4, 4, 2, 4]);
    expect(sqliteRows(db, "select incident_id, host, customer, status from am_process")).toEqual([
      ["INC0010007", "lnx-srv-01", "o'brien & co", "closed"],
    ]);
    expect(sqliteRows(db, "select process_id, host, duration_s, ping_ok, uptime_s from metrics")).toEqual([
      [1, "lnx-srv-01", 1.25, 1, 64800],
    ]);
    expect(
      sqliteRows(db, "select category, count(*) from metric_details group by category order by 1"),
    ).toEqual([
      ["itsm", 4],
      ["ping", 4],
      ["threshold", 4],
      ["uptime", 2],
    ]);
    expect(
      sqliteRows(db, "select name, value from metric_details where category='itsm' order by name"),
    ).toEqual([
      ["nested.a", null],
      ["note", "it's \\ done"],
      ["state", "resolved"],
      ["tool", "servicenow"],
    ]);
  });

  it("takes the database from ORQC_DB_URL when the parameter is empty", () => {
    const other = join(dir, "from-env.sqlite");
    const run = runAction(
      "sql",
      "insert_am_process_data",
      { incident_id: "OPS-101", host: "h" },
      {
        env: { ORQC_DB_URL: other },
      },
    );
    expect(run.status).toBe("succeeded");
    expect(sqliteRows(other, "select incident_id from am_process")).toEqual([["OPS-101"]]);
  });

  it("takes 20 parallel first writers on a fresh file", async () => {
    const fresh = join(dir, "parallel.sqlite");
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        runActionAsync("sql", "insert_am_process_data", { db_url: fresh, incident_id: `P-${i}`, host: "h" }),
      ),
    );
    expect(runs.map((run) => run.error ?? run.status)).toEqual(Array(20).fill("succeeded"));
    expect(sqliteRows(fresh, "select count(distinct id) from am_process")).toEqual([[20]]);
  });

  it("fails cleanly on a metrics row without a host", () => {
    const run = runAction("sql", "insert_metrics", { db_url: db, process_id: 1, metrics: {} });
    expect(run.status).toBe("failed");
    expect(run.error).toContain("metrics.host is required");
  });
});

describe("sql actions on PostgreSQL (psql)", () => {
  const schema = `orqc_examples_${process.pid}_${Date.now()}`;
  const url = `${PG_BASE}?options=-csearch_path%3D${schema}`;
  beforeAll(() => psql(PG_BASE, `CREATE SCHEMA ${schema}`));
  afterAll(() => psql(PG_BASE, `DROP SCHEMA IF EXISTS ${schema} CASCADE`));

  it("creates the schema idempotently", () => {
    for (let i = 0; i < 2; i++)
      expect(runAction("sql", "create_schema", { db_url: url }).status).toBe("succeeded");
    const tables = psql(
      PG_BASE,
      `select table_name from information_schema.tables where table_schema='${schema}' order by 1`,
    );
    expect(tables.split("\n")).toEqual(["am_process", "metric_details", "metrics"]);
  });

  it("takes 20 parallel first writers on a fresh schema", async () => {
    const freshSchema = `${schema}_p`;
    const freshUrl = `${PG_BASE}?options=-csearch_path%3D${freshSchema}`;
    psql(PG_BASE, `CREATE SCHEMA ${freshSchema}`);
    try {
      const runs = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          runActionAsync("sql", "insert_am_process_data", {
            db_url: freshUrl,
            incident_id: `P-${i}`,
            host: "h",
          }),
        ),
      );
      expect(runs.map((run) => run.error ?? run.status)).toEqual(Array(20).fill("succeeded"));
      expect(psql(freshUrl, "select count(distinct id) from am_process")).toBe("20");
    } finally {
      psql(PG_BASE, `DROP SCHEMA ${freshSchema} CASCADE`);
    }
  });

  it("records one host check with the same rows as SQLite, quoting text safely", () => {
    const { processId, metricId, details } = insertChain(url);
    expect(processId).toBe(1);
    expect(metricId).toBe(1);
    expect(details).toEqual([4, 4, 2, 4]);
    expect(psql(url, "select customer || '|' || status from am_process")).toBe("o'brien & co|closed");
    expect(psql(url, "select count(*) from metric_details where metric_id = 1")).toBe("14");
    expect(psql(url, "select value from metric_details where name = 'note'")).toBe("it's \\ done");
    expect(psql(url, "select coalesce(value, 'NULL') from metric_details where name = 'nested.a'")).toBe(
      "NULL",
    );
  });
});
