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
let lastMs = NaN;
let lastTime = "";

export function uuidV7(random: Random, at: Date): string {
  // Ten million check-ins need two ids each (made at the same instant): the hex is written straight from numbers,
  // and the time part is kept for the next id.
  const ms = at.getTime();
  if (ms !== lastMs) {
    let rest = ms;
    let time = "";
    for (let i = 0; i < 6; i++) {
      time = HEX[rest % 256]! + time;
      rest = Math.floor(rest / 256);
    }
    lastMs = ms;
    lastTime = `${time.slice(0, 8)}-${time.slice(8)}-`;
  }
  const r0 = Math.floor(random() * 65536);
  const r1 = Math.floor(random() * 65536);
  const r2 = Math.floor(random() * 65536);
  const r3 = Math.floor(random() * 65536);
  const r4 = Math.floor(random() * 65536);
  return (
    lastTime +
    HEX[0x70 | ((r0 >>> 8) & 0x0f)]! + HEX[r0 & 0xff]! + "-" +
    HEX[0x80 | ((r1 >>> 8) & 0x3f)]! + HEX[r1 & 0xff]! + "-" +
    HEX[r2 >>> 8]! + HEX[r2 & 0xff]! + HEX[r3 >>> 8]! + HEX[r3 & 0xff]! + HEX[r4 >>> 8]! + HEX[r4 & 0xff]!
  );
}
