import { createHash } from "node:crypto";

export { prng, type Random } from "../../lib/seeded-random";
import type { Random } from "../../lib/seeded-random";

/** A 32-bit seed for a named stream, so each kind of row draws from its own sequence and adding one never shifts another. */
export function streamSeed(seed: number, label: string): number {
  return createHash("sha256").update(`keel-bench:${seed}:${label}`).digest().readUInt32BE(0);
}

/** A cheap seed for the n-th item of a stream (hundreds of thousands of key results need one each). */
export function itemSeed(base: number, n: number): number {
  let h = (base ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export function between(random: Random, min: number, max: number): number {
  return min + random() * (max - min);
}

/** A whole number from min to max, both included. */
export function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  if (!items.length) throw new Error("pick from an empty list");
  return items[Math.floor(random() * items.length)]!;
}

/** Picks by weight: `weighted(r, [["a", 3], ["b", 1]])` gives "a" three times as often. */
export function weighted<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [value, w] of choices) {
    roll -= w;
    if (roll < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

/** Fisher-Yates, in place. */
export function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * A UUID v7 (what the app's `uuid(7)` default makes): the creation time in its first 48 bits, so ids sort by
 * creation as the app's keyset pagination expects, and the rest from the seeded generator instead of the system's.
 */
export function uuidV7(random: Random, at: Date): string {
  const bytes = new Uint8Array(16);
  let ms = at.getTime();
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  for (let i = 6; i < 16; i += 2) {
    const r = Math.floor(random() * 65536);
    bytes[i] = r >>> 8;
    bytes[i + 1] = r & 0xff;
  }
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const h = Array.from(bytes, (b) => HEX[b]).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
