// Prints translated functions into one TypeScript module, for tests, the
// benchmark and tools: `export function load($rt) { return [fn0, fn1, ...]; }`
// with `$rt` typed as the ops namespace (a type-only import), so the module
// type-checks and, once transpiled, has no imports at all.

import { ts } from "ts-morph";

const f = ts.factory;

/** The identifier translated code uses for the runtime namespace in printed modules. */
export const RT = f.createIdentifier("$rt");

export function printFunctionsModule(fns: readonly ts.Expression[], opsModulePath: string): string {
  const importDecl = f.createImportDeclaration(
    undefined,
    f.createImportClause(true, undefined, f.createNamespaceImport(f.createIdentifier("RT"))),
    f.createStringLiteral(opsModulePath),
  );
  const load = f.createFunctionDeclaration(
    [f.createModifier(ts.SyntaxKind.ExportKeyword)],
    undefined,
    "load",
    undefined,
    [
      f.createParameterDeclaration(
        undefined,
        undefined,
        "$rt",
        undefined,
        f.createTypeQueryNode(f.createIdentifier("RT")),
      ),
    ],
    undefined,
    f.createBlock([f.createReturnStatement(f.createArrayLiteralExpression([...fns], true))], true),
  );
  const file = f.createSourceFile(
    [importDecl, load],
    f.createToken(ts.SyntaxKind.EndOfFileToken),
    ts.NodeFlags.None,
  );
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  return printer.printFile(file);
}
