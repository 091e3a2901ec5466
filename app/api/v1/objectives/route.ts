import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { PaginationSchema } from "@/lib/http/pagination";
import { createObjective } from "@/lib/objectives/mutations";
import { listObjectives } from "@/lib/objectives/queries";
import { CreateObjectiveSchema, ListObjectivesQuerySchema } from "@/lib/objectives/schemas";
import { serializeObjective } from "@/lib/objectives/serialize";

export const GET = defineRoute({
  permission: "objective.read",
  query: ListObjectivesQuerySchema.extend(PaginationSchema.shape),
  run: async ({ actor, query }) => listObjectives(actor.orgId, query),
});

export const POST = defineRoute({
  permission: "objective.create",
  body: CreateObjectiveSchema,
  status: 201,
  run: async ({ actor, body }) => serializeObjective(await createObjective(actor, body)),
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
