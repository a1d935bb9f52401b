// Shell quoting like Python's shlex.quote (st2's quote_unix): safe words stay
// bare, anything else goes in single quotes.

export function quoteShell(text: string): string {
  if (text.length === 0) return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'"'"'`)}'`;
}
