import { createHash } from "node:crypto";

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * The value as it will come back from a `jsonb` column: `Date`s become ISO strings,
 * `undefined` properties disappear, class instances become plain objects. Stored payloads are
 * normalised first so that what is hashed is exactly what is stored.
 */
export function toJsonValue(value: unknown): JsonValue {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError("value cannot be represented as JSON");
  return JSON.parse(text) as JsonValue;
}

/**
 * Canonical JSON text: object keys sorted by code unit, no whitespace, numbers and strings as
 * `JSON.stringify` writes them. Equal JSON values always give the same text, whatever the key
 * order a driver or `jsonb` returns them in.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value))
      throw new TypeError("non-finite number in JSON");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(",")}}`;
}

/** Lower-case hex SHA-256 of UTF-8 text or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
