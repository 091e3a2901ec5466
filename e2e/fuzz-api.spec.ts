import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import fc from "fast-check";
import { addTeamMember, createApiToken, createCheckIn, createCycle, createKeyResult, createMember, createObjective, createOrganization, createTeam } from "../prisma/factories";
import { mondayOf } from "../lib/dates/week";
import { e2ePrisma } from "./data";
import { expect, test } from "./fixtures";

/**
 * Property-based fuzzing of every API v1 route against the production server: malformed bodies, query strings and
 * path ids must never answer 5xx, and every 4xx must be a problem document. Routes and their methods are read from
 * app/api/v1/**\/route.ts, so a new route is fuzzed without touching this file. KEEL_FUZZ_SEED replays a failure
 * (the seed is printed with it), KEEL_FUZZ_RUNS sets how many generated requests are sent.
 */
const SEED = Number(process.env.KEEL_FUZZ_SEED ?? 20261203);
const RUNS = Number(process.env.KEEL_FUZZ_RUNS ?? 600);
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

interface RouteModule {
  file: string;
  /** The URL with `[param]` segments, e.g. /api/v1/teams/[id]/members/[userId]. */
  template: string;
  params: string[];
  methods: HttpMethod[];
}

function findRouteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return findRouteFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

function loadRoutes(): RouteModule[] {
  const root = path.resolve("app/api/v1");
  return findRouteFiles(root)
    // The catch-all answers addresses no route serves; it is checked on its own below.
    .filter((file) => !file.includes("[[..."))
    .sort()
    .map((file) => {
      const source = readFileSync(file, "utf8");
      const template = `/api/v1/${path.relative(root, path.dirname(file)).split(path.sep).join("/")}`.replace(/\/$/, "");
      const params = [...template.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
      // Only handlers the route really implements; `otherMethods(...)` exports are the refusals tested separately.
      const methods = HTTP_METHODS.filter((m) => new RegExp(`^export (const ${m} = defineRoute|(async )?function ${m}\\b)`, "m").test(source));
      return { file: path.relative(process.cwd(), file), template, params, methods };
    });
}

const routes = loadRoutes();

/** Rows of an organisation of its own, so whatever the fuzzer manages to write never touches the demo the other specs use. */
interface Arena {
  token: string;
  ids: Record<string, string>;
}

async function createArena(): Promise<Arena> {
  const db = e2ePrisma();
  const org = await createOrganization(db, { name: `Fuzz ${Date.now()}` });
  const owner = await createMember(db, org.id, "owner");
  const member = await createMember(db, org.id, "member");
  const team = await createTeam(db, org.id);
  await addTeamMember(db, org.id, team.id, member.id, "member");
  const cycle = await createCycle(db, org.id, { state: "active" });
  const objective = await createObjective(db, org.id, { cycleId: cycle.id, ownerId: owner.id, teamId: team.id });
  const keyResult = await createKeyResult(db, org.id, { objectiveId: objective.id, ownerId: owner.id });
  const checkIn = await createCheckIn(db, org.id, { keyResultId: keyResult.id, authorId: owner.id, week: mondayOf(new Date()), value: 1 });
  const { secret } = await createApiToken(db, org.id, owner.id, "fuzz");
  return { token: secret, ids: { id: objective.id, cycle: cycle.id, objective: objective.id, keyResult: keyResult.id, team: team.id, userId: member.id, checkIn: checkIn.id } };
}

/** The real id a path parameter names in this route, so fuzzed bodies get past the lookup to the validation. */
function realId(template: string, param: string, ids: Record<string, string>): string {
  if (param === "userId") return ids.userId!;
  const collection = template.split("/")[3];
  const byCollection: Record<string, string | undefined> = { cycles: ids.cycle, objectives: ids.objective, "key-results": ids.keyResult, teams: ids.team, "check-ins": ids.checkIn };
  return byCollection[collection ?? ""] ?? ids.id!;
}

// Field names the schemas read, so generated bodies hit real validation rather than only unknown keys.
const FIELDS = [
  "name", "title", "parentId", "weight", "note", "startDate", "endDate", "quarter", "version", "value", "confidence", "keyResultId",
  "objectiveId", "cycleId", "teamId", "userId", "ownerId", "role", "direction", "type", "targetValue", "startValue", "unit", "milestones",
  "level", "kind", "state", "whyItMatters", "reason", "parentObjectiveId", "parentKeyResultId", "archived", "summary", "force", "scores",
  "score", "wentWell", "learned", "toCycleId", "objectiveIds", "week", "q", "cursor", "limit", "expand", "exclude",
];

const nastyString = fc.oneof(
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "\ud800", "x\udc00", "\u0007", "\r\n", "0000-01-01", "0000-Q1", "9999-12-31", "2026-02-30", "1969-12-31", "2201-01-01", "-".repeat(36), "%ZZ", "NaN", "Infinity", "-0", "1e400", "1,0", "٣", "null", "0x10"),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.uuid(),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.string({ minLength: 201, maxLength: 5000 }),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
const nastyNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, 1e300, -1e-300, 0.00001));
const leaf = fc.oneof(nastyString, nastyNumber, fc.boolean(), fc.constant(null));
const nastyValue = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), leaf, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.dictionary(fc.constantFrom(...FIELDS), leaf, { maxKeys: 3 }), { maxLength: 3 }) },
);

/** A JSON body (as text): an object of known fields with hostile values, any JSON value, or text that is not JSON. */
const bodyText = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), nastyValue, { maxKeys: 6 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.constantFrom("", "{", "[1,", "{\"name\":\"\\ud800\"}", "{\"name\":\"a\\u0000b\"}", "nul\u0000l", "{\"__proto__\":{\"x\":1}}") },
);

