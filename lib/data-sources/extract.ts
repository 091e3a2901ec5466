/**
 * Turning what a data source answered into the one number a key result records, or saying plainly why not. Pure, so
 * every refusal is unit-tested: a source that yields no single number never writes a value.
 */
export type Extracted = { ok: true; value: string } | { ok: false; error: string };

const MAX_DIGITS = 16;

/** A finite number (or numeric text) as an exact decimal with at most 4 places, as check-ins store it. */
export function toDecimal(raw: unknown, where: string): Extracted {
  const text = typeof raw === "number" ? (Number.isFinite(raw) ? String(raw) : "") : typeof raw === "string" ? raw.trim() : "";
  if (typeof raw !== "number" && typeof raw !== "string") return { ok: false, error: `${where} is ${describe(raw)}, not a number` };
  const number = Number(text);
  if (text === "" || !Number.isFinite(number)) return { ok: false, error: `${where} is ${JSON.stringify(raw)}, not a number` };
  const rounded = Math.round(number * 10_000) / 10_000;
  const fixed = rounded.toFixed(4).replace(/\.?0+$/, "");
  if (fixed.replace(/^-/, "").split(".")[0]!.length > MAX_DIGITS) return { ok: false, error: `${where} is ${text}, too large for a key result (at most ${MAX_DIGITS} digits)` };
  return { ok: true, value: fixed === "-0" ? "0" : fixed };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "missing";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return typeof value === "object" ? "an object" : typeof value;
}

/** RFC 6901: "/data/0/count" reads data[0].count; "" is the whole document. */
export function numberAtPointer(document: unknown, pointer: string): Extracted {
  if (pointer !== "" && !pointer.startsWith("/")) return { ok: false, error: `The JSON pointer must start with "/", like /data/total` };
  let node: unknown = document;
  let path = "";
  for (const raw of pointer === "" ? [] : pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    path += `/${raw}`;
    if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(key) && Number(key) < node.length) node = node[Number(key)];
    else if (node && typeof node === "object" && !Array.isArray(node) && Object.prototype.hasOwnProperty.call(node, key)) node = (node as Record<string, unknown>)[key];
    else return { ok: false, error: `Nothing at ${path} in the answer` };
  }
  return toDecimal(node, pointer === "" ? "The answer" : `The value at ${pointer}`);
}

/** A Prometheus instant query's answer: one series (or a scalar), whose value becomes the number. */
export function numberFromPrometheus(body: unknown): Extracted {
  const answer = body as { status?: string; error?: string; data?: { resultType?: string; result?: unknown } };
  if (answer?.status !== "success") return { ok: false, error: `Prometheus answered ${answer?.status ?? "something else"}${answer?.error ? `: ${answer.error}` : ""}` };
  const { resultType, result } = answer.data ?? {};
  if (resultType === "scalar" && Array.isArray(result)) return toDecimal(result[1], "The scalar");
  if (resultType !== "vector" || !Array.isArray(result)) return { ok: false, error: `The query gave a ${resultType ?? "result"} of no single number; use an instant vector or a scalar` };
  if (result.length !== 1) return { ok: false, error: `The query gave ${result.length} series; a key result needs exactly one (aggregate it, e.g. sum(...))` };
  const sample = (result[0] as { value?: unknown[] }).value;
  return toDecimal(Array.isArray(sample) ? sample[1] : undefined, "The series' value");
}

/** A SQL query's rows: exactly one row of one column. */
export function numberFromRows(rows: Record<string, unknown>[], columnCount: number): Extracted {
  if (rows.length !== 1) return { ok: false, error: `The query returned ${rows.length} rows; it must return exactly one row with one number` };
  if (columnCount !== 1) return { ok: false, error: `The query returned ${columnCount} columns; it must return exactly one` };
  return toDecimal(Object.values(rows[0]!)[0], "The query's value");
}
