import { isDeepStrictEqual } from "node:util";
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
  description: "GET /api/v1/cycles signed in as a member; floors: the same page of cycles by one query + JSON.stringify",
  targets: TARGETS.read,
  async serve(db, { orgId }) {
    const { rows } = await db.query<{ id: string }>(FLOOR_SQL, [orgId]);
    const hasMore = rows.length > PAGE_SIZE;
    const data = hasMore ? rows.slice(0, PAGE_SIZE) : rows;
    return { status: 200, json: JSON.stringify({ data, nextCursor: hasMore ? data[data.length - 1]!.id : null }) };
  },
  async prepare(ctx) {
    const user = ctx.manifest.users.member;
    const cookie = await ctx.cookieHeader(user);
    return {
      keel: { request: () => ({ path: "/api/v1/cycles", headers: { cookie, accept: "application/json" } }) },
      user,
      floor: () => ({}),
      verify(keel, floor) {
        const fromKeel: unknown = JSON.parse(keel.body);
        const fromFloor: unknown = JSON.parse(floor);
        if (!isDeepStrictEqual(fromKeel, fromFloor)) throw new Error(`Keel and the floor disagree: ${JSON.stringify(fromKeel)} vs ${JSON.stringify(fromFloor)}`);
      },
    };
  },
};
