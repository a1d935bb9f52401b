// Action runners: StackStorm's runner types with their parameters and result
// shapes. Use RunnerRegistry.runAction from the engine.

export { echoRunner } from "./echo";
export { httpRequestRunner } from "./http-request";
export { closeSharedLauncher, ProcessLauncher } from "./launcher/launcher";
export { localShellCmdRunner } from "./local-shell-cmd";
export { localShellScriptRunner } from "./local-shell-script";
export { type NodeActionContext, nodejsRunner } from "./nodejs";
export { noopRunner } from "./noop";
export { loadPackConfig, PackConfigError, type PackConfigOptions, withSchemaDefaults } from "./pack-config";
export { closeSharedPythonPool, PythonPool, type PythonPoolOptions, sharedPythonPool } from "./python/pool";
export { pythonScriptRunner } from "./python-script";
export { BUILTIN_RUNNERS, RunnerRegistry } from "./registry";
export { remoteShellCmdRunner } from "./remote-shell-cmd";
export { remoteShellScriptRunner } from "./remote-shell-script";
export * from "./runner-params";
export { shellResult, shellStatus, stripShellChars, tryJson } from "./shell-result";
export * from "./types";
