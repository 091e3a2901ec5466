import type { z } from "zod";

/** A page's search parameters as Next.js hands them over. */
export type RawAddress = Record<string, string | string[] | undefined>;

/** One schema per parameter the page reads; each message should name the parameter, since it is shown as is. */
export type AddressSchemas = Record<string, z.ZodType>;

export type AddressValues<S extends AddressSchemas> = { [K in keyof S]?: z.output<S[K]> };

export interface ParsedAddress<S extends AddressSchemas> {
  values: AddressValues<S>;
  /** One sentence per value that was left out, to show with `AddressProblems`. */
  problems: string[];
}

/**
 * Reads a page's address one parameter at a time, so a stale or hand-edited link still shows the page: a value its
 * schema refuses is left out and explained, and the others apply. An empty value counts as absent (a form's "All
 * teams" option sends `team=`), a repeated parameter counts by its first value, and parameters without a schema
 * are not read at all.
 */
export function parseAddress<S extends AddressSchemas>(schemas: S, raw: RawAddress): ParsedAddress<S> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, schema] of Object.entries(schemas)) {
    const given = raw[key];
    const value = Array.isArray(given) ? given[0] : given;
    if (value === undefined || value === "") continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) values[key] = parsed.data;
    else problems.push(parsed.error.issues[0]?.message ?? `${key} is not valid`);
  }
  return { values: values as AddressValues<S>, problems };
}
