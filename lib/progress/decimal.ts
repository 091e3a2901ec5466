import DecimalJs from "decimal.js";

/** Our own Decimal constructor, so progress maths never depends on another library's global settings. */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;
export type DecimalInput = string | number | { toString(): string };

export function dec(value: DecimalInput): Decimal {
  return new Decimal(typeof value === "number" || typeof value === "string" ? value : value.toString());
}

export const ZERO = new Decimal(0);
export const HUNDRED = new Decimal(100);
