// Emits the TypeScript module of one compiled workflow, built as a TypeScript
// AST and printed. The module imports only types from the runtime API and
// exports a factory that receives the API: the bundled JS has no imports.
//
//   import type { RuntimeApi, CompiledBundle } from "orqc:runtime";
//   export default function bundle($rt: RuntimeApi): CompiledBundle {
//     const expressions = new Map([[text, (env) => ...], ...]);
//     return $rt.defineBundle({ meta, program, expressions });
//   }

import { ts } from "ts-morph";
import type { ProgramIR } from "../program/types";
import { collectExpressions } from "./collect-expressions";
import { commentText, dataLiteral, type LiteralData, stringLiteral } from "./literals";

const f = ts.factory;

export type Translate = (text: string, rt: ts.Expression) => ts.Expression | null;

export interface TaskLocation {
  readonly path: string;
  readonly line: number;
}

export interface EmitInput {
  readonly program: ProgramIR;
  readonly compilerVersion: string;
  /** Hash of every input the bundle depends on. */
  readonly inputHash: string;
  readonly translate: Translate;
  /** unit id -> task name -> where the task is written. */
  readonly locations: ReadonlyMap<string, ReadonlyMap<string, TaskLocation>>;
}

export interface EmitOutput {
  readonly source: string;
  readonly expressions: number;
  /** Expression strings the translator could not handle: evaluated by the interpreter's evaluator at run time. */
  readonly fallbacks: readonly string[];
}

const RT = "$rt";

function expressionTable(texts: readonly string[], translate: Translate, fallbacks: string[]): ts.Expression {
  const rt = f.createIdentifier(RT);
  const entries = texts.map((text) => {
    let fn = translate(text, rt);
    if (!fn) {
      fallbacks.push(text);
      fn = f.createCallExpression(f.createPropertyAccessExpression(rt, "interpreted"), undefined, [
        stringLiteral(text),
      ]);
    }
    return f.createArrayLiteralExpression([stringLiteral(text), fn]);
  });
  const fnType = f.createTypeReferenceNode(f.createQualifiedName(f.createIdentifier("Rt"), "ExpressionFn"));
  return f.createNewExpression(
    f.createIdentifier("Map"),
    [f.createTypeReferenceNode("string"), fnType],
    [f.createArrayLiteralExpression(entries, true)],
  );
}

function unitLiteral(program: ProgramIR, unitId: string, input: EmitInput): ts.Expression {
  const rt = f.createIdentifier(RT);
  const unit = program.units[unitId]!;
  const where = input.locations.get(unitId);
  const tasks = unit.workflow.tasks.map((task, i) => {
    const lit = dataLiteral(task as unknown as LiteralData, rt);
    const at = where?.get(task.name);
    const note = at ? ` tasks[${i}]: ${commentText(at.path)}:${at.line}` : ` tasks[${i}]`;
    return ts.addSyntheticLeadingComment(lit, ts.SyntaxKind.SingleLineCommentTrivia, note, true);
  });
  const { workflow, ...rest } = unit;
  const { tasks: _omit, ...wfRest } = workflow;
  const wfLiteral = dataLiteral(wfRest as unknown as LiteralData, rt) as ts.ObjectLiteralExpression;
  const wf = f.createObjectLiteralExpression(
    [
      ...wfLiteral.properties,
      f.createPropertyAssignment(stringLiteral("tasks"), f.createArrayLiteralExpression(tasks, true)),
    ],
    true,
  );
  const restLiteral = dataLiteral(rest as unknown as LiteralData, rt) as ts.ObjectLiteralExpression;
  const obj = f.createObjectLiteralExpression(
    [...restLiteral.properties, f.createPropertyAssignment(stringLiteral("workflow"), wf)],
    true,
  );
  return ts.addSyntheticLeadingComment(
    obj,
    ts.SyntaxKind.SingleLineCommentTrivia,
    ` from ${commentText(unit.path)}`,
    true,
  );
}

export function emitBundle(input: EmitInput): EmitOutput {
  const { program } = input;
  const fallbacks: string[] = [];
  const texts = collectExpressions(program);
  const rtType = (name: string) =>
    f.createTypeReferenceNode(f.createQualifiedName(f.createIdentifier("Rt"), name));

  const importDecl = f.createImportDeclaration(
    undefined,
    f.createImportClause(true, undefined, f.createNamespaceImport(f.createIdentifier("Rt"))),
    stringLiteral("orqc:runtime"),
  );
  const units = f.createObjectLiteralExpression(
    Object.keys(program.units).map((id) =>
      f.createPropertyAssignment(stringLiteral(id), unitLiteral(program, id, input)),
    ),
    true,
  );
  const programLit = f.createObjectLiteralExpression(
    [
      f.createPropertyAssignment("root", stringLiteral(program.root)),
      f.createPropertyAssignment("units", units),
    ],
    true,
  );
  const meta = f.createObjectLiteralExpression(
    [
      f.createPropertyAssignment("compiler", stringLiteral(input.compilerVersion)),
      f.createPropertyAssignment("inputHash", stringLiteral(input.inputHash)),
    ],
    true,
  );
  const body = f.createBlock(
    [
      f.createVariableStatement(
        undefined,
        f.createVariableDeclarationList(
          [
            f.createVariableDeclaration(
              "expressions",
              undefined,
              rtType("ExpressionTable"),
              expressionTable(texts, input.translate, fallbacks),
            ),
          ],
          ts.NodeFlags.Const,
        ),
      ),
      f.createVariableStatement(
        undefined,
        f.createVariableDeclarationList(
          [f.createVariableDeclaration("program", undefined, rtType("ProgramData"), programLit)],
          ts.NodeFlags.Const,
        ),
      ),
      f.createReturnStatement(
        f.createCallExpression(
          f.createPropertyAccessExpression(f.createIdentifier(RT), "defineBundle"),
          undefined,
          [
            f.createObjectLiteralExpression(
              [
                f.createPropertyAssignment("meta", meta),
                f.createShorthandPropertyAssignment("program"),
                f.createShorthandPropertyAssignment("expressions"),
              ],
              true,
            ),
          ],
        ),
      ),
    ],
    true,
  );
  const fn = f.createFunctionDeclaration(
    [f.createModifier(ts.SyntaxKind.ExportKeyword), f.createModifier(ts.SyntaxKind.DefaultKeyword)],
    undefined,
    "bundle",
    undefined,
    [f.createParameterDeclaration(undefined, undefined, RT, undefined, rtType("RuntimeApi"))],
    rtType("CompiledBundle"),
    body,
  );
  const header = ` Generated by orqc ${commentText(input.compilerVersion)} from ${commentText(program.units[program.root]!.path)} (inputs sha256 ${input.inputHash}). Do not edit.`;
  const withHeader = ts.addSyntheticLeadingComment(
    importDecl,
    ts.SyntaxKind.SingleLineCommentTrivia,
    header,
    true,
  );
  const file = f.createSourceFile(
    [withHeader, fn],
    f.createToken(ts.SyntaxKind.EndOfFileToken),
    ts.NodeFlags.None,
  );
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  const source = printer.printFile(file);
  return { source, expressions: texts.length, fallbacks };
}
