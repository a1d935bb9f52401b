// Pack configuration as StackStorm builds it for actions: the values of
// configs/<pack>.yaml, with defaults from the pack's config.schema.yaml filled
// in (nested object properties too), and `{{ st2kv.system.x }}` /
// `{{ st2kv.user.x | decrypt_kv }}` values read from the datastore.
//
// Where configs/ is: `configsDir` if given, else ORQC_CONFIGS_DIR, else the
// first of <packs root>/../configs (st2's /opt/stackstorm/configs beside
// /opt/stackstorm/packs) and <packs root>/configs that has the file.

import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parse } from "yaml";
import type { JsonObject, JsonValue } from "../backend/types";
import type { Datastore } from "../datastore/datastore";

export interface PackConfigOptions {
  readonly configsDir?: string;
  /** Resolves st2kv references in config values; left as text without one. */
  readonly datastore?: Datastore;
  readonly user?: string;
}

export class PackConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PackConfigError";
  }
}

interface SchemaEntry {
  readonly type?: string;
  readonly default?: JsonValue;
  readonly properties?: Readonly<Record<string, SchemaEntry>>;
}

export async function loadPackConfig(
  packDir: string,
  pack: string,
  options: PackConfigOptions = {},
): Promise<JsonObject> {
  const schema = readYaml(join(packDir, "config.schema.yaml")) as Record<string, SchemaEntry> | undefined;
  const configFile = findConfigFile(packDir, pack, options.configsDir);
  const values = configFile ? readYaml(configFile) : undefined;
  if (values !== undefined && values !== null && (typeof values !== "object" || Array.isArray(values))) {
    throw new PackConfigError(`${configFile}: a pack config must be a mapping`);
  }
  const config = withSchemaDefaults((values as JsonObject | null) ?? {}, schema ?? {});
  return options.datastore
    ? resolveDatastoreRefs(config, options.datastore, options.user ?? "stanley")
    : config;
}

export function withSchemaDefaults(
  values: JsonObject,
  schema: Readonly<Record<string, SchemaEntry>>,
): JsonObject {
  const out: JsonObject = { ...values };
  for (const [key, entry] of Object.entries(schema)) {
    if (!entry || typeof entry !== "object") continue;
    if (out[key] === undefined && entry.default !== undefined) out[key] = structuredClone(entry.default);
    const current = out[key];
    if (
      entry.properties &&
      (current === undefined || (current && typeof current === "object" && !Array.isArray(current)))
    ) {
      const nested = withSchemaDefaults((current as JsonObject | undefined) ?? {}, entry.properties);
      if (current !== undefined || Object.keys(nested).length > 0) out[key] = nested;
    }
  }
  return out;
}

const KV_REF = /^\s*\{\{\s*st2kv\.(system|user)\.([^\s|}]+)\s*(\|\s*decrypt_kv\s*)?\}\}\s*$/;

async function resolveDatastoreRefs(value: JsonValue, ds: Datastore, user: string): Promise<JsonObject> {
  const walk = async (v: JsonValue): Promise<JsonValue> => {
    if (typeof v === "string") {
      const m = KV_REF.exec(v);
      if (!m) return v;
      const key =
        m[1] === "system"
          ? { scope: "system" as const, name: m[2]! }
          : { scope: "user" as const, user, name: m[2]! };
      const item = await ds.get(key, { decrypt: m[3] !== undefined });
      if (!item)
        throw new PackConfigError(
          `pack config refers to datastore key st2kv.${m[1]}.${m[2]}, which does not exist`,
        );
      return item.value;
    }
    if (Array.isArray(v)) return Promise.all(v.map(walk));
    if (v && typeof v === "object") {
      const out: JsonObject = {};
      for (const [k, x] of Object.entries(v)) out[k] = await walk(x);
      return out;
    }
    return v;
  };
  return (await walk(value)) as JsonObject;
}

function findConfigFile(packDir: string, pack: string, configsDir?: string): string | undefined {
  const explicit = configsDir ?? process.env.ORQC_CONFIGS_DIR;
  const root = dirname(packDir.replace(/\/$/, ""));
  const dirs = explicit ? [explicit] : [join(root, "..", "configs"), join(root, "configs")];
  for (const dir of dirs) {
    const file = join(dir, `${pack || basename(packDir)}.yaml`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/**
 * Parsed YAML files by path, reused while the file's size, mtime and inode stay
 * the same: every execution reads the configs of the packs it runs, and parsing
 * them again each time cost a daemon running many workflows more than the engine.
 */
const parsedFiles = new Map<string, { readonly stamp: string; readonly value: unknown }>();

function readYaml(file: string): unknown {
  let stamp: string;
  try {
    const st = statSync(file);
    stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
  const known = parsedFiles.get(file);
  if (known?.stamp === stamp) return structuredClone(known.value);
  let value: unknown;
  try {
    value = parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new PackConfigError(`${file}: ${(err as Error).message}`);
  }
  parsedFiles.set(file, { stamp, value });
  return structuredClone(value);
}