/** A raw query string, percent-encoded by hand so lone surrogates and broken escapes reach the server as sent. */
const queryString = fc
  .array(
    fc.tuple(
      fc.constantFrom(...FIELDS),
      fc.oneof(
        nastyString.map((s) => {
          try {
            return encodeURIComponent(s);
          } catch {
            return "%ED%A0%80";
          }
        }),
        fc.constantFrom("%ZZ", "%00", "%", "%ED%A0%80", "%C0%AF", "a&b", "=", "-1", "201", "0"),
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : ""));

type PathVariant = "real" | "upper" | "random" | "malformed";
const malformedId = fc.oneof(
  fc.constantFrom("%ZZ", "-".repeat(36), "%00", "%ED%A0%80", "0", "null", "%2e%2e", "00000000-0000-0000-0000-000000000000"),
  fc.string({ minLength: 1, maxLength: 40 }).map((s) => encodeURIComponent(s).replace(/%2F/gi, "")).filter((s) => s.length > 0),
);

function buildPath(route: RouteModule, variant: PathVariant, randomId: string, bad: string, ids: Record<string, string>): string {
  return route.template.replace(/\[(\w+)\]/g, (_, param: string) => {
    const id = realId(route.template, param, ids);
    if (variant === "upper") return id.toUpperCase();
    if (variant === "random") return randomId;
    if (variant === "malformed") return bad;
    return id;
  });
}

async function send(request: APIRequestContext, token: string, method: string, url: string, body?: string): Promise<APIResponse> {
  return request.fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { data: body } : {}),
    failOnStatusCode: false,
    maxRedirects: 0,
  });
}

/** What a client must always be able to rely on, whatever it sent. */
async function describeBreach(res: APIResponse): Promise<string | null> {
  const status = res.status();
  const type = res.headers()["content-type"] ?? "";
  if (status >= 500) return `answered ${status}: ${(await res.text()).slice(0, 300)}`;
  if (status >= 400) {
    if (!type.startsWith("application/problem+json")) return `answered ${status} as ${type || "no content type"}: ${(await res.text()).slice(0, 200)}`;
    const problem = (await res.json()) as { status?: unknown; detail?: unknown };
    if (problem.status !== status || typeof problem.detail !== "string" || !problem.detail) return `answered ${status} with a problem document without status or detail`;
    if (status === 405 && !res.headers()["allow"]) return "answered 405 without an Allow header";
  }
  return null;
}

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

let arena: Arena;
test.beforeAll(async () => {
  arena = await createArena();
});

test("the API routes are found, each with at least one method", () => {
  expect(routes.length).toBeGreaterThan(20);
  for (const route of routes) expect(route.methods, `${route.file} exports no method this test recognises`).not.toEqual([]);
});

test("an address under /api/v1 that no route serves answers a 404 problem", async ({ request }) => {
  for (const url of ["/api/v1", "/api/v1/nope", `/api/v1/teams/${arena.ids.team}/nope`]) {
    const res = await send(request, arena.token, "GET", url);
    expect(res.status(), url).toBe(404);
    expect(await describeBreach(res), url).toBeNull();
  }
});

test("every method a route does not implement answers 405 as a problem with Allow", async ({ request }) => {
  for (const route of routes) {
    const url = buildPath(route, "real", "", "", arena.ids);
    for (const method of HTTP_METHODS.filter((m) => !route.methods.includes(m))) {
      const res = await send(request, arena.token, method, url, method === "GET" || method === "DELETE" ? undefined : "{}");
      expect(res.status(), `${method} ${route.template}`).toBe(405);
      expect(await describeBreach(res), `${method} ${route.template}`).toBeNull();
      const allow = (res.headers()["allow"] ?? "").split(/,\s*/);
      for (const implemented of route.methods) expect(allow, `Allow of ${route.template}`).toContain(implemented);
    }
  }
});

test("an undecodable or malformed path id answers a 4xx problem, never a crash", async ({ request }) => {
  for (const route of routes.filter((r) => r.params.length)) {
    for (const bad of ["%ZZ", "%ED%A0%80", "-".repeat(36)]) {
      const url = buildPath(route, "malformed", "", bad, arena.ids);
      const res = await send(request, arena.token, route.methods[0]!, url, route.methods[0] === "GET" ? undefined : "{}");
      expect(res.status(), `${route.methods[0]} ${url}`).toBeGreaterThanOrEqual(400);
      expect(await describeBreach(res), `${route.methods[0]} ${url}`).toBeNull();
    }
  }
});

test("generated malformed requests to every route never answer 5xx, and every 4xx is a problem document", async ({ request }) => {
  const targets = routes.flatMap((route) => route.methods.map((method) => ({ route, method })));
  const property = fc.asyncProperty(
    fc.constantFrom(...targets),
    fc.constantFrom<PathVariant>("real", "real", "real", "upper", "random", "malformed"),
    fc.uuid(),
    malformedId,
    queryString,
    bodyText,
    async ({ route, method }, variant, randomId, bad, query, body) => {
      const url = buildPath(route, variant, randomId, bad, arena.ids) + query;
      const res = await send(request, arena.token, method, url, method === "GET" ? undefined : body);
      const breach = await describeBreach(res);
      if (breach) throw new Error(`${method} ${url} with body ${JSON.stringify(body).slice(0, 300)} ${breach}`);
    },
  );
  const details = await fc.check(property, { seed: SEED, numRuns: RUNS, endOnFailure: true });
  if (details.failed) {
    throw new Error(`API fuzzing failed (replay with KEEL_FUZZ_SEED=${SEED}, path ${details.counterexamplePath}): ${String(details.errorInstance)}`);
  }
});
