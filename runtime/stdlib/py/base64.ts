// Python's base64.decodebytes and encodebytes, which PyYAML uses for `!!binary`:
// binascii.a2b_base64 in its lenient mode (characters outside the alphabet are
// skipped, a completed quad of padding ends the data) and b2a_base64 in lines
// of 76 characters, each ending in a newline.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUE = new Map([...ALPHABET].map((c, i) => [c.charCodeAt(0), i]));

/** The decoded bytes, or binascii.Error's message. `text` holds ASCII only (the caller checks). */
export function decodeBase64(text: string): Uint8Array | { error: string } {
  const out: number[] = [];
  let quadPos = 0;
  let leftChar = 0;
  let pads = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3d) {
      // "=": padding; it ends the data once it completes a quad of two or three data characters
      if (quadPos >= 2 && quadPos + ++pads >= 4) return Uint8Array.from(out);
      continue;
    }
    const value = VALUE.get(code);
    if (value === undefined) continue;
    pads = 0;
    if (quadPos === 0) {
      leftChar = value;
      quadPos = 1;
    } else if (quadPos === 1) {
      out.push(((leftChar << 2) | (value >> 4)) & 0xff);
      leftChar = value & 0x0f;
      quadPos = 2;
    } else if (quadPos === 2) {
      out.push(((leftChar << 4) | (value >> 2)) & 0xff);
      leftChar = value & 0x03;
      quadPos = 3;
    } else {
      out.push(((leftChar << 6) | value) & 0xff);
      leftChar = 0;
      quadPos = 0;
    }
  }
  if (quadPos === 1) {
    const characters = Math.floor(out.length / 3) * 4 + 1;
    return {
      error: `Invalid base64-encoded string: number of data characters (${characters}) cannot be 1 more than a multiple of 4`,
    };
  }
  if (quadPos !== 0) return { error: "Incorrect padding" };
  return Uint8Array.from(out);
}

/** base64.encodebytes: lines of at most 76 characters (57 bytes), each followed by a newline; "" for no bytes. */
export function encodeBase64Lines(data: Uint8Array): string {
  let out = "";
  for (let start = 0; start < data.length; start += 57) {
    const chunk = data.subarray(start, start + 57);
    let line = "";
    for (let i = 0; i < chunk.length; i += 3) {
      const a = chunk[i]!;
      const b = chunk[i + 1];
      const c = chunk[i + 2];
      line += ALPHABET[a >> 2]!;
      line += ALPHABET[((a & 0x03) << 4) | ((b ?? 0) >> 4)]!;
      line += b === undefined ? "=" : ALPHABET[((b & 0x0f) << 2) | ((c ?? 0) >> 6)]!;
      line += c === undefined ? "=" : ALPHABET[c & 0x3f]!;
    }
    out += `${line}\n`;
  }
  return out;
}
