import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { encode } from "next-auth/jwt";
import type pg from "pg";
import { weekOf } from "../../lib/dates/week";
import { dec, type KeyResultType } from "../../lib/progress";
import type { Manifest, ManifestUser } from "../lib/manifest";
import { percentile } from "../lib/measure";
import type { RssSampler } from "../lib/memory";
import { SESSION_COOKIE } from "../lib/session";

/**
 * Monday morning: many people, each signed in as themselves, open the home page, open My week, save a check-in there
 * and open the objective it belongs to, over and over for a minute. Unlike the operations, which compare one request
 * with its floor, this shows what the server does under a realistic mix of reads and writes from many sessions.
 */

export const MONDAY_TARGETS = { errors: 0, p95Ms: 300 } as const;

/** Every check-in the scenario saves carries this note, so the reset finds exactly those. */
const NOTE_PREFIX = "keel-bench monday";

export type StepName = "home" | "my week" | "save check-in" | "objective page";
const STEPS: StepName[] = ["home", "my week", "save check-in", "objective page"];

export interface ScenarioContext {
  baseUrl: string;
  pool: pg.Pool;
  manifest: Manifest;
  /** The server's NEXTAUTH_SECRET, to mint each person's session cookie. */
  secret: string;
  sampler: RssSampler;
  /** The build folder the server runs from, where the server actions' ids are listed. */
  distDir: string;
}

export interface ScenarioOptions {
  users: number;
  seconds: number;
  log?: (line: string) => void;
}

export interface StepStats {
  step: StepName;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface ScenarioResult {
  id: "monday";
  users: number;
  seconds: number;
  /** How My week's save was sent: its server action, as the page sends it, or the API when the action was not found. */
  saveVia: string;
  loops: number;
  requests: number;
  /** Requests answered per second, all steps together. */
  throughput: number;
  steps: StepStats[];
  errors: number;
  /** A few of the errors, each once, to say what went wrong. */
  errorSamples: string[];
  peakRssMb: number;
  target: typeof MONDAY_TARGETS;
  met: boolean;
  /** Rows the scenario wrote and the reset removed again. */
  checkInsWritten: number;
}

interface Person {
  user: ManifestUser;
  cookie: string;
  keyResults: { id: string; objectiveId: string; value: string }[];
}

/**
 * The people who take part: members and admins who own key results of the active cycle's live objectives that have no
 * check-in this week or last (so every check-in saved is the scenario's own), spread over the whole organisation.
 */
const PEOPLE_SQL = `
  SELECT u.id, u.email, u.name, u.session_version,
         json_agg(json_build_object('id', k.id, 'objectiveId', k.objective_id, 'type', k.type, 'start', k.start_value::text,
                                    'target', k.target_value::text, 'milestones', k.milestones) ORDER BY k.position, k.id) AS key_results
    FROM key_results k
    JOIN objectives o ON o.organization_id = k.organization_id AND o.id = k.objective_id AND o.state = 'active'
    JOIN memberships m ON m.organization_id = k.organization_id AND m.user_id = k.owner_id AND m.role IN ('member', 'admin')
    JOIN users u ON u.id = k.owner_id
   WHERE k.organization_id = $1 AND k.cycle_id = $2
     AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.key_result_id = k.id AND c.week >= $3::date - 7)
   GROUP BY u.id
   ORDER BY u.id`;

function acceptedValue(kr: { type: KeyResultType; start: string; target: string; milestones: string[] }): string {
  if (kr.type === "yes_no") return "1";
  if (kr.type === "milestone") return String(Math.ceil((kr.milestones.length || Number(kr.target)) / 2));
  return dec(kr.start).plus(kr.target).dividedBy(2).toDecimalPlaces(2).toFixed();
}

async function choosePeople(ctx: ScenarioContext, count: number): Promise<Person[]> {
  const { organizationId, cycles } = ctx.manifest;
  const week = weekOf(new Date()).toISOString().slice(0, 10);
  type Row = { id: string; email: string; name: string; session_version: number; key_results: { id: string; objectiveId: string; type: KeyResultType; start: string; target: string; milestones: string[] }[] };
  const rows = (await ctx.pool.query<Row>(PEOPLE_SQL, [organizationId, cycles.active.id, week])).rows;
  if (rows.length < count) throw new Error(`only ${rows.length} people own key results without a recent check-in; ask for fewer --users or regenerate the data`);
  // Evenly spread, so the people come from every part of the organisation rather than the first few teams.
  const chosen = Array.from({ length: count }, (_, i) => rows[Math.floor((i * rows.length) / count)]!);
  return Promise.all(
    chosen.map(async (r) => {
      const user = { id: r.id, email: r.email, name: r.name };
      // As next-auth writes it at sign-in: with the session version the app checks on every request.
      const token = await encode({ token: { uid: r.id, sub: r.id, email: r.email, name: r.name, sv: r.session_version }, secret: ctx.secret });
      return { user, cookie: `${SESSION_COOKIE}=${token}`, keyResults: r.key_results.map((k) => ({ id: k.id, objectiveId: k.objectiveId, value: acceptedValue(k) })) };
    }),
  );
}

/** My week's save is a server action; its id is in the build's manifest of server references. */
function saveActionId(distDir: string): string | null {
  const file = path.resolve(distDir, "server/server-reference-manifest.json");
  if (!existsSync(file)) return null;
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node?: Record<string, { exportedName?: string; filename?: string; workers?: Record<string, unknown> }> };
  for (const [id, entry] of Object.entries(manifest.node ?? {})) {
    const where = entry.filename ?? Object.keys(entry.workers ?? {}).join(" ");
    if (entry.exportedName === "saveMyWeekAction" || (where.includes("my-week") && !entry.exportedName)) return id;
  }
  return null;
}

