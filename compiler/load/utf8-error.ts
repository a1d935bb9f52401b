// Workflow and metadata files are text that StackStorm reads as UTF-8: a file
// that is not gives Python's UnicodeDecodeError, where Node would have put
// U+FFFD in place of the bad bytes and gone on.

// The BOM stays in the text, as readFileSync(path, "utf8") keeps it (the YAML reader handles it).
const STRICT = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The text of `bytes`, or null when they are not UTF-8 (the native decoder; utf8Error says where and why). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return STRICT.decode(bytes);
  } catch {
    return null;
  }
}

/** Python's message for the first byte sequence of `bytes` that is not UTF-8, and where it starts; null when all is. */
export function utf8Error(bytes: Uint8Array): { readonly offset: number; readonly message: string } | null {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return fail(bytes, i, "invalid start byte");
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return fail(bytes, i, "unexpected end of data", bytes.length - 1);
      const c = bytes[i + k]!;
      // the second byte's range depends on the first (no overlong forms, no surrogates, nothing above U+10FFFF)
      const [lo, hi] =
        k > 1
          ? [0x80, 0xbf]
          : b === 0xe0
            ? [0xa0, 0xbf]
            : b === 0xed
              ? [0x80, 0x9f]
              : b === 0xf0
                ? [0x90, 0xbf]
                : b === 0xf4
                  ? [0x80, 0x8f]
                  : [0x80, 0xbf];
      if (c < lo || c > hi) return fail(bytes, i, "invalid continuation byte", i + k - 1);
    }
    i += need + 1;
  }
  return null;
}

/** Python names one bad byte by its value, and a run of them (a sequence cut short) by its positions. */
function fail(bytes: Uint8Array, offset: number, why: string, last = offset) {
  const what =
    last > offset
      ? `bytes in position ${offset}-${last}`
      : `byte 0x${bytes[offset]!.toString(16).padStart(2, "0")} in position ${offset}`;
  return { offset, message: `'utf-8' codec can't decode ${what}: ${why}` };
}
