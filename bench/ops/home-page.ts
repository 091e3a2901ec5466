import { TARGETS, type BenchContext, type CompareOp, type PageOp, type Queryable } from "./types";

/** Mirrors HOME_LIST_LIMIT in lib/objectives/list.ts: beyond it, the page shows only what is closest to the person. */
const HOME_LIST_LIMIT = 150;

// What the home page shows: the cycle's size and progress, and its objectives (all of them in a small organisation;
// otherwise the company's, the person's own and their teams'), in planned order, with owner and team names and the
// confidences of their key results. The floor knows the cycle's size when it is prepared, so it reads only the
// objectives shown, through their indexes, instead of deciding inside the query (which would cost it a plan for all).
function floorSql(isWholeCycle: boolean): string {
  const shown = isWholeCycle
    ? "SELECT id FROM objectives WHERE organization_id = $1 AND cycle_id = $2"
    : `SELECT id FROM objectives WHERE organization_id = $1 AND cycle_id = $2 AND team_id IS NULL AND level = 'company'
       UNION SELECT id FROM objectives WHERE organization_id = $1 AND cycle_id = $2 AND owner_id = $3
       UNION SELECT o.id FROM team_memberships m JOIN objectives o ON o.cycle_id = $2 AND o.team_id = m.team_id
              WHERE m.organization_id = $1 AND m.user_id = $3 AND o.organization_id = $1`;
  return `
    WITH cycle AS (
           SELECT count(*)::int AS total, avg(progress) FILTER (WHERE state IN ('active', 'done')) AS progress
             FROM objectives WHERE organization_id = $1 AND cycle_id = $2),
         shown AS (${shown})
    SELECT cycle.total, cycle.progress AS "cycleProgress",
           o.id, o.title, o.level, o.state, o.kind, o.progress,
           o.parent_objective_id IS NOT NULL OR o.parent_key_result_id IS NOT NULL AS "isAligned",
           t.id AS "teamId", t.name AS "teamName", u.id AS "ownerId", u.name AS "ownerName",
           coalesce(k.confidences, '{}') AS confidences
      FROM cycle
     CROSS JOIN shown
      JOIN objectives o ON o.id = shown.id
      JOIN users u ON u.id = o.owner_id
      LEFT JOIN teams t ON t.id = o.team_id
      LEFT JOIN LATERAL (SELECT array_agg(confidence::text ORDER BY position) AS confidences FROM key_results WHERE objective_id = o.id) k ON true
     ORDER BY o.position, o.created_at`;
}

type FloorRow = { total: number; cycleProgress: string | null; id: string } & Record<string, unknown>;

/** The home page's data for one person: `cycle` and `whole` (1 when the cycle is small enough to list whole) as parameters. */
async function readHome(db: Queryable, orgId: string, userId: string, cycleId: string, isWholeCycle: boolean) {
  const { rows } = await db.query<FloorRow>(floorSql(isWholeCycle), isWholeCycle ? [orgId, cycleId] : [orgId, cycleId, userId]);
  return {
    total: rows[0]?.total ?? 0,
    cycleProgress: rows[0]?.cycleProgress ?? null,
    objectives: rows.map(({ total: _total, cycleProgress: _progress, ...objective }) => objective),
  };
}

/** Whether the home page lists the whole cycle: decided once when the op is prepared, as the floor's query is chosen by it. */
async function isSmallCycle(ctx: BenchContext): Promise<boolean> {
  const { organizationId, cycles } = ctx.manifest;
  const count = await ctx.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM objectives WHERE organization_id = $1 AND cycle_id = $2", [organizationId, cycles.active.id]);
  return count.rows[0]!.n <= HOME_LIST_LIMIT;
}

const OBJECTIVE_LINK = /href="\/objectives\/([0-9a-f-]{36})"/g;

export const homePage: CompareOp = {
  id: "home-page",
  name: "home page",
  kind: "read",
  mode: "compare",
  description: "GET / (the active cycle as a member sees it) signed in; floors: those objectives with owner, team and key result confidences, the cycle's count and progress, by one query + JSON.stringify",
  targets: TARGETS.read,
  async serve(db, { orgId, userId, params }) {
    return { status: 200, json: JSON.stringify(await readHome(db, orgId, userId, params.get("cycle")!, params.get("whole") === "1")) };
  },
  async prepare(ctx) {
    const user = ctx.manifest.users.member;
    const cookie = await ctx.cookieHeader(user);
    const params = { cycle: ctx.manifest.cycles.active.id, whole: (await isSmallCycle(ctx)) ? "1" : "0" };
    return {
      keel: { request: () => ({ path: "/", headers: { cookie, accept: "text/html" } }) },
      user,
      floor: () => ({ params }),
      verify(keel, floor) {
        const shown = new Set([...keel.body.matchAll(OBJECTIVE_LINK)].map((m) => m[1]));
        const expected = (JSON.parse(floor) as { objectives: { id: string }[] }).objectives.map((o) => o.id);
        const missing = expected.filter((id) => !shown.has(id));
        if (missing.length || shown.size !== expected.length) {
          throw new Error(`the home page links ${shown.size} objectives, the floor read ${expected.length} (${missing.length} of those missing)`);
        }
      },
    };
  },
};

export const homePageBrowser: PageOp = {
  id: "home-page-browser",
  name: "home page in Chromium",
  kind: "read",
  mode: "page",
  description: "The home page in Chromium as a member: time to the first objective row, and long tasks after it (the tree page's target, applied to home)",
  targets: TARGETS.page,
  async prepare(ctx) {
    const user = ctx.manifest.users.member;
    const expected = (await readHome(ctx.pool, ctx.manifest.organizationId, user.id, ctx.manifest.cycles.active.id, await isSmallCycle(ctx))).objectives.length;
    return {
      url: `${ctx.baseUrl}/`,
      user,
      selector: '[data-testid="objective-row"]',
      verify(matched) {
        if (matched !== expected) throw new Error(`the page shows ${matched} objective rows, the floor read ${expected}`);
      },
    };
  },
};
