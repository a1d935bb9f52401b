// Where orqc keeps its local files when it runs embedded (no Redis): the
// datastore and the datastore encryption key. ORQC_HOME overrides ~/.orqc.

import { homedir } from "node:os";
import { join } from "node:path";

export function orqcHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.ORQC_HOME && env.ORQC_HOME.length > 0 ? env.ORQC_HOME : join(homedir(), ".orqc");
}

export function defaultDatastorePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(orqcHome(env), "datastore.json");
}

export function defaultKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(orqcHome(env), "datastore.key");
}
