// commander's variadic options (`--packs <dirs...>`, `-p <key=value...>`) also
// take the words that follow them, so `orqc run --packs ./packs demo.main`
// reached the command with no target and failed with "missing required
// argument". When a command's positional argument is missing, the last word
// of such an option that cannot be one of its values (a --packs entry that is
// no folder, a -p entry without "=") is the positional the user meant.

import { statSync } from "node:fs";
import type { Command } from "commander";

/** A variadic option's values and the test of a value that belongs to it. */
export interface VariadicValues {
  readonly values: string[] | undefined;
  readonly belongs: (value: string) => boolean;
}

export const isFolder = (path: string): boolean =>
  statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;

export const isKeyValue = (word: string): boolean => word.includes("=");

/**
 * Takes the positional out of the options' values: the last value of the one
 * option whose last value does not belong to it (removed from its array).
 * Undefined when no option, or more than one, ends with such a word.
 */
export function reclaimPositional(options: readonly VariadicValues[]): string | undefined {
  const ending = options.filter((o) => {
    const last = o.values?.at(-1);
    return last !== undefined && !o.belongs(last);
  });
  if (ending.length !== 1) return undefined;
  return ending[0]!.values!.pop();
}

/** The missing positional `name`, reclaimed from the options; commander's usage error when none can be. */
export function requirePositional(
  command: Command,
  name: string,
  options: readonly VariadicValues[],
): string {
  const word = reclaimPositional(options);
  if (word === undefined)
    command.error(`error: missing required argument '${name}'`, { code: "commander.missingArgument" });
  return word;
}

/** `--packs` and `-p` of `orqc run` and `orqc rerun`. */
export const packsAndParams = (flags: { packs?: string[]; param?: string[] }): VariadicValues[] => [
  { values: flags.packs, belongs: isFolder },
  { values: flags.param, belongs: isKeyValue },
];
