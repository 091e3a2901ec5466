import { z } from "zod";
import { isQualityRuleId, QUALITY_RULE_IDS, type QualityRuleId } from "./rules";

/**
 * The quality coach settings form: a checkbox per rule, sent as the rules left on. What is stored is the rules
 * switched off, so a rule added later starts on for every organisation.
 */
export const QualityRulesSchema = z
  .object({
    enabledRules: z
      .array(z.string({ error: "Choose rules from the list" }).max(64, "Choose rules from the list"), { error: "Choose rules from the list" })
      .max(QUALITY_RULE_IDS.length * 2, "Choose rules from the list")
      .superRefine((ids, ctx) => {
        const unknown = ids.filter((id) => !isQualityRuleId(id));
        if (unknown.length) ctx.addIssue({ code: "custom", message: `Not a quality coach rule: ${unknown.map((id) => `“${id}”`).join(", ")}` });
      })
      .default([]),
  })
  .transform(({ enabledRules }) => ({ disabledRules: QUALITY_RULE_IDS.filter((id) => !enabledRules.includes(id)) as QualityRuleId[] }));
export type QualityRulesInput = z.output<typeof QualityRulesSchema>;
