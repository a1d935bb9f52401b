import { describe, expect, it } from "vitest";
import { extractExpressions, languageOf, languagesIn, stripDelimiter } from "../../../compiler/expr/find";

describe("finding expressions", () => {
  it("detects the language, Jinja first", () => {
    expect(languageOf("<% ctx(x) %>")).toBe("yaql");
    expect(languageOf("a {{ x }}")).toBe("jinja");
    expect(languageOf("{% if x %}y{% endif %}")).toBe("jinja");
    expect(languagesIn("{{ a }} <% b %>")).toEqual(["jinja", "yaql"]);
    expect(languageOf("<% a\n %>")).toBeNull();
    expect(languageOf("<% a \r %>")).toBe("yaql");
    expect(languageOf("no expression")).toBeNull();
  });
  it("extracts expressions and tags with offsets", () => {
    expect(extractExpressions("a <% x %> {{ y }}{% z %}")).toEqual([
      { language: "yaql", kind: "expression", text: "<% x %>", start: 2, end: 9 },
      { language: "jinja", kind: "expression", text: "{{ y }}", start: 10, end: 17 },
      { language: "jinja", kind: "block", text: "{% z %}", start: 17, end: 24 },
    ]);
    expect(extractExpressions("<% '%>' %>")[0]!.text).toBe("<% '%>");
  });
  it("strips delimiters like Python's str.strip(chars)", () => {
    expect(stripDelimiter("<%  ctx(x) %>", "yaql")).toEqual({ inner: "ctx(x)", offset: 4 });
    expect(stripDelimiter("<%%>%>", "yaql")).toEqual({ inner: "", offset: 6 });
    expect(stripDelimiter("{{ {'a': 1} }}", "jinja").inner).toBe("{'a': 1}");
  });
});
