"use server";

import { z } from "zod";
import { activateCycle, createCycle, setDefaultCycle, updateCycle } from "@/lib/cycles/mutations";
import { CreateCycleSchema, UpdateCycleSchema } from "@/lib/cycles/schemas";
import { defineAction } from "@/lib/http/action";
import { idSchema } from "@/lib/http/schemas";

const CycleIdSchema = z.object({ cycleId: idSchema("Choose a cycle") });

export const createCycleAction = defineAction({
  permission: "cycle.manage",
  schema: CreateCycleSchema,
  run: async ({ actor, input }) => {
    const cycle = await createCycle(actor, input);
    return { id: cycle.id, name: cycle.name };
  },
  message: (c) => `${c.name} created, in planning`,
});

export const updateCycleAction = defineAction({
  permission: "cycle.manage",
  schema: UpdateCycleSchema.and(CycleIdSchema),
  run: async ({ actor, input }) => {
    const { cycleId, ...changes } = input;
    const cycle = await updateCycle(actor, cycleId, changes);
    return { id: cycle.id };
  },
  message: "Cycle saved",
});

export const activateCycleAction = defineAction({
  permission: "cycle.manage",
  schema: CycleIdSchema,
  run: async ({ actor, input }) => (await activateCycle(actor, input.cycleId)).name,
  message: (name) => `${name} is active`,
});

export const setDefaultCycleAction = defineAction({
  permission: "cycle.manage",
  schema: CycleIdSchema,
  run: async ({ actor, input }) => (await setDefaultCycle(actor, input.cycleId)).name,
  message: (name) => `${name} is now the default view`,
});
