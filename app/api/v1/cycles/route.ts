import { z } from "zod";
import { createCycle } from "@/lib/cycles/mutations";
import { CreateCycleSchema } from "@/lib/cycles/schemas";
import { serializeCycle } from "@/lib/cycles/serialize";
import { db } from "@/lib/db/prisma";
import { defineRoute } from "@/lib/http/route";
import { pageArgs, PaginationSchema, toPage } from "@/lib/http/pagination";

const ListQuery = PaginationSchema.extend({ state: z.enum(["planning", "active", "closed"]).optional() });

export const GET = defineRoute({
  permission: "cycle.read",
  query: ListQuery,
  run: async ({ actor, query }) => {
    const args = pageArgs(query);
    const [rows, org] = await Promise.all([
      db.cycle.findMany({ ...args, where: { ...args.where, organizationId: actor.orgId, state: query.state } }),
      db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { defaultCycleId: true } }),
    ]);
    return toPage(rows, query, (c) => serializeCycle(c, org.defaultCycleId));
  },
});

export const POST = defineRoute({
  permission: "cycle.manage",
  body: CreateCycleSchema,
  status: 201,
  run: async ({ actor, body }) => serializeCycle(await createCycle(actor, body)),
});
