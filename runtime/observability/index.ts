export { createLogger, type Logger, type LoggerOptions, silentLogger } from "./logger";
export { createMetrics, type RuntimeMetrics, sampleQueueDepth } from "./metrics";
