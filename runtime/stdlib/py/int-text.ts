// CPython's limit on the decimal text of ints (3.11, and the security releases
// of 3.7-3.10 since CVE-2020-10735): str(), repr(), '%d', format() and json of
// an int past 4,300 digits raise ValueError, and so does int() of text with
// more digits than that in a base that is not a power of two. StackStorm's
// Python has the limit, so its expressions fail there; orqc's do too.

import { PyError } from "./value";

export const INT_MAX_STR_DIGITS = 4300;

const ADVICE = "use sys.set_int_max_str_digits() to increase the limit";

/** str(n) of a Python int. */
export function intDecimal(n: bigint): string {
  const text = n.toString();
  if (text.length - (n < 0n ? 1 : 0) > INT_MAX_STR_DIGITS)
    throw new PyError(
      "ValueError",
      `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion; ${ADVICE}`,
    );
  return text;
}

/** int(text, base) with `digits` digits (underscores and sign not counted). */
export function checkIntTextDigits(digits: number, base = 10): void {
  const powerOfTwo = (base & (base - 1)) === 0;
  if (!powerOfTwo && digits > INT_MAX_STR_DIGITS)
    throw new PyError(
      "ValueError",
      `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits} digits; ${ADVICE}`,
    );
}
