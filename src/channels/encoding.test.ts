import { describe, expect, it } from "vitest";
import { decodeBytes, decodeEpochSeconds, decodeLong, shortHash, stableStringify } from "./encoding";

describe("decodeBytes", () => {
  const bytes = Buffer.from([0, 1, 127, 128, 200, 255, 12]);
  const asObject = Object.fromEntries([...bytes].map((b, i) => [String(i), b]));

  it("decodes the 2.3.6+ Uint8Array-as-object and the ≤2.3.5 base64 forms identically", () => {
    expect(decodeBytes(asObject)).toEqual(bytes);
    expect(decodeBytes(bytes.toString("base64"))).toEqual(bytes);
    expect(decodeBytes(bytes.toString("base64url"))).toEqual(bytes);
  });

  it("accepts arrays, Buffers, Uint8Arrays and Buffer#toJSON", () => {
    expect(decodeBytes([...bytes])).toEqual(bytes);
    expect(decodeBytes(bytes)).toBe(bytes);
    expect(decodeBytes(new Uint8Array(bytes))).toEqual(bytes);
    expect(decodeBytes(bytes.toJSON())).toEqual(bytes);
  });

  it("returns null for things that aren't bytes", () => {
    expect(decodeBytes(null)).toBeNull();
    expect(decodeBytes(undefined)).toBeNull();
    expect(decodeBytes(42)).toBeNull();
    expect(decodeBytes("not base64!")).toBeNull();
    expect(decodeBytes({ "0": 1, "2": 3 })).toBeNull(); // gap in indexes
    expect(decodeBytes({ "0": 256 })).toBeNull();
    expect(decodeBytes({ low: 1, high: 0 })).toBeNull();
    expect(decodeBytes([1, -1])).toBeNull();
  });
});

describe("decodeLong", () => {
  it("decodes numbers, decimal strings and long.js objects", () => {
    expect(decodeLong(1795023125)).toBe(1795023125);
    expect(decodeLong("1795023125")).toBe(1795023125);
    expect(decodeLong({ low: 1795023125, high: 0, unsigned: false })).toBe(1795023125);
    expect(decodeLong({ low: 23817, high: 0, unsigned: true })).toBe(23817);
    expect(decodeLong(10n)).toBe(10);
  });

  it("handles the low word's sign bit and the high word", () => {
    // long.js stores low/high as signed 32-bit ints.
    expect(decodeLong({ low: -1, high: 0, unsigned: true })).toBe(4294967295);
    expect(decodeLong({ low: -1294967296, high: 0, unsigned: false })).toBe(3000000000);
    expect(decodeLong({ low: 0, high: 1, unsigned: false })).toBe(4294967296);
    expect(decodeLong({ low: -1, high: -1, unsigned: false })).toBe(-1);
    expect(decodeLong({ low: 1, high: 2 })).toBe(2 * 4294967296 + 1);
  });

  it("returns null for non-integers", () => {
    expect(decodeLong(null)).toBeNull();
    expect(decodeLong("12a")).toBeNull();
    expect(decodeLong({ low: "1", high: 0 })).toBeNull();
    expect(decodeLong(Number.NaN)).toBeNull();
  });

  it("turns epoch seconds in any encoding into the same Date", () => {
    const expected = new Date("2026-11-18T17:32:05.000Z");
    expect(decodeEpochSeconds(1795023125)).toEqual(expected);
    expect(decodeEpochSeconds("1795023125")).toEqual(expected);
    expect(decodeEpochSeconds({ low: 1795023125, high: 0, unsigned: true })).toEqual(expected);
    expect(decodeEpochSeconds(0)).toBeNull();
    expect(decodeEpochSeconds(undefined)).toBeNull();
  });
});

describe("stable hashing", () => {
  it("ignores key order", () => {
    expect(stableStringify({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    expect(shortHash({ a: 1, b: 2 })).toBe(shortHash({ b: 2, a: 1 }));
    expect(shortHash({ a: 1 })).not.toBe(shortHash({ a: 2 }));
  });
});
