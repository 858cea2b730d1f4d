/**
 * Deterministic randomness: every case, customer and staff member draws from its own stream,
 * seeded by (seed, kind, index), so any range of cases can be generated on its own (in a
 * worker, or as the next 90,000 on top of the first 10,000) and always comes out the same.
 */

/** 32-bit FNV-1a over the parts, then mixed: a seed for one entity's stream. */
export function seedOf(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** A small fast generator (sfc32) with the helpers the generator needs. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 12; i++) this.next();
  }

  static of(...parts: Array<string | number>): Random {
    return new Random(seedOf(...parts));
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of the keys, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as Array<[K, number]>;
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries.at(-1)![0];
  }

  /** A version-4-shaped UUID from this stream (deterministic, not secret). */
  uuid(): string {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
    const a = hex(this.next() * 4294967296);
    const b = hex(this.next() * 4294967296);
    const c = hex(this.next() * 4294967296);
    const d = hex(this.next() * 4294967296);
    const variant = ((parseInt(c[0]!, 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
}

/**
 * A version-4-shaped UUID for entity `index` of a kind: a prefix from (seed, kind) and the index
 * itself in the last 12 hex digits, so two indexes never share an id. Drawing ids from a
 * stream seeded by 32 bits (`Random.of(...).uuid()`) collides by the birthday bound: at a
 * million customers, dozens of them did (a COPY failed on customers_pkey).
 */
export function idOf(seed: number, kind: string, index: number): string {
  if (!Number.isSafeInteger(index) || index < 0 || index >= 2 ** 48) throw new RangeError(`an id index must be a whole number below 2^48, not ${index}`);
  const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(8, "0").slice(8 - width);
  const a = seedOf(seed, kind, "id-a");
  const b = seedOf(seed, kind, "id-b");
  const variant = (8 | (b >>> 28) & 0x3).toString(16);
  return `${hex(a, 8)}-${hex(b, 4)}-4${hex(b >>> 16, 3)}-${variant}${hex(b >>> 4, 3)}-${index.toString(16).padStart(12, "0")}`;
}

