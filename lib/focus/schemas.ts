import { z } from "zod";
import { OrganizationNameSchema } from "@/lib/auth/schemas";

export const FOCUS_LIMIT_MIN = 1;
export const FOCUS_LIMIT_MAX = 50;

const LimitSchema = (what: string) => {
  const message = `${what}: enter a whole number from ${FOCUS_LIMIT_MIN} to ${FOCUS_LIMIT_MAX}`;
  return z.coerce.number({ error: message }).int(message).min(FOCUS_LIMIT_MIN, message).max(FOCUS_LIMIT_MAX, message);
};

/** The three focus limits an organisation sets; Keel warns (never refuses) when a team or a person goes past them. */
export const FocusLimitsSchema = z.object({
  maxObjectivesPerTeam: LimitSchema("Objectives per team"),
  maxKeyResultsPerObjective: LimitSchema("Key results per objective"),
  maxKeyResultsPerPerson: LimitSchema("Key results per person"),
});
export type FocusLimitsInput = z.output<typeof FocusLimitsSchema>;

/** The organisation settings form: its name and the focus limits, saved together. */
export const OrganizationSettingsSchema = FocusLimitsSchema.extend({ name: OrganizationNameSchema });
export type OrganizationSettingsInput = z.output<typeof OrganizationSettingsSchema>;
