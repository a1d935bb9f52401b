import { describe, expect, it } from "vitest";
import { utf8Error } from "../../../compiler/load/utf8-error";

// Messages recorded from CPython 3.11: bytes.decode("utf-8") raising UnicodeDecodeError.
const CASES: Array<[number[], string | null]> = [
  [[0x61, 0x62, 0xff], "'utf-8' codec can't decode byte 0xff in position 2: invalid start byte"],
  [[0x61, 0xc3], "'utf-8' codec can't decode byte 0xc3 in position 1: unexpected end of data"],
  [[0xe0, 0x80, 0x80], "'utf-8' codec can't decode byte 0xe0 in position 0: invalid continuation byte"],
  [[0xed, 0xa0, 0x80], "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"],
  [[0x6f, 0x6b, 0xc3, 0x28], "'utf-8' codec can't decode byte 0xc3 in position 2: invalid continuation byte"],
  [[0xf4, 0x90, 0x80, 0x80], "'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte"],
  [[0xc0, 0x80], "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte"],
  [[0xe2, 0x82], "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"],
  [[0x61, 0xf0, 0x9f, 0x98], "'utf-8' codec can't decode bytes in position 1-3: unexpected end of data"],
  [[0x63, 0x61, 0x66, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80], null],
];

describe("utf8Error", () => {
  it.each(CASES)("%j", (bytes, message) => {
    expect(utf8Error(Uint8Array.from(bytes))?.message ?? null).toBe(message);
  });
});
