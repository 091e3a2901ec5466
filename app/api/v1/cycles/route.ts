import { z } from "zod";
import { createCycle } from "@/lib/cycles/mutations";
import { CreateCycleSchema } from "@/lib/cycles/schemas";
import { serializeCycle } from "@/lib/cycles/serialize";
import { listCyclesPage } from "@/lib/cycles/queries";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { PaginationSchema } from "@/lib/http/pagination";

const ListQuery = PaginationSchema.extend({ state: z.enum(["planning", "active", "closed"]).optional() });

export const GET = defineRoute({
  permission: "cycle.read",
  query: ListQuery,
  run: async ({ actor, query }) => listCyclesPage(actor, query),
});

export const POST = defineRoute({
  permission: "cycle.manage",
  body: CreateCycleSchema,
  status: 201,
  run: async ({ actor, body }) => serializeCycle(await createCycle(actor, body)),
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
