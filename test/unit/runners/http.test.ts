import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpRequestRunner, type RunnerContext } from "../../../runtime/runners/index";
import { SecretSet } from "../../../runtime/secrets/index";

const seen: Array<{ method: string; url: string; headers: IncomingMessage["headers"]; body: string }> = [];

function handler(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
    const path = (req.url ?? "").split("?")[0];
    if (path === "/json") {
      res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "X-Custom-Header": "Kept" });
      res.end('{"items": [1, 2], "ok": true}');
    } else if (path === "/text") {
      res.writeHead(201, { "Content-Type": "text/plain" });
      res.end("plain text");
    } else if (path === "/missing") {
      res.writeHead(404, { "Content-Type": "application/json" });
      res.end('{"error": "nope"}');
    } else if (path === "/slow") {
      setTimeout(() => res.end("late"), 3000);
    } else if (path === "/redirect") {
      res.writeHead(302, { Location: "/text" });
      res.end();
    } else {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ method: req.method, body, url: req.url }));
    }
  });
}

let server: Server;
let base: string;
let tlsServer: Server;
let tlsBase: string;
const certDir = mkdtempSync(join(tmpdir(), "orqc-tls-"));

beforeAll(async () => {
  server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      "/CN=localhost",
      "-days",
      "1",
      "-keyout",
      join(certDir, "key.pem"),
      "-out",
      join(certDir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  tlsServer = createHttpsServer(
    { key: readFileSync(join(certDir, "key.pem")), cert: readFileSync(join(certDir, "cert.pem")) },
    handler,
  );
  await new Promise<void>((r) => tlsServer.listen(0, "127.0.0.1", r));
  tlsBase = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  tlsServer.closeAllConnections();
  await new Promise((r) => server.close(r));
  await new Promise((r) => tlsServer.close(r));
  rmSync(certDir, { recursive: true, force: true });
});

const ctx: RunnerContext = { action: { ref: "core.http", pack: "core", runnerType: "http-request" } };

describe("http-request runner", () => {
  it("parses an application/json body (charset ignored) and keeps header spelling", async () => {
    const r = await httpRequestRunner.run({ url: `${base}/json` }, ctx);
    expect(r.status).toBe("succeeded");
    expect(r.result).toMatchObject({ status_code: 200, body: { items: [1, 2], ok: true }, parsed: true });
    expect((r.result as { headers: Record<string, string> }).headers).toMatchObject({
      "Content-Type": "application/json; charset=utf-8",
      "X-Custom-Header": "Kept",
    });
    expect(seen.at(-1)?.headers["x-stanley-action"]).toBe("http");
  });

  it("returns other bodies as text; 200-206 succeed, others fail", async () => {
    expect(await httpRequestRunner.run({ url: `${base}/text` }, ctx)).toMatchObject({
      status: "succeeded",
      result: { status_code: 201, body: "plain text", parsed: false },
    });
    expect(await httpRequestRunner.run({ url: `${base}/missing` }, ctx)).toMatchObject({
      status: "failed",
      result: { status_code: 404, body: { error: "nope" } },
    });
  });

  it("sends method, JSON body, query params, headers and basic auth", async () => {
    const secrets = new SecretSet();
    const r = await httpRequestRunner.run(
      {
        url: `${base}/echo`,
        method: "post",
        body: '{"a": [1, 2]}',
        headers: { "Content-Type": "application/json", "X-Trace": "t1" },
        params: { q: "x y" },
        username: "bob",
        password: "pw",
      },
      { ...ctx, secrets },
    );
    expect(r.result).toMatchObject({ body: { method: "POST", body: '{"a":[1,2]}', url: "/echo?q=x+y" } });
    const req = seen.at(-1)!;
    expect(req.headers["x-trace"]).toBe("t1");
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from("bob:pw").toString("base64")}`);
    expect(secrets.maskText("password: pw")).toBe("password: ********");
  });

  it("follows redirects only when allowed", async () => {
    expect((await httpRequestRunner.run({ url: `${base}/redirect` }, ctx)).result).toMatchObject({
      status_code: 302,
    });
    expect(
      (await httpRequestRunner.run({ url: `${base}/redirect`, allow_redirects: true }, ctx)).result,
    ).toMatchObject({
      status_code: 201,
      body: "plain text",
    });
  });

  it("times out with status timeout and an error", async () => {
    const r = await httpRequestRunner.run({ url: `${base}/slow`, timeout: 0.3 }, ctx);
    expect(r.status).toBe("timeout");
    expect((r.result as { error: string }).error).toMatch(/timed out/);
  });

  it("fails on connection errors and blocked hosts", async () => {
    const r = await httpRequestRunner.run({ url: "http://127.0.0.1:1/" }, ctx);
    expect(r.status).toBe("failed");
    expect((r.result as { error: string }).error).toMatch(/ECONNREFUSED/);
    const blocked = await httpRequestRunner.run(
      { url: `${base}/json`, url_hosts_blacklist: ["127.0.0.1"] },
      ctx,
    );
    expect(blocked).toMatchObject({
      status: "failed",
      result: { error: `URL "${base}/json" is blacklisted` },
    });
  });

  it("checks certificates unless verify_ssl_cert is false", async () => {
    const strict = await httpRequestRunner.run({ url: `${tlsBase}/json` }, ctx);
    expect(strict.status).toBe("failed");
    expect((strict.result as { error: string }).error).toMatch(/self[- ]signed/i);
    const lax = await httpRequestRunner.run({ url: `${tlsBase}/json`, verify_ssl_cert: false }, ctx);
    expect(lax).toMatchObject({ status: "succeeded", result: { body: { ok: true } } });
  });
});
