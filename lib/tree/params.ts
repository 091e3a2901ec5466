import { z } from "zod";
import { CONFIDENCES, STATES } from "./payload";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** The tree page's URL. Each filter is checked on its own, so one bad value is reported and the rest still apply. */
export const TREE_PARAMS = {
  q: z.string().max(100, "the search is at most 100 characters"),
  team: z.uuid({ error: "team is not a team id" }),
  owner: z.uuid({ error: "owner is not a person's id" }),
  state: z.enum(STATES, { error: `state must be one of ${STATES.join(", ")}` }),
  confidence: z.enum(CONFIDENCES, { error: `confidence must be one of ${CONFIDENCES.join(", ")}` }),
  colour: z.enum(["progress", "confidence"], { error: "colour must be progress or confidence" }),
  level: z.coerce.number({ error: "level must be a number" }).int("level must be a whole number").min(0, "level is at least 0").max(10, "level is at most 10"),
  selected: z.uuid({ error: "selected is not an objective id" }),
} as const;

type Parsed = { [K in keyof typeof TREE_PARAMS]?: z.output<(typeof TREE_PARAMS)[K]> };

export function parseTreeParams(raw: Record<string, string | string[] | undefined>): { values: Parsed; problems: string[] } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, schema] of Object.entries(TREE_PARAMS)) {
    const value = one(raw[key]);
    if (value === undefined || value === "") continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) values[key] = parsed.data;
    else problems.push(parsed.error.issues[0]?.message ?? `${key} is not valid`);
  }
  return { values: values as Parsed, problems };
}
