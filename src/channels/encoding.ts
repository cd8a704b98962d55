import { createHash } from "node:crypto";

// Evolution <= 2.3.5 serialises protobuf bytes as base64 strings and int64 as
// decimal strings; >= 2.3.6 sends Uint8Array-as-object ({"0":12,...}) and
// long.js objects ({low, high, unsigned}). Both must decode to the same value.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isByte(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 255;
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Decodes any of the byte encodings seen in webhooks; null when not bytes. */
export function decodeBytes(value: unknown): Buffer | null {
  if (value == null) return null;
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (typeof value === "string") {
    const compact = value.replace(/\s+/g, "");
    if (compact.length % 4 === 1 || !BASE64.test(compact)) return null;
    return Buffer.from(compact, compact.includes("-") || compact.includes("_") ? "base64url" : "base64");
  }
  if (Array.isArray(value)) return value.every(isByte) ? Buffer.from(value) : null;
  if (isObject(value)) {
    // Node's Buffer#toJSON shape.
    if (value.type === "Buffer" && Array.isArray(value.data)) return decodeBytes(value.data);
    const keys = Object.keys(value);
    const out = Buffer.alloc(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const byte = value[String(i)];
      if (!isByte(byte)) return null; // keys must be exactly 0..n-1
      out[i] = byte;
    }
    return out;
  }
  return null;
}

/** Decodes an int64 (number, decimal string, bigint, long.js object) to a number. */
export function decodeLong(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string") return /^-?\d{1,20}$/.test(value.trim()) ? Number(value.trim()) : null;
  if (isObject(value) && typeof value.low === "number" && typeof value.high === "number") {
    const low = BigInt(value.low >>> 0);
    const high = value.unsigned === true ? BigInt(value.high >>> 0) : BigInt(value.high | 0);
    return Number((high << 32n) | low);
  }
  return null;
}

/** Epoch seconds (any int64 encoding) → Date, or null. */
export function decodeEpochSeconds(value: unknown): Date | null {
  const seconds = decodeLong(value);
  if (seconds === null || seconds <= 0) return null;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function str(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function num(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return decodeLong(value);
}

/** Deterministic JSON (sorted keys) so equal bodies hash equally whatever the key order. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (isObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => value[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function shortHash(value: unknown): string {
  return createHash("sha256").update(stableStringify(value)).digest("hex").slice(0, 24);
}

/** Short digest of a raw body: the key of a dead letter that has no id of its own. */
export function bodyHash(raw: Buffer): string {
  return createHash("sha256").update(raw).digest("hex").slice(0, 32);
}
