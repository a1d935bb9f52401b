// How libyaml builds a scalar's value from its text (0.2.5): the escapes of a
// double-quoted scalar, and the folding of line breaks in flow and plain ones.

/** What a one-character escape of a double-quoted scalar stands for (the others stand for themselves). */
export const ESCAPED: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  "\t": "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
};

/**
 * A flow or plain scalar's value as libyaml builds it: the blanks after a
 * piece of text are kept only if text follows on the same line; a single
 * LF between two lines folds into a space, more LFs into one fewer, and an
 * LS or PS (libyaml keeps those as they are) never folds.
 */
export class FoldedText {
  text = "";
  whitespaces = "";
  leadingBreak = "";
  trailingBreaks = "";

  /** Joins what came between two pieces of text: blanks, or line breaks folded. */
  join(afterBreak: boolean): void {
    if (!afterBreak) {
      this.text += this.whitespaces;
      this.whitespaces = "";
      return;
    }
    if (this.leadingBreak === "\n") this.text += this.trailingBreaks === "" ? " " : this.trailingBreaks;
    else this.text += this.leadingBreak + this.trailingBreaks;
    this.leadingBreak = "";
    this.trailingBreaks = "";
  }
}
