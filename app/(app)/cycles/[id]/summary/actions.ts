"use server";

import { carryForward } from "@/lib/carry-forward/mutations";
import { CarryForwardFormSchema } from "@/lib/carry-forward/schemas";
import { defineAction } from "@/lib/http/action";

export const carryForwardAction = defineAction({
  permission: "objective.create",
  schema: CarryForwardFormSchema,
  run: async ({ actor, input }) => carryForward(actor, input),
  message: (result) => {
    const count = result.carried.length;
    const lost = result.carried.filter((c) => c.alignment === "lost").length;
    return `${count} objective${count === 1 ? "" : "s"} carried into ${result.toCycle.name}${lost ? `; ${lost} lost ${lost === 1 ? "its" : "their"} alignment` : ""}`;
  },
});
