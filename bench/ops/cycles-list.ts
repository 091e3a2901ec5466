import { isDeepStrictEqual } from "node:util";
import type { HttpResponse } from "../lib/measure";
import { TARGETS, type CompareOp } from "./types";

const PAGE_SIZE = 50;

// The API's first page: cycles by id (uuid v7, so by creation), one more than the page to know if another follows.
const FLOOR_SQL = `
  SELECT c.id, c.name, c.state,
         to_char(c.start_date, 'YYYY-MM-DD') AS "startDate",
         to_char(c.end_date, 'YYYY-MM-DD') AS "endDate",
         c.closed_at AS "closedAt",
         c.id = o.default_cycle_id AS "isDefault"
    FROM cycles c JOIN organizations o ON o.id = c.organization_id
   WHERE c.organization_id = $1
   ORDER BY c.id
   LIMIT ${PAGE_SIZE + 1}`;

export const cyclesList: CompareOp = {
  id: "cycles-list",
  name: "cycles list",
  kind: "read",
  mode: "compare",
  concurrent: true,
  description: "GET /api/v1/cycles signed in as a member; floor: the same page of cycles by one query + JSON.stringify",
  targets: TARGETS.read,
  async prepare(ctx) {
    const cookie = await ctx.cookieHeader(ctx.manifest.users.member);
    const orgId = ctx.manifest.organizationId;
    return {
      keel: { request: () => ({ path: "/api/v1/cycles", headers: { cookie, accept: "application/json" } }) },
      floor: async (client) => {
        const { rows } = await client.query<{ id: string }>(FLOOR_SQL, [orgId]);
        const hasMore = rows.length > PAGE_SIZE;
        const data = hasMore ? rows.slice(0, PAGE_SIZE) : rows;
        return JSON.stringify({ data, nextCursor: hasMore ? data[data.length - 1]!.id : null });
      },
      verify(keel, floor) {
        const fromKeel: unknown = JSON.parse((keel as HttpResponse).body);
        const fromFloor: unknown = JSON.parse(floor as string);
        if (!isDeepStrictEqual(fromKeel, fromFloor)) throw new Error(`Keel and the floor disagree: ${JSON.stringify(fromKeel)} vs ${JSON.stringify(fromFloor)}`);
      },
    };
  },
};