interface Snapshot {
  keyResults: { ids: string[]; values: string[]; progress: string[]; confidences: (string | null)[]; lastCheckIns: (Date | null)[]; updatedAt: Date[] };
  objectives: { ids: string[]; progress: string[]; updatedAt: Date[] };
}

async function takeSnapshot(pool: pg.Pool, orgId: string, people: Person[]): Promise<Snapshot> {
  const krIds = people.flatMap((p) => p.keyResults.map((k) => k.id));
  const objectiveIds = [...new Set(people.flatMap((p) => p.keyResults.map((k) => k.objectiveId)))];
  const k = (
    await pool.query<{ id: string; current_value: string; progress: string; confidence: string | null; last_check_in_at: Date | null; updated_at: Date }>(
      "SELECT id, current_value::text, progress::text, confidence::text, last_check_in_at, updated_at FROM key_results WHERE organization_id = $1 AND id = ANY($2::uuid[])",
      [orgId, krIds],
    )
  ).rows;
  const o = (await pool.query<{ id: string; progress: string; updated_at: Date }>("SELECT id, progress::text, updated_at FROM objectives WHERE organization_id = $1 AND id = ANY($2::uuid[])", [orgId, objectiveIds])).rows;
  return {
    keyResults: {
      ids: k.map((r) => r.id),
      values: k.map((r) => r.current_value),
      progress: k.map((r) => r.progress),
      confidences: k.map((r) => r.confidence),
      lastCheckIns: k.map((r) => r.last_check_in_at),
      updatedAt: k.map((r) => r.updated_at),
    },
    objectives: { ids: o.map((r) => r.id), progress: o.map((r) => r.progress), updatedAt: o.map((r) => r.updated_at) },
  };
}

