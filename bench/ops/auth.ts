import { lookUpActor } from "../floor/actor";
import { expectSame } from "./html";
import { TARGETS, type CompareOp } from "./types";

/**
 * What /settings/profile renders beyond the member lookup: the person's name, time zone and reminder switch, and the
 * layout's cycle selector (every cycle of the organisation, newest first, and which one is the default). $1 user, $2 organisation.
 */
const PROFILE_SQL = `
  SELECT json_build_object(
    'profile', (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'timeZone', u.time_zone, 'remindersEnabled', u.reminders_enabled)
                  FROM users u WHERE u.id = $1),
    'cycles', (SELECT coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'state', c.state, 'startDate', c.start_date, 'endDate', c.end_date)
                                        ORDER BY c.start_date DESC), '[]')
                 FROM cycles c WHERE c.organization_id = $2),
    'defaultCycleId', (SELECT default_cycle_id FROM organizations WHERE id = $2)
  )::text AS payload`;

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Only the member lookup: GET /api/v1/me answers with what the lookup returned. Keel's fixed cost of an API request,
 * by itself. The SQL floor is the lookup's statement plus JSON.stringify; the HTTP floor decodes the cookie, looks the
 * member up (as for every op) and answers.
 */
export const authApi: CompareOp = {
  id: "auth-api",
  name: "who am I (API, the lookup only)",
  kind: "read",
  mode: "compare",
  concurrent: true,
  description: "GET /api/v1/me signed in as a member: only the session and the member lookup, the fixed cost of every API request; floors: the member lookup + JSON.stringify",
  targets: TARGETS.read,
  async serve(db, { actor, userId, sessionVersion }) {
    const me = actor ?? (await lookUpActor(db, userId, sessionVersion));
    if (!me) return { status: 401, json: JSON.stringify({ title: "Unauthorized" }) };
    return {
      status: 200,
      json: JSON.stringify({ data: { id: me.id, name: me.name, email: me.email, role: me.role, organization: { id: me.orgId, name: me.orgName, slug: me.orgSlug }, token: null } }),
    };
  },
  async prepare(ctx) {
    const user = ctx.manifest.users.member;
    const cookie = await ctx.cookieHeader(user);
    return {
      keel: { request: () => ({ path: "/api/v1/me", headers: { cookie, accept: "application/json" } }) },
      user,
      floor: () => ({}),
      verify: (keel, floor) => expectSame("who is asking", JSON.parse(keel.body), JSON.parse(floor)),
    };
  },
};

/**
 * The cheapest page: /settings/profile, the person's own name and time zone under the app's header (cycle selector,
 * navigation). Keel's fixed cost of a page: the session, the member lookup, the layout and React's rendering.
 */
export const authPage: CompareOp = {
  id: "auth-page",
  name: "profile page (the lookup and one row)",
  kind: "read",
  mode: "compare",
  description:
    "GET /settings/profile signed in as a member: the cheapest page, the fixed cost of every page; floors: the person's profile and the organisation's cycles (the header's selector) by one query + JSON",
  targets: TARGETS.read,
  async serve(db, { orgId, userId }) {
    const { rows } = await db.query<{ payload: string }>(PROFILE_SQL, [userId, orgId]);
    return { status: 200, json: rows[0]!.payload };
  },
  async prepare(ctx) {
    const user = ctx.manifest.users.member;
    const cookie = await ctx.cookieHeader(user);
    return {
      keel: { request: () => ({ path: "/settings/profile", headers: { cookie, accept: "text/html" } }) },
      user,
      floor: () => ({}),
      verify(keel, floor) {
        const page = JSON.parse(floor) as { profile: { name: string; timeZone: string }; cycles: { name: string }[] };
        const shown = (text: string) => keel.body.includes(escapeHtml(text));
        const missing = [page.profile.name, page.profile.timeZone, ...page.cycles.map((c) => c.name)].filter((text) => !shown(text));
        if (missing.length) throw new Error(`the profile page does not show ${missing.join(", ")}, which the floor read`);
      },
    };
  },
};
