// A cursor over Jinja tokens with the small helpers Jinja's parser uses:
// look-ahead, `name:x` / operator tests, expect-or-fail with Jinja's messages.

import { JinjaSyntaxError, type Token } from "./lexer";

export function describeToken(t: Token): string {
  if (t.type === "eof") return "end of template";
  if (t.type === "variable_end") return "end of print statement";
  if (t.type === "block_end") return "end of statement block";
  if (t.type === "string" || t.type === "integer" || t.type === "float") return t.type;
  return t.text;
}

export class TokenStream {
  pos = 0;

  constructor(readonly tokens: readonly Token[]) {}

  get current(): Token {
    return this.tokens[this.pos]!;
  }

  look(): Token {
    return this.tokens[Math.min(this.pos + 1, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.current;
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  fail(message: string, t: Token = this.current): never {
    throw new JinjaSyntaxError(message, t.start, Math.max(t.end, t.start + 1));
  }

  isOp(text: string, t: Token = this.current): boolean {
    return t.type === "operator" && t.text === text;
  }

  isName(name?: string, t: Token = this.current): boolean {
    return t.type === "name" && (name === undefined || t.text === name);
  }

  skipOp(text: string): boolean {
    if (!this.isOp(text)) return false;
    this.next();
    return true;
  }

  skipName(name: string): boolean {
    if (!this.isName(name)) return false;
    this.next();
    return true;
  }

  expectOp(text: string): Token {
    if (!this.isOp(text)) this.fail(`expected token '${text}', got '${describeToken(this.current)}'`);
    return this.next();
  }

  expectName(name?: string): Token {
    if (!this.isName(name)) {
      this.fail(`expected token '${name ?? "name"}', got '${describeToken(this.current)}'`);
    }
    return this.next();
  }

  expectType(type: Token["type"]): Token {
    if (this.current.type !== type) {
      this.fail(`expected token '${type.replace("_", " ")}', got '${describeToken(this.current)}'`);
    }
    return this.next();
  }

  protected endOf(start: number): number {
    return this.tokens[Math.max(this.pos - 1, 0)]!.end || start;
  }
}
