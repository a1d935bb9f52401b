// Writes a small StackStorm pack with Python actions into a temp folder, for
// the python-script tests and bench/runners.ts.

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestPack {
  readonly root: string;
  readonly packDir: string;
  action(name: string): string;
}

const ACTIONS: Record<string, string> = {
  "greet.py": `
import os
from st2common.runners.base_action import Action

class Greet(Action):
    def run(self, name, punctuation="!"):
        print("greeting %s" % name)
        self.logger.info("about to greet")
        return {"text": "%s, %s%s" % (self.config["greeting"], name, punctuation),
                "region": self.config["api"]["region"], "pid": os.getpid()}
`,
  "env.py": `
import os
from st2common.runners.base_action import Action

class Env(Action):
    def run(self, set_name=None, drop_name=None):
        seen = {k: os.environ.get(k) for k in ("ORQC_T_PARAM", "ORQC_T_SELF", "HOME")}
        if set_name:
            os.environ[set_name] = "set by the action"
        if drop_name:
            del os.environ[drop_name]
        return {"seen": seen, "pid": os.getpid()}
`,
  "kv.py": `
from st2common.runners.base_action import Action

class Counter(Action):
    def run(self, key):
        current = self.action_service.get_value(key, local=False)
        n = int(current or 0) + 1
        self.action_service.set_value(key, n, local=False)
        self.action_service.set_value("seen", "yes")
        local = self.action_service.get_value("seen")
        secret = self.action_service.get_value("token", local=False, decrypt=True)
        listed = [i.name for i in self.action_service.list_values(local=False, prefix="count")]
        gone = self.action_service.delete_value("seen")
        return {"n": n, "local": local, "secret": secret, "listed": listed, "deleted": gone}
`,
  "status.py": `
from st2common.runners.base_action import Action

class Status(Action):
    def run(self, ok):
        return (ok, {"asked": ok})
`,
  "boom.py": `
from st2common.runners.base_action import Action

class Boom(Action):
    def run(self):
        print("before")
        raise ValueError("it broke")
`,
  "slow.py": `
import time
from st2common.runners.base_action import Action

class Slow(Action):
    def run(self, seconds):
        time.sleep(seconds)
        return "done"
`,
  "window.py": `
import time
from st2common.runners.base_action import Action

class Window(Action):
    def run(self, seconds):
        start = time.time()
        time.sleep(seconds)
        return [start, time.time()]
`,
  "legacy.py": `
from st2actions.runners.pythonrunner import Action
from lib.helpers import double

class Legacy(Action):
    def run(self, x):
        return double(x)
`,
  "exits.py": `
import sys
from st2common.runners.base_action import Action

class Exits(Action):
    def run(self, code):
        sys.exit(code)
`,
  "noop.py": `
from st2common.runners.base_action import Action

class Noop(Action):
    def run(self):
        return None
`,
};

export function writeTestPack(pack = "pytest"): TestPack {
  const root = mkdtempSync(join(tmpdir(), "orqc-pypack-"));
  const packDir = join(root, "packs", pack);
  mkdirSync(join(packDir, "actions", "lib"), { recursive: true });
  mkdirSync(join(root, "configs"), { recursive: true });
  for (const [file, body] of Object.entries(ACTIONS))
    writeFileSync(join(packDir, "actions", file), body.trimStart());
  writeFileSync(join(packDir, "actions", "lib", "__init__.py"), "");
  writeFileSync(join(packDir, "actions", "lib", "helpers.py"), "def double(x):\n    return x * 2\n");
  writeFileSync(join(packDir, "pack.yaml"), `ref: ${pack}\nname: ${pack}\nversion: 0.1.0\n`);
  writeFileSync(
    join(packDir, "config.schema.yaml"),
    [
      "greeting:",
      "  type: string",
      "  default: Hello",
      "api:",
      "  type: object",
      "  properties:",
      "    region:",
      "      type: string",
      "      default: eu-west-1",
      "    token:",
      "      type: string",
      "      secret: true",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(root, "configs", `${pack}.yaml`),
    'api:\n  token: "{{ st2kv.system.api_token | decrypt_kv }}"\n',
  );
  return { root, packDir, action: (name) => join(packDir, "actions", name) };
}
