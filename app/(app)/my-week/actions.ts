"use server";

import { recordCheckIns } from "@/lib/checkins/mutations";
import { MyWeekSchema } from "@/lib/checkins/schemas";
import { defineAction } from "@/lib/http/action";
import type { Confidence } from "@/lib/generated/prisma/enums";

export interface SavedCheckIn {
  keyResultId: string;
  value: string;
  confidence: Confidence;
  version: number;
  progress: string;
}

/** Saves every filled row of "my week" in one transaction: all of them, or none with the reasons per row. */
export const saveMyWeekAction = defineAction({
  permission: "checkin.create",
  schema: MyWeekSchema,
  run: async ({ actor, input }): Promise<SavedCheckIn[]> => {
    const saved = await recordCheckIns(actor, input.entries, { field: (i, name) => `entries.${i}.${name}` });
    return saved.map((s) => ({ keyResultId: s.keyResultId, value: s.value, confidence: s.confidence, version: s.version, progress: s.keyResultProgress }));
  },
  message: (saved) => `${saved.length} check-in${saved.length === 1 ? "" : "s"} saved`,
});
