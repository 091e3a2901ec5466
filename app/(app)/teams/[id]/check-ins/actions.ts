"use server";

import { nudgeToCheckIn } from "@/lib/checkins/nudge";
import { NudgeSchema } from "@/lib/checkins/schemas";
import { defineAction } from "@/lib/http/action";

/** A lead asks one person for this week's check-in; the mail goes out through the outbox. */
export const nudgeAction = defineAction({
  permission: "checkin.nudge",
  schema: NudgeSchema,
  run: async ({ actor, input }) => nudgeToCheckIn(actor, input),
  message: (result) => `Nudged ${result.name}`,
});
