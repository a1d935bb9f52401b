// The launcher's program in Python, kept as text like the Node one
// (launcher-source.ts) and speaking the same protocol, with two differences:
// the first request is {op: "init", env} (the environment commands start
// from, so that whatever started the interpreter, a version manager's shim
// say, cannot change it), and a command's output comes back as bytes in
// base64 (stdout64, stderr64) that the parent decodes as it decodes output
// it reads itself.
//
// Why Python: Node starts a child with fork(), which costs the forking
// process several milliseconds of CPU even when it is small; CPython's
// subprocess uses vfork(), about a tenth of that. One thread per running
// command waits for it (communicate() reads both pipes without threads).

export const LAUNCHER_PY_SOURCE = String.raw`import base64, errno, json, os, signal, subprocess, sys, threading

lock = threading.Lock()
running = {}
killed = set()
base_env = {}
out = sys.stdout


def send(msg):
    line = json.dumps(msg) + "\n"
    with lock:
        try:
            out.write(line)
            out.flush()
        except (BrokenPipeError, ValueError):
            os._exit(0)


def env_of(diff):
    if not diff:
        return base_env
    env = dict(base_env)
    for name in diff.get("unset", []):
        env.pop(name, None)
    env.update(diff.get("set", {}))
    return env


def kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        try:
            proc.kill()
        except OSError:
            pass


def b64(data):
    return base64.b64encode(data).decode("ascii")


def run(req):
    rid = req["id"]
    try:
        proc = subprocess.Popen(
            [req["command"]] + list(req.get("args") or []),
            cwd=req.get("cwd"),
            env=env_of(req.get("env")),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as e:
        code = errno.errorcode.get(e.errno, "UNKNOWN") if e.errno else "UNKNOWN"
        send({"op": "done", "id": rid, "exitCode": 127, "stdout64": "", "stderr64": "",
              "error": "spawn " + req["command"] + " " + code})
        return
    with lock:
        running[rid] = proc
        kill_now = rid in killed
    if kill_now:
        kill_group(proc)
    stdout, stderr = proc.communicate((req.get("stdin") or "").encode("utf-8"))
    with lock:
        running.pop(rid, None)
        killed.discard(rid)
    send({"op": "done", "id": rid, "exitCode": proc.returncode, "stdout64": b64(stdout), "stderr64": b64(stderr)})


def main():
    global base_env
    ready = False
    for line in sys.stdin:
        req = json.loads(line)
        op = req.get("op")
        if op == "init" and not ready:
            base_env = {str(k): str(v) for k, v in req["env"].items()}
            ready = True
            send({"op": "ready"})
        elif op == "run" and ready:
            threading.Thread(target=run, args=(req,), daemon=True).start()
        elif op == "kill":
            with lock:
                proc = running.get(req["id"])
                if proc is None:
                    killed.add(req["id"])
            if proc is not None:
                kill_group(proc)
    with lock:
        procs = list(running.values())
    for proc in procs:
        kill_group(proc)
    os._exit(0)


main()
`;
