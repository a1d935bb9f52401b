// The cutoff of a purge: `--older-than 7d` (a duration back from now) or
// `--before 2026-11-01T00:00:00Z` (a point in time), as the CLI and the
// workers' retention setting write them.

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `90s`, `15m`, `12h`, `7d`, `2w`, or plain seconds; undefined when the text is none of these. */
export function parseDurationMs(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhdw]?)$/.exec(text.trim());
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS[m[2] || "s"]!;
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * An ISO 8601 date or date-time: a date alone is midnight UTC; a date-time
 * without an offset is local time (as JavaScript's Date reads it).
 */
export function parseInstant(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim()))
    return undefined;
  const at = Date.parse(text.trim().replace(" ", "T"));
  return Number.isNaN(at) ? undefined : at;
}
