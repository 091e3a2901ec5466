import { expectSame, flightText, valuesOfKey } from "./html";
import { decimalText, isMetSql, isoInstant, mondaySql, progressSeriesCtes, progressSql, seriesJson } from "./sql";
import { TARGETS, type CompareOp } from "./types";

const measure = { type: "b.type", direction: "b.direction", start: "b.start_value", target: "b.target_value" };
const UNTIL = "($3::timestamptz AT TIME ZONE 'UTC')::date";

/**
 * What lib/checkins/queries.ts `getMyWeek` returns, in one statement: the person's week (in their time zone), the
 * active cycles, and every key result they own there (objectives not abandoned), grouped by objective in planned
 * order, each with this week's check-in, its whole history and its forecast (lib/forecast: a least-squares line
 * through the check-ins of the last six weeks, at least the last two), and each objective's weekly progress trend.
 * $1 organisation, $2 person, $3 now.
 */
const FLOOR_SQL = `
  WITH me AS (
    SELECT u.time_zone, ${mondaySql("($3::timestamptz AT TIME ZONE u.time_zone)::date")} AS week FROM users u WHERE u.id = $2),
  active AS (
    SELECT c.id, c.name, c.state, c.start_date, c.end_date FROM cycles c WHERE c.organization_id = $1 AND c.state = 'active'),
  mine AS (
    SELECT k.*, o.title AS objective_title, o.progress AS objective_progress, o.position AS objective_position
      FROM key_results k JOIN objectives o ON o.id = k.objective_id AND o.organization_id = $1
     WHERE k.organization_id = $1 AND k.owner_id = $2 AND k.cycle_id IN (SELECT id FROM active) AND o.state <> 'abandoned'),
  objs AS (SELECT DISTINCT objective_id AS id FROM mine),
  points AS (
    SELECT ci.key_result_id, ci.week, ci.value, ci.confidence FROM check_ins ci
     WHERE ci.organization_id = $1 AND ci.key_result_id IN (SELECT id FROM mine)),
  fc_points AS (
    SELECT p.key_result_id, p.week, p.value,
           row_number() OVER (PARTITION BY p.key_result_id ORDER BY p.week DESC) AS rn,
           max(p.week) OVER (PARTITION BY p.key_result_id) AS last_week,
           count(*) OVER (PARTITION BY p.key_result_id) AS n_all
      FROM points p),
  fc_base AS (
    SELECT m.id, m.type, m.direction, m.start_value, m.target_value, ${mondaySql("a.start_date")} AS cycle_monday, a.end_date
      FROM mine m JOIN active a ON a.id = m.cycle_id WHERE m.type <> 'yes_no'),
  fc_used AS (
    SELECT b.id, fp.week, fp.value FROM fc_base b JOIN fc_points fp ON fp.key_result_id = b.id
     WHERE fp.rn <= 2 OR fp.week >= fp.last_week - 35
    UNION ALL
    SELECT b.id, b.cycle_monday, b.start_value FROM fc_base b JOIN fc_points fp ON fp.key_result_id = b.id
     WHERE fp.n_all = 1 AND fp.last_week > b.cycle_monday),
  fc_fit AS (
    SELECT u.id, count(*)::numeric AS n, sum(u.x) AS sx, sum(u.value) AS sy, sum(u.x * u.x) AS sxx, sum(u.x * u.value) AS sxy,
           min(u.week) AS first_week, max(u.week) AS last_week
      FROM (SELECT u.id, u.week, u.value, (u.week - b.cycle_monday)::numeric AS x FROM fc_used u JOIN fc_base b ON b.id = u.id) u
     GROUP BY u.id HAVING count(*) >= 2),
  fc_line AS (
    SELECT f.*, (f.n * f.sxy - f.sx * f.sy) / (f.n * f.sxx - f.sx * f.sx) AS slope FROM fc_fit f WHERE f.n * f.sxx - f.sx * f.sx <> 0),
  fc_projected AS (
    SELECT l.id, l.slope, l.first_week, l.last_week, b.type, b.direction, b.start_value, b.target_value, b.end_date,
           CASE WHEN b.type = 'milestone' THEN greatest(0, least(b.target_value, r.raw)) ELSE r.raw END AS projected
      FROM fc_line l JOIN fc_base b ON b.id = l.id
     CROSS JOIN LATERAL (SELECT (l.sy - l.slope * l.sx) / l.n + l.slope * (b.end_date - b.cycle_monday) AS raw) r),
  forecast AS (
    SELECT b.id AS key_result_id, json_build_object(
             'projected', round(b.projected, 4)::text,
             'projectedProgress', round(${progressSql(measure, "b.projected")}, 4),
             'at', to_char(b.end_date, 'YYYY-MM-DD'),
             'weeks', greatest(1, round((b.last_week - b.first_week) / 7.0) + 1)::int,
             'perWeek', round(b.slope * 7, 4)::text,
             'isOffPace', CASE WHEN b.direction IN ('keep_above', 'keep_below') THEN NOT ${isMetSql(measure, "b.projected")} ELSE ${progressSql(measure, "b.projected")} < 100 END,
             'decimals', least(4, greatest(min_scale(b.start_value), min_scale(b.target_value), (SELECT max(min_scale(p.value)) FROM points p WHERE p.key_result_id = b.id)))
           ) AS forecast
      FROM fc_projected b),
  ${progressSeriesCtes("objs", "$1", UNTIL)}
  SELECT json_build_object(
    'week', (SELECT to_char(week, 'YYYY-MM-DD') FROM me),
    'timeZone', (SELECT time_zone FROM me),
    'activeCycles', (SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name, 'state', a.state, 'startDate', ${isoInstant("a.start_date::timestamp AT TIME ZONE 'UTC'")},
                              'endDate', ${isoInstant("a.end_date::timestamp AT TIME ZONE 'UTC'")}) ORDER BY a.start_date DESC), '[]') FROM active a),
    'objectives', (SELECT coalesce(json_agg(json_build_object(
        'id', o.objective_id, 'title', o.objective_title, 'progress', ${decimalText("o.objective_progress")}, 'trend', ${seriesJson("o.objective_id")},
        'keyResults', (SELECT json_agg(json_build_object(
            'id', m.id, 'title', m.title, 'type', m.type, 'direction', m.direction,
            'start', ${decimalText("m.start_value")}, 'target', ${decimalText("m.target_value")}, 'current', ${decimalText("m.current_value")},
            'unit', m.unit, 'milestones', to_json(m.milestones), 'progress', ${decimalText("m.progress")}, 'confidence', m.confidence,
            'lastCheckInAt', ${isoInstant("m.last_check_in_at")},
            'thisWeek', (SELECT json_build_object('value', ${decimalText("c.value")}, 'confidence', c.confidence, 'note', c.note, 'version', c.version)
                           FROM check_ins c JOIN me ON c.week = me.week WHERE c.key_result_id = m.id AND c.organization_id = $1),
            'history', (SELECT coalesce(json_agg(json_build_object('week', to_char(p.week, 'YYYY-MM-DD'), 'value', ${decimalText("p.value")}, 'confidence', p.confidence) ORDER BY p.week), '[]')
                          FROM points p WHERE p.key_result_id = m.id),
            'forecast', (SELECT f.forecast FROM forecast f WHERE f.key_result_id = m.id),
            'cycle', (SELECT json_build_object('id', a.id, 'name', a.name, 'startDate', to_char(a.start_date, 'YYYY-MM-DD'), 'endDate', to_char(a.end_date, 'YYYY-MM-DD'))
                        FROM active a WHERE a.id = m.cycle_id)
          ) ORDER BY m.position, m.created_at) FROM mine m WHERE m.objective_id = o.objective_id)
      ) ORDER BY o.objective_position, o.objective_id), '[]')
      FROM (SELECT DISTINCT objective_id, objective_title, objective_progress, objective_position FROM mine) o)
  )::text AS payload`;

