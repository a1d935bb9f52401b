// Structured logs (pino). Every record passes through the process's SecretSet
// before it is written, so a secret given to a runner never reaches a log.

import type { DestinationStream, Logger } from "pino";
import { lazyPackage } from "../lazy-package";
import { SecretSet } from "../secrets/mask";

const pinoPackage = lazyPackage<typeof import("pino")>("pino");

export type { Logger } from "pino";

export interface LoggerOptions {
  readonly name?: string;
  /** Default: ORQC_LOG_LEVEL or "info". */
  readonly level?: string;
  readonly secrets?: SecretSet;
  /** Default: stderr. */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = options.secrets ?? new SecretSet();
  const { pino } = pinoPackage();
  return pino(
    {
      name: options.name ?? "orqc",
      level: options.level ?? process.env.ORQC_LOG_LEVEL ?? "info",
      formatters: {
        log: (object) => secrets.maskValue(object),
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === "string" ? secrets.maskText(a) : a)) as typeof args;
          return method.apply(this, masked);
        },
      },
    },
    options.destination ?? pino.destination(2),
  );
}

/** A logger that writes nothing (library default). */
export function silentLogger(): Logger {
  return pinoPackage().pino({ level: "silent" });
}
