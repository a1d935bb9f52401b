// A pack's config as the host gives it to parameter rules and runners:
// config.schema.yaml defaults, configs/<pack>.yaml, st2kv references resolved
// for `user`; {} for a pack the catalog has no folder for (core, say).

import type { PyDict } from "../stdlib/py/value";
import { fromJson } from "./json";
import type { HostServices } from "./services";

export async function packConfigOf(
  services: HostServices,
  pack: string | null,
  user: string,
): Promise<PyDict> {
  const dir = pack ? services.catalog.packDir(pack) : undefined;
  if (!dir || !pack) return {};
  const { loadPackConfig } = await import("../runners/pack-config");
  return fromJson(await loadPackConfig(dir, pack, { datastore: services.datastore, user })) as PyDict;
}