/** Deletes the check-ins the scenario saved (their versions go with them) and their audit events, and puts the key results and objectives back. */
async function reset(pool: pg.Pool, orgId: string, since: Date, snapshot: Snapshot): Promise<number> {
  const deleted = await pool.query("DELETE FROM check_ins WHERE organization_id = $1 AND updated_at >= $2 AND note LIKE $3", [orgId, since, `${NOTE_PREFIX} %`]);
  await pool.query("DELETE FROM audit_events WHERE organization_id = $1 AND created_at >= $2 AND entity_type = 'check_in' AND after->>'note' LIKE $3", [orgId, since, `${NOTE_PREFIX} %`]);
  const k = snapshot.keyResults;
  await pool.query(
    `UPDATE key_results k
        SET current_value = s.current_value, progress = s.progress, confidence = s.confidence::"Confidence", last_check_in_at = s.last_check_in_at, updated_at = s.updated_at
       FROM unnest($1::uuid[], $2::numeric[], $3::numeric[], $4::text[], $5::timestamptz[], $6::timestamptz[])
            AS s(id, current_value, progress, confidence, last_check_in_at, updated_at)
      WHERE k.id = s.id`,
    [k.ids, k.values, k.progress, k.confidences, k.lastCheckIns, k.updatedAt],
  );
  const o = snapshot.objectives;
  await pool.query(
    "UPDATE objectives o SET progress = s.progress, updated_at = s.updated_at FROM unnest($1::uuid[], $2::numeric[], $3::timestamptz[]) AS s(id, progress, updated_at) WHERE o.id = s.id",
    [o.ids, o.progress, o.updatedAt],
  );
  return deleted.rowCount ?? 0;
}

interface Answer {
  status: number;
  location: string | undefined;
  body: string;
}

function send(agent: http.Agent, baseUrl: string, spec: { method: "GET" | "POST"; path: string; headers: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(spec.path, baseUrl), { method: spec.method, headers: spec.headers, agent }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (chunk: Buffer) => parts.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(parts).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (spec.body !== undefined) req.write(spec.body);
    req.end();
  });
}

/** Why an answer is not what a person would want to see, or null when it is. */
function problemWith(step: StepName, answer: Answer, saveVia: "action" | "api"): string | null {
  if (answer.status >= 400 || answer.status < 200) return `HTTP ${answer.status}: ${answer.body.replace(/\s+/g, " ").slice(0, 160)}`;
  if (answer.status >= 300) return /sign-?in|login/.test(answer.location ?? "") ? `redirected to ${answer.location}` : null;
  if (step !== "save check-in") return answer.body.includes("Something went wrong") ? "the error page" : null;
  if (saveVia === "api") return answer.status === 201 ? null : `HTTP ${answer.status}, expected 201`;
  // The action's state comes back in the RSC payload: success, or an error with its message.
  if (answer.body.includes('"status":"success"')) return null;
  const message = /"message":"([^"]*)"/.exec(answer.body)?.[1];
  return `the save did not succeed${message ? `: ${message}` : ""} (${answer.body.slice(0, 160)})`;
}

