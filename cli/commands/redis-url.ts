// The --redis flag's value: checked when the flags are parsed, so a mistyped
// URL is a usage error (exit 2) naming the flag, not a failure deep inside.

import { InvalidArgumentError } from "commander";

/** Commander argument parser for `--redis <url>`: redis:// or rediss:// with a host. */
export function parseRedisUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError("expected a URL such as redis://127.0.0.1:6379");
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:")
    throw new InvalidArgumentError(`expected redis:// or rediss://, got ${url.protocol}//`);
  if (!url.hostname) throw new InvalidArgumentError("the URL names no host");
  return value;
}
