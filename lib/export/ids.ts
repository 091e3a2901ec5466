import { randomBytes } from "node:crypto";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * New ids for an import: UUID version 7 (as Keel's own), one millisecond for the whole import and a counter in the
 * bits after it, so each id sorts after the one before. Rows keep the order of the file: exported again, a table
 * comes out in the same order, which is what lets the round trip compare two exports row by row.
 */
export function orderedIds(now = Date.now()): () => string {
  const time = now.toString(16).padStart(12, "0").slice(-12);
  let counter = 0n;
  return () => {
    // 74 bits after the version: the counter's 40 bits on top, 34 random bits below.
    const random = BigInt(`0x${randomBytes(5).toString("hex")}`) & ((1n << 34n) - 1n);
    const bits = (counter << 34n) | random;
    counter++;
    const randA = bits >> 62n;
    const randB = bits & ((1n << 62n) - 1n);
    const high = (0x8000n | (randB >> 48n)).toString(16);
    const low = (randB & ((1n << 48n) - 1n)).toString(16).padStart(12, "0");
    return `${time.slice(0, 8)}-${time.slice(8)}-7${randA.toString(16).padStart(3, "0")}-${high}-${low}`;
  };
}