export async function runMondayScenario(ctx: ScenarioContext, options: ScenarioOptions): Promise<ScenarioResult> {
  const log = options.log ?? (() => undefined);
  const orgId = ctx.manifest.organizationId;
  const people = await choosePeople(ctx, options.users);
  const actionId = saveActionId(ctx.distDir);
  const saveVia = actionId ? "action" : "api";
  const snapshot = await takeSnapshot(ctx.pool, orgId, people);
  const since = new Date(Date.now() - 1000);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.users + 1 });
  const origin = ctx.baseUrl;

  const request = (person: Person, step: StepName, loop: number) => {
    const kr = person.keyResults[loop % person.keyResults.length]!;
    // A browser sends its origin with every POST; Keel refuses a cookie-signed write without it.
    const headers = { cookie: person.cookie, origin };
    switch (step) {
      case "home":
        return { method: "GET" as const, path: "/", headers };
      case "my week":
        return { method: "GET" as const, path: "/my-week", headers };
      case "objective page":
        return { method: "GET" as const, path: `/objectives/${kr.objectiveId}`, headers };
      case "save check-in": {
        const entry = { keyResultId: kr.id, value: kr.value, confidence: "on_track", note: `${NOTE_PREFIX} ${loop}` };
        if (actionId) {
          // What the page's form sends: the action's id, and its two arguments (the previous state, the rows) as a reply.
          const body = JSON.stringify([{ status: "idle" }, { entries: [entry], $KEEL_ORGANIZATION: orgId }]);
          return { method: "POST" as const, path: "/my-week", headers: { ...headers, accept: "text/x-component", "next-action": actionId, "content-type": "text/plain;charset=UTF-8" }, body };
        }
        return { method: "POST" as const, path: "/api/v1/check-ins", headers: { ...headers, "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(entry) };
      }
    }
  };

  const latencies = new Map<StepName, number[]>(STEPS.map((s) => [s, []]));
  const errorCounts = new Map<StepName, number>(STEPS.map((s) => [s, 0]));
  const errorSamples = new Set<string>();
  let loops = 0;

  const runStep = async (person: Person, step: StepName, loop: number, record: boolean) => {
    const t0 = performance.now();
    let problem: string | null;
    try {
      problem = problemWith(step, await send(agent, ctx.baseUrl, request(person, step, loop)), saveVia);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    if (!record) {
      if (problem) throw new Error(`${step} failed before the scenario started: ${problem}`);
      return;
    }
    latencies.get(step)!.push(performance.now() - t0);
    if (problem) {
      errorCounts.set(step, errorCounts.get(step)! + 1);
      if (errorSamples.size < 5) errorSamples.add(`${step}: ${problem}`);
    }
  };

  let result: ScenarioResult;
  let written = 0;
  try {
    // Each page once before the clock starts: the server loads a route's code on its first request.
    for (const step of STEPS) await runStep(people[0]!, step, 0, false);
    log(`${options.users} people, ${options.seconds} s, saving through ${saveVia === "action" ? "My week's server action" : "POST /api/v1/check-ins"}`);
    ctx.sampler.mark();
    const started = performance.now();
    const deadline = started + options.seconds * 1000;
    await Promise.all(
      people.map(async (person, p) => {
        // Loop numbers start past the warm-up's, so each save writes a new version of the week's check-in.
        for (let loop = 1; performance.now() < deadline; loop++) {
          for (const step of STEPS) {
            if (performance.now() >= deadline) return;
            await runStep(person, step, loop * options.users + p, true);
          }
          loops++;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const peakRssMb = ctx.sampler.peakSinceMarkMb();
    const steps: StepStats[] = STEPS.map((step) => {
      const samples = latencies.get(step)!;
      return { step, requests: samples.length, errors: errorCounts.get(step)!, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), max: Math.max(...samples) };
    });
    const requests = steps.reduce((sum, s) => sum + s.requests, 0);
    const errors = steps.reduce((sum, s) => sum + s.errors, 0);
    result = {
      id: "monday",
      users: options.users,
      seconds: elapsed,
      saveVia: saveVia === "action" ? "My week's server action (POST /my-week, Next-Action)" : "POST /api/v1/check-ins",
      loops,
      requests,
      throughput: requests / elapsed,
      steps,
      errors,
      errorSamples: [...errorSamples],
      peakRssMb,
      target: MONDAY_TARGETS,
      met: errors <= MONDAY_TARGETS.errors && steps.every((s) => s.p95 < MONDAY_TARGETS.p95Ms),
      checkInsWritten: 0,
    };
  } finally {
    agent.destroy();
    written = await reset(ctx.pool, orgId, since, snapshot);
    log(`reset: removed ${written} check-ins the scenario saved`);
  }
  return { ...result, checkInsWritten: written };
}

export function formatScenario(result: ScenarioResult): string {
  const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)}` : "-");
  const lines = [
    `Monday morning: ${result.users} people for ${result.seconds.toFixed(0)} s, each: home, My week, save a check-in (${result.saveVia}), objective page`,
    `${result.loops} loops, ${result.requests} requests, ${result.throughput.toFixed(1)} requests/s; errors ${result.errors}; server peak RSS ${Math.round(result.peakRssMb)} MB; ${result.checkInsWritten} check-ins saved, then reset`,
    "",
    "| step | requests | errors | p50 ms | p95 ms | p99 ms | max ms |",
    "|---|---|---|---|---|---|---|",
    ...result.steps.map((s) => `| ${s.step} | ${s.requests} | ${s.errors} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} |`),
    "",
    `target: ${result.target.errors} errors and p95 under ${result.target.p95Ms} ms per step: ${result.met ? "met" : "MISSED"}`,
  ];
  if (result.errorSamples.length) lines.push("errors seen:", ...result.errorSamples.map((e) => `  ${e}`));
  return lines.join("\n");
}
