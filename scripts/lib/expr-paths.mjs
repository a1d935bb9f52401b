// What an expression reads below a root such as `result()` or `ctx()`, as
// data paths, and a value with such a path filled in: the synthesized
// contexts and action results of the fuzzers (corpus-expr-cases.mjs,
// gen-pack-scenarios.mjs). The text may be a JSON dump of a workflow part,
// where quotes come escaped.

export const NAME = "[A-Za-z_][A-Za-z0-9_]*";
export const STEP = String.raw`(?:\s*\.\s*(${NAME})|\s*\[\s*\\?['"]([^'"\\]+)\\?['"]\s*\]|\s*\[\s*(\d+)\s*\])`;

/** The steps of a path text (`.a['b'][0]`): names and indexes. */
export function steps(text) {
  const out = [];
  for (const m of text.matchAll(new RegExp(STEP, "g")))
    out.push(m[3] !== undefined ? Number(m[3]) : (m[1] ?? m[2]));
  return out;
}

/** The paths read after each match of `root` (a regex source); a method call ends a path (`.split(...)`). */
export function pathsAfter(text, root) {
  const paths = [];
  for (const m of text.matchAll(new RegExp(`${root}((?:${STEP})*)`, "g"))) {
    const p = steps(m[1] ?? "");
    const after = text.slice(m.index + m[0].length);
    if (p.length > 0 && typeof p[p.length - 1] === "string" && /^\s*\(/.test(after)) p.pop();
    paths.push(p);
  }
  return paths;
}

/** `root` with `path` filled in: mappings and lists made as needed, new leaves from `leafOf(name)`. */
export function placeAt(root, path, leafOf) {
  if (path.length === 0) return root;
  const [head, ...rest] = path;
  if (typeof head === "number") {
    const list = Array.isArray(root) ? [...root] : [];
    while (list.length <= head) list.push(leafOf(String(head)));
    if (rest.length > 0) list[head] = placeAt(list[head], rest, leafOf);
    return list;
  }
  const obj = root && typeof root === "object" && !Array.isArray(root) ? { ...root } : {};
  obj[head] = rest.length > 0 ? placeAt(obj[head], rest, leafOf) : (obj[head] ?? leafOf(head));
  return obj;
}
