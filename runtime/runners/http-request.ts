// http-request (core.http). Result `{status_code, body, parsed, headers}`:
// body parsed when the response content type is exactly application/json
// (charset ignored), headers with the server's spelling; 200-206 succeeded,
// anything else failed; a timeout gives status "timeout" with `{error}`.

import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { JsonObject, JsonValue } from "../backend/types";
import { parseValue, stringifyValue } from "../backend/value-json";
import { HTTP_PARAMS, withDefaults } from "./runner-params";
import type { Runner, RunnerContext, RunnerResult } from "./types";

const USER_AGENT = "orqc (st2 http-request runner)";

export const httpRequestRunner: Runner = {
  name: "http-request",
  runnerParameters: HTTP_PARAMS,
  async run(params, ctx) {
    const p = withDefaults(params, HTTP_PARAMS);
    let url: URL;
    try {
      url = new URL(String(p.url ?? ""));
    } catch {
      return failed(`invalid url ${JSON.stringify(p.url ?? null)}`);
    }
    const blocked = checkHostLists(url, p);
    if (blocked) return failed(blocked);
    for (const s of [p.password, p.auth]) if (typeof s === "string" && s) ctx.secrets?.add(s);
    try {
      return await send(url, p, ctx, 0);
    } catch (err) {
      const e = err as Error;
      if (e.name === "TimeoutError") return { status: "timeout", result: { error: e.message } };
      if (e.name === "AbortError") return { status: "canceled", result: { error: "canceled" } };
      return failed(e.message, e.stack);
    }
  },
};

function failed(error: string, traceback = ""): RunnerResult {
  return { status: "failed", result: { error, traceback } };
}

async function send(
  url: URL,
  p: Record<string, unknown>,
  ctx: RunnerContext,
  redirects: number,
): Promise<RunnerResult> {
  if (p.params && typeof p.params === "object") {
    for (const [k, v] of Object.entries(p.params as JsonObject)) url.searchParams.append(k, stringify(v));
  }
  const headers: Record<string, string> = { "User-Agent": USER_AGENT };
  if (ctx.action?.ref) headers["X-Stanley-Action"] = ctx.action.ref.split(".").slice(1).join(".");
  for (const [k, v] of Object.entries((p.headers as JsonObject | undefined) ?? {})) headers[k] = stringify(v);
  if (p.cookies && typeof p.cookies === "object") {
    headers.Cookie = Object.entries(p.cookies as JsonObject)
      .map(([k, v]) => `${k}=${stringify(v)}`)
      .join("; ");
  }
  if (typeof p.username === "string" || typeof p.password === "string") {
    headers.Authorization = `Basic ${Buffer.from(`${p.username ?? ""}:${p.password ?? ""}`).toString("base64")}`;
  } else if (typeof p.auth === "string" && p.auth) {
    headers.Authorization = p.auth;
  }
  const body = encodeBody(p.body as JsonValue | undefined, headers);
  if (body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(body));
  const method = String(p.method ?? "GET").toUpperCase();
  const res = await exchange(url, method, headers, body, p, ctx.signal);
  const location = res.message.headers.location;
  if (p.allow_redirects === true && location && res.status >= 300 && res.status < 400 && redirects < 10) {
    return send(new URL(location, url), { ...p, params: undefined }, ctx, redirects + 1);
  }
  const headerMap = rawHeaders(res.message);
  const [parsedBody, parsed] = parseBody(headerMap, res.text);
  const result: JsonObject = { status_code: res.status, body: parsedBody, parsed, headers: headerMap };
  return { status: res.status >= 200 && res.status <= 206 ? "succeeded" : "failed", result };
}

function exchange(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  p: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<{ status: number; text: string; message: IncomingMessage }> {
  const timeoutMs = Number(p.timeout ?? 60) * 1000;
  return new Promise((resolve, reject) => {
    const request = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = request(
      url,
      {
        method,
        headers,
        ...(url.protocol === "https:" ? { rejectUnauthorized: p.verify_ssl_cert !== false } : {}),
        ...(signal ? { signal } : {}),
      },
      (message) => {
        const chunks: Buffer[] = [];
        message.on("data", (c: Buffer) => chunks.push(c));
        message.on("end", () => {
          clearTimeout(timer);
          resolve({ status: message.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), message });
        });
        message.on("error", reject);
      },
    );
    const timer = setTimeout(() => {
      const err = new Error(`Read timed out. (read timeout=${Number(p.timeout ?? 60)})`);
      err.name = "TimeoutError";
      req.destroy(err);
      reject(err);
    }, timeoutMs);
    req.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** JSON content type: the body (text, or a Python/JSON literal) is re-encoded as JSON; objects are form-encoded otherwise. */
function encodeBody(body: JsonValue | undefined, headers: Record<string, string>): string | undefined {
  if (body === undefined || body === null) return undefined;
  const contentType = Object.entries(headers).find(([k]) => k.toLowerCase() === "content-type")?.[1];
  if (contentType === "application/json") {
    if (typeof body !== "string") return stringifyValue(body);
    try {
      return stringifyValue(parseValue(body));
    } catch {
      return body;
    }
  }
  if (typeof body === "string") return body;
  if (typeof body === "object" && !Array.isArray(body)) {
    return new URLSearchParams(
      Object.entries(body).map(([k, v]): [string, string] => [k, stringify(v)]),
    ).toString();
  }
  return stringifyValue(body);
}

function rawHeaders(message: IncomingMessage): JsonObject {
  const out: JsonObject = {};
  const raw = message.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const existing = Object.keys(out).find((k) => k.toLowerCase() === name.toLowerCase());
    if (existing) out[existing] = `${out[existing]}, ${raw[i + 1]}`;
    else out[name] = raw[i + 1]!;
  }
  return out;
}

function parseBody(headers: JsonObject, text: string): [JsonValue, boolean] {
  const ct = Object.entries(headers).find(([k]) => k.toLowerCase() === "content-type")?.[1];
  if (typeof ct !== "string" || ct.split(";")[0]!.trim() !== "application/json") return [text, false];
  try {
    return [parseValue<JsonValue>(text), true];
  } catch {
    return [text, false];
  }
}

function checkHostLists(url: URL, p: Record<string, unknown>): string | undefined {
  const black = (p.url_hosts_blacklist as string[] | undefined) ?? [];
  const white = (p.url_hosts_whitelist as string[] | undefined) ?? [];
  if (black.length > 0 && white.length > 0) {
    return '"url_hosts_blacklist" and "url_hosts_whitelist" parameters are mutually exclusive. Only one should be provided.';
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (black.includes(host)) return `URL "${url.href}" is blacklisted`;
  if (white.length > 0 && !white.includes(host)) return `URL "${url.href}" is not whitelisted`;
  return undefined;
}

function stringify(v: JsonValue): string {
  return typeof v === "string" ? v : stringifyValue(v);
}
