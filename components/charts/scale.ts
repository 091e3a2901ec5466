/** Small helpers shared by the hand-written SVG charts. */

export const DAY_MS = 24 * 60 * 60 * 1000;

export function dateMs(day: string): number {
  return new Date(`${day}T00:00:00Z`).getTime();
}

/** A linear map from a domain to a range; a zero-width domain maps to the middle of the range. */
export function linear(domain: [number, number], range: [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  return (value: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((value - d0) / (d1 - d0)) * (r1 - r0));
}

/** A y domain that holds every value with a little air above and below, so lines never touch the frame. */
export function paddedDomain(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return [0, 1];
  let min = Math.min(...finite);
  let max = Math.max(...finite);
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    return [min - pad, max + pad];
  }
  const pad = (max - min) * 0.08;
  // Values that are never negative (counts, percentages, money) keep the axis from dipping below zero.
  min = min >= 0 ? Math.max(0, min - pad) : min - pad;
  max += pad;
  return [min, max];
}

/** SVG path through points, "M x y L x y ...". */
export function linePath(points: readonly { x: number; y: number }[]): string {
  return points.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(" ");
}

/** A compact tick label: 8,000,000 -> 8M, 12,500 -> 12.5k, 99.95 -> 99.95. */
export function shortNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1_000_000) return `${+(value / 1_000_000).toFixed(abs >= 10_000_000 ? 1 : 2)}M`;
  if (abs >= 10_000) return `${+(value / 1000).toFixed(1)}k`;
  if (abs >= 100) return `${Math.round(value)}`;
  return `${+value.toFixed(2)}`;
}
