import { z } from "zod";
import { idSchema, safeString } from "@/lib/http/schemas";
import { parseAddress, type ParsedAddress, type RawAddress } from "@/lib/http/address";
import { CONFIDENCES, STATES } from "./payload";

/** The tree page's URL. Each filter is checked on its own, so one bad value is reported and the rest still apply. */
export const TREE_PARAMS = {
  q: safeString().max(100, "the search is at most 100 characters"),
  team: idSchema("team is not a team id"),
  owner: idSchema("owner is not a person's id"),
  state: z.enum(STATES, { error: `state must be one of ${STATES.join(", ")}` }),
  confidence: z.enum(CONFIDENCES, { error: `confidence must be one of ${CONFIDENCES.join(", ")}` }),
  colour: z.enum(["progress", "confidence"], { error: "colour must be progress or confidence" }),
  level: z.coerce.number({ error: "level must be a number" }).int("level must be a whole number").min(0, "level is at least 0").max(10, "level is at most 10"),
  selected: idSchema("selected is not an objective id"),
} as const;

export function parseTreeParams(raw: RawAddress): ParsedAddress<typeof TREE_PARAMS> {
  return parseAddress(TREE_PARAMS, raw);
}
