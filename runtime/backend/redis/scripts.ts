// The Lua scripts behind every multi-key or check-and-set change on Redis.
// Each runs atomically; all KEYS of one script share a hash tag (see keys.ts),
// so they also run on Redis Cluster. Named `<op>-<nKeys>` like BullMQ's.

export interface LuaScript {
  readonly name: string;
  readonly numberOfKeys: number;
  readonly lua: string;
}

/**
 * createExecution-1: KEYS[1] execution hash; ARGV field, value, ... pairs.
 * Writes the hash only when it does not exist. Returns 1 when created, 0 when
 * the id was taken (the caller then reads the stored record).
 */
export const createExecution: LuaScript = {
  name: "orqcCreateExecution",
  numberOfKeys: 1,
  lua: `
if redis.call("EXISTS", KEYS[1]) == 1 then return 0 end
redis.call("HSET", KEYS[1], unpack(ARGV))
return 1`,
};

/** The body of updateExecution and patchExecution; `answer(outcome)` is what each returns. */
function updateLua(answer: (outcome: string) => string): string {
  return `
if redis.call("EXISTS", KEYS[1]) == 0 then return ${answer("-1")} end
local n = tonumber(ARGV[2])
if n > 0 then
  local status = redis.call("HGET", KEYS[1], "status")
  local allowed = false
  for i = 3, 2 + n do
    if ARGV[i] == status then allowed = true end
  end
  if not allowed then return ${answer("0")} end
end
redis.call("HSET", KEYS[1], "updatedAt", ARGV[1])
if #ARGV > 2 + n then
  redis.call("HSET", KEYS[1], unpack(ARGV, 3 + n))
end
return ${answer("1")}`;
}

/**
 * updateExecution-1: KEYS[1] execution hash; ARGV[1] now (ms), ARGV[2] n =
 * number of allowed statuses (0 = any), ARGV[3..2+n] statuses, then field,
 * value pairs. Applies the pairs and updatedAt when the record exists and its
 * status is allowed. Returns {1 applied | 0 refused (status) | -1 missing,
 * the record's fields after the call (HGETALL, flat)}.
 */
export const updateExecution: LuaScript = {
  name: "orqcUpdateExecution",
  numberOfKeys: 1,
  lua: updateLua((outcome) =>
    outcome === "-1" ? "{-1, {}}" : `{${outcome}, redis.call("HGETALL", KEYS[1])}`,
  ),
};

/** patchExecution-1: updateExecution's arguments and change; returns only the outcome (1, 0 or -1). */
export const patchExecution: LuaScript = {
  name: "orqcPatchExecution",
  numberOfKeys: 1,
  lua: updateLua((outcome) => outcome),
};

/**
 * acquireLease-1: KEYS[1] lease key; ARGV[1] owner, ARGV[2] ttl (ms).
 * Takes or extends the lease unless another owner holds it. Returns 1 or 0.
 */
export const acquireLease: LuaScript = {
  name: "orqcAcquireLease",
  numberOfKeys: 1,
  lua: `
local cur = redis.call("GET", KEYS[1])
if cur and cur ~= ARGV[1] then return 0 end
redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
return 1`,
};

/** releaseLease-1: KEYS[1] lease key; ARGV[1] owner. Deletes it only if owned. */
export const releaseLease: LuaScript = {
  name: "orqcReleaseLease",
  numberOfKeys: 1,
  lua: `
if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("DEL", KEYS[1]) end
return 1`,
};

/**
 * recordStep-2: KEYS[1] journal hash, KEYS[2] arrival-order list; ARGV[1]
 * step id, ARGV[2] entry JSON. Set-if-absent plus the order append, together:
 * exactly one writer per step id. Returns {1, seq} when written, {0, seq,
 * stored entry JSON} when the step was already recorded.
 */
export const recordStep: LuaScript = {
  name: "orqcRecordStep",
  numberOfKeys: 2,
  lua: `
if redis.call("HSETNX", KEYS[1], ARGV[1], ARGV[2]) == 1 then
  local n = redis.call("RPUSH", KEYS[2], ARGV[1])
  return {1, n - 1}
end
local seq = redis.call("LPOS", KEYS[2], ARGV[1])
return {0, seq or -1, redis.call("HGET", KEYS[1], ARGV[1])}`,
};

/**
 * takeDueTimers-1: KEYS[1] timers sorted set (score = due ms); ARGV[1] now,
 * ARGV[2] limit. Removes and returns the due members with their scores, so
 * two pollers never fire the same timer.
 */
export const takeDueTimers: LuaScript = {
  name: "orqcTakeDueTimers",
  numberOfKeys: 1,
  lua: `
local due = redis.call("ZRANGEBYSCORE", KEYS[1], "-inf", ARGV[1], "WITHSCORES", "LIMIT", 0, tonumber(ARGV[2]))
for i = 1, #due, 2 do redis.call("ZREM", KEYS[1], due[i]) end
return due`,
};

/**
 * kvSet-2: KEYS[1] item key, KEYS[2] scope index; ARGV[1] item JSON, ARGV[2]
 * ttl ms (0 = none), ARGV[3] name. Writes the item and indexes its name.
 */
export const kvSet: LuaScript = {
  name: "orqcKvSet",
  numberOfKeys: 2,
  lua: `
if tonumber(ARGV[2]) > 0 then
  redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
else
  redis.call("SET", KEYS[1], ARGV[1])
end
redis.call("ZADD", KEYS[2], 0, ARGV[3])
return 1`,
};

/** kvDelete-2: KEYS[1] item key, KEYS[2] scope index; ARGV[1] name. Returns 1 if the item existed. */
export const kvDelete: LuaScript = {
  name: "orqcKvDelete",
  numberOfKeys: 2,
  lua: `
local n = redis.call("DEL", KEYS[1])
redis.call("ZREM", KEYS[2], ARGV[1])
return n`,
};

export const ALL_SCRIPTS: readonly LuaScript[] = [
  createExecution,
  updateExecution,
  acquireLease,
  releaseLease,
  recordStep,
  takeDueTimers,
  kvSet,
  kvDelete,
];