interface FloorWeek {
  objectives: { id: string; keyResults: { id: string }[] }[];
}

export const myWeek: CompareOp = {
  id: "my-week",
  name: "my week",
  kind: "read",
  mode: "compare",
  description:
    "GET /my-week as the person who owns 10 key results; floors (the page's data, not its HTML): the week, active cycles, those key results by objective with this week's check-in, history, forecast and each objective's weekly trend, by one query + JSON",
  targets: TARGETS.read,
  async serve(db, { orgId, userId }) {
    return { status: 200, json: (await db.query<{ payload: string }>(FLOOR_SQL, [orgId, userId, new Date().toISOString()])).rows[0]!.payload };
  },
  async prepare(ctx) {
    const person = ctx.manifest.users.tenKeyResults;
    const cookie = await ctx.cookieHeader(person);
    return {
      keel: { request: () => ({ path: "/my-week", headers: { cookie, accept: "text/html" } }) },
      user: person,
      floor: () => ({}),
      verify(keel, floor) {
        const html = keel.body;
        const week = JSON.parse(floor) as FloorWeek;
        const keyResults = week.objectives.flatMap((o) => o.keyResults);
        if (keyResults.length !== person.keyResultIds.length) throw new Error(`the floor read ${keyResults.length} key results, the manifest says ${person.keyResultIds.length}`);
        const rows = [...new Set([...html.matchAll(/name="kr-([0-9a-f-]{36})-confidence"/g)].map((m) => m[1]))];
        expectSame("the key results and their order", rows, keyResults.map((k) => k.id));
        // The form gets every objective, key result, forecast and trend as props: the whole data, compared as JSON.
        const props = valuesOfKey(flightText(html), "objectives");
        expectSame("the objectives, key results, forecasts and trends", props[0], week.objectives);
      },
    };
  },
};
