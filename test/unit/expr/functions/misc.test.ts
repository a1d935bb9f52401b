import { describe, expect, it } from "vitest";
import { PyFloat } from "../../../../runtime/stdlib/py/value";
import { call, raises } from "./helpers";

describe("to_human_time_from_seconds", () => {
  it("formats like StackStorm", () => {
    expect(call("to_human_time_from_seconds", [12345])).toBe("3h25m45s");
    expect(call("to_human_time_from_seconds", [3725])).toBe("1h2m5s");
    expect(call("to_human_time_from_seconds", [0])).toBe("0s");
    expect(call("to_human_time_from_seconds", [59])).toBe("59s");
    expect(call("to_human_time_from_seconds", [0.5])).toBe("0.5\u03bcs");
    expect(call("to_human_time_from_seconds", [new PyFloat(2.5)])).toBe("2s");
    expect(call("to_human_time_from_seconds", [40 * 86400])).toBe("9d0h0m0s");
    expect(call("to_human_time_from_seconds", [365 * 86400 + 1])).toBe("1y0d0h0m1s");
    expect(call("to_human_time_from_seconds", [366 * 86400])).toBe("1y1d0h0m0s");
    expect(raises(() => call("to_human_time_from_seconds", ["5"]))).toBe("AssertionError");
  });
});

describe("basename / dirname", () => {
  it("splits POSIX paths", () => {
    expect(call("basename", ["/var/log/app.log"])).toBe("app.log");
    expect(call("dirname", ["/var/log/app.log"])).toBe("/var/log");
    expect(call("dirname", ["/app"])).toBe("/");
    expect(call("dirname", ["app"])).toBe("");
    expect(call("basename", ["/var/log/"])).toBe("");
  });
});

describe("use_none", () => {
  it("maps None to the magic string", () => {
    expect(call("use_none", [null])).toBe("%*****__%NONE%__*****%");
    expect(call("use_none", ["x"])).toBe("x");
  });
});

describe("version functions (semver)", () => {
  it("compares", () => {
    expect(call("version_compare", ["1.10.2", "1.9.0"])).toBe(1);
    expect(call("version_compare", ["1.0.0", "1.0.0"])).toBe(0);
    expect(call("version_compare", ["1.0.0-alpha", "1.0.0"])).toBe(-1);
    expect(call("version_compare", ["1.0.0-alpha.2", "1.0.0-alpha.10"])).toBe(-1);
    expect(call("version_more_than", ["0.9.0", "0.10.0"])).toBe(false);
    expect(call("version_less_than", ["0.9.0", "0.10.0"])).toBe(true);
    expect(call("version_equal", ["1.0.0+b1", "1.0.0"])).toBe(true);
  });
  it("matches expressions", () => {
    expect(call("version_match", ["0.10.1", ">0.10.0"])).toBe(true);
    expect(call("version_match", ["1.10.2", "<=1.0.0"])).toBe(false);
    expect(call("version_match", ["1.0.0", "1.0.0"])).toBe(true);
    expect(call("version_match", ["1.0.0", "!=1.0.0"])).toBe(false);
    expect(raises(() => call("version_match", ["1.0.0", "~1.0.0"]))).toBe("ValueError");
  });
  it("bumps and strips", () => {
    expect(call("version_bump_major", ["0.10.0"])).toBe("1.0.0");
    expect(call("version_bump_minor", ["0.10.0"])).toBe("0.11.0");
    expect(call("version_bump_patch", ["0.10.0-rc.1"])).toBe("0.10.1");
    expect(call("version_strip_patch", ["1.10.2"])).toBe("1.10");
    expect(raises(() => call("version_bump_major", ["1.0"]))).toBe("ValueError");
  });
});
