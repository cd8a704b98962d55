import { describe, expect, it } from "vitest";
import { PrincipalCache } from "./principal-cache";

describe("PrincipalCache", () => {
  it("drops a tenant's entries on invalidation, and only that tenant's", () => {
    const c = new PrincipalCache<string>(60_000);
    c.set("u1", "t1", "a", c.epoch());
    c.set("u2", "t2", "b", c.epoch());
    c.invalidateTenant("t1");
    expect(c.get("u1")).toBeUndefined();
    expect(c.get("u2")).toBe("b");
  });

  it("does not store a check that began before an invalidation (a read racing a deactivation)", () => {
    const c = new PrincipalCache<string>(60_000);
    const started = c.epoch();
    c.invalidateTenant("t1"); // the deactivation commits while the read is in flight
    c.set("u1", "t1", "active", started);
    expect(c.get("u1")).toBeUndefined();
  });

  it("expires entries after the TTL and is off with a TTL of 0", () => {
    const c = new PrincipalCache<string>(1_000);
    c.set("u1", "t1", "a", c.epoch());
    expect(c.get("u1", Date.now() + 2_000)).toBeUndefined();
    const off = new PrincipalCache<string>(0);
    off.set("u1", "t1", "a", off.epoch());
    expect(off.get("u1")).toBeUndefined();
  });
});
