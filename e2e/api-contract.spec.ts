import type { APIRequestContext, APIResponse } from "@playwright/test";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { addMember, addTeamMember, createApiToken, createCheckIn, createCycle, createKeyResult, createMember, createObjective, createOrganization, createTeam } from "../prisma/factories";
import { mondayOf } from "../lib/dates/week";
import { DEMO, e2ePrisma } from "./data";
import { expect, test } from "./fixtures";

/**
 * The contract test: every operation the OpenAPI document describes is called against the production server, and
 * every answer (success and problem alike) is validated against the schema the document gives for its status.
 * An operation without a case here fails, as does an answer with a status or a field the document does not name.
 */

interface DocumentedAnswer {
  description: string;
  content?: Record<string, { schema: object }>;
}
interface DocumentedOperation {
  operationId: string;
  parameters?: { name: string; in: string }[];
  responses: Record<string, DocumentedAnswer>;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, DocumentedOperation>>;
}

interface Located {
  method: string;
  template: string;
  op: DocumentedOperation;
}

/** What a case sends: the values of the path's parameters, a query and a body. */
interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
}

interface World {
  token: string;
  /** An owner's token in a second, empty organisation: where an export can be imported. */
  emptyOrganizationToken: string;
  ids: { org: string; owner: string; member: string; team: string; cycle: string; objective: string; keyResult: string; checkIn: string };
  /** The JSON answer of each operation called so far, by operationId. */
  answers: Record<string, Record<string, unknown>>;
}

type Case = (world: World) => Call;

const WEEK = mondayOf(new Date());

/** In order: later cases use what earlier ones created, and closing the cycle comes last. */
const CASES: [string, Case][] = [
  ["getMe", () => ({ status: 200 })],
  ["listCycles", () => ({ query: { limit: "10" }, status: 200 })],
  ["createCycle", () => ({ body: { name: "Contract next quarter", startDate: "2027-01-01", endDate: "2027-03-31" }, status: 201 })],
  ["getCycle", (w) => ({ params: { id: w.ids.cycle }, status: 200 })],
  ["updateCycle", (w) => ({ params: { id: created(w, "createCycle") }, body: { name: "Contract Q1" }, status: 200 })],
  ["listObjectives", (w) => ({ query: { cycleId: w.ids.cycle, expand: "keyResults" }, status: 200 })],
  [
    "createObjective",
    (w) => ({
      body: { cycleId: w.ids.cycle, level: "team", teamId: w.ids.team, title: "Contract objective", whyItMatters: "Integrations rely on it", keyResults: [{ title: "Ten partners live", targetValue: 10 }] },
      status: 201,
    }),
  ],
  ["getObjective", (w) => ({ params: { id: w.ids.objective }, status: 200 })],
  ["updateObjective", (w) => ({ params: { id: created(w, "createObjective") }, body: { version: version(w, "createObjective"), title: "Contract objective, renamed", reason: "A clearer name for partners" }, status: 200 })],
  ["alignObjective", (w) => ({ params: { id: created(w, "createObjective") }, body: { version: version(w, "updateObjective"), parentObjectiveId: w.ids.objective }, status: 200 })],
  ["moveObjective", (w) => ({ params: { id: created(w, "createObjective") }, body: { direction: "up" }, status: 200 })],
  ["listAlignmentCandidates", (w) => ({ query: { cycleId: w.ids.cycle, q: "", exclude: created(w, "createObjective") }, status: 200 })],
  ["listKeyResults", (w) => ({ query: { objectiveId: w.ids.objective }, status: 200 })],
  ["createKeyResult", (w) => ({ body: { objectiveId: w.ids.objective, title: "Uptime above the floor", direction: "keep_above", startValue: "99", targetValue: "99.9", unit: "%" }, status: 201 })],
  ["getKeyResult", (w) => ({ params: { id: w.ids.keyResult }, status: 200 })],
  ["updateKeyResult", (w) => ({ params: { id: created(w, "createKeyResult") }, body: { version: version(w, "createKeyResult"), title: "Uptime stays above the floor", reason: "Says what it measures" }, status: 200 })],
  ["moveKeyResult", (w) => ({ params: { id: created(w, "createKeyResult") }, body: { direction: "up" }, status: 200 })],
  ["createInitiative", (w) => ({ body: { keyResultId: w.ids.keyResult, title: "Cache the tree payload", dueDate: "2027-03-01", url: "https://tracker.example.com/KEEL-1" }, status: 201 })],
  ["listInitiatives", (w) => ({ params: { id: w.ids.keyResult }, status: 200 })],
  ["getInitiative", (w) => ({ params: { id: created(w, "createInitiative") }, status: 200 })],
  ["updateInitiative", (w) => ({ params: { id: created(w, "createInitiative") }, body: { version: version(w, "createInitiative"), status: "done", dueDate: null }, status: 200 })],
  ["deleteInitiative", (w) => ({ params: { id: created(w, "createInitiative") }, query: { version: String(version(w, "updateInitiative")) }, status: 204 })],
  ["listKeyResultDependencies", (w) => ({ params: { id: w.ids.keyResult }, status: 200 })],
  ["addKeyResultDependency", (w) => ({ params: { id: createdKeyResult(w) }, body: { dependsOnId: w.ids.keyResult }, status: 201 })],
  ["removeKeyResultDependency", (w) => ({ params: { id: createdKeyResult(w), dependsOnId: w.ids.keyResult }, status: 204 })],
  ["listObjectiveSupports", (w) => ({ params: { id: w.ids.objective }, status: 200 })],
  ["addObjectiveSupport", (w) => ({ params: { id: created(w, "createObjective") }, body: { supportsKeyResultId: w.ids.keyResult }, status: 201 })],
  ["removeObjectiveSupport", (w) => ({ params: { id: created(w, "createObjective"), supportId: created(w, "addObjectiveSupport") }, status: 204 })],
  [
    "createCheckIn",
    (w) => ({ body: { keyResultId: created(w, "createKeyResult"), value: "99.95", confidence: "on_track", note: "Held all week" }, headers: { "idempotency-key": `contract-${w.ids.org}` }, status: 201 }),
  ],
  ["listCheckIns", (w) => ({ query: { keyResultId: created(w, "createKeyResult"), week: isoDay(WEEK) }, status: 200 })],
  ["getCheckIn", (w) => ({ params: { id: w.ids.checkIn }, status: 200 })],
  ["listTeams", () => ({ query: { archived: "false" }, status: 200 })],
  ["createTeam", (w) => ({ body: { name: "Contract platform", parentId: w.ids.team }, status: 201 })],
  ["getTeam", (w) => ({ params: { id: w.ids.team }, status: 200 })],
  ["updateTeam", (w) => ({ params: { id: created(w, "createTeam") }, body: { name: "Contract platform team" }, status: 200 })],
  ["listTeamMembers", (w) => ({ params: { id: w.ids.team }, status: 200 })],
  ["addTeamMember", (w) => ({ params: { id: created(w, "createTeam") }, body: { userId: w.ids.member }, status: 201 })],
  ["setTeamMemberRole", (w) => ({ params: { id: created(w, "createTeam"), userId: w.ids.member }, body: { role: "lead" }, status: 200 })],
  ["removeTeamMember", (w) => ({ params: { id: created(w, "createTeam"), userId: w.ids.member }, status: 204 })],
  ["listMembers", () => ({ query: { limit: "5" }, status: 200 })],
  ["getMember", (w) => ({ params: { userId: w.ids.member }, status: 200 })],
  ["getCyclePlanning", (w) => ({ params: { id: w.ids.cycle }, status: 200 })],
  ["exportOrganization", () => ({ status: 200 })],
  ["importOrganization", (w) => ({ body: w.answers.exportOrganization, headers: { authorization: `Bearer ${w.emptyOrganizationToken}` }, status: 201 })],
  ["importOkrs", (w) => ({ body: { cycleId: w.ids.cycle, format: "csv", content: "Objective,Key result,Start,Target\nContract import,Import forty rows,0,40\n" }, status: 201 })],
  ["search", (w) => ({ query: { q: "Contract", cycleId: w.ids.cycle }, status: 200 })],
  ["getAlignmentTree", (w) => ({ params: { id: w.ids.cycle }, status: 200 })],
  ["saveRetrospective", (w) => ({ params: { id: w.ids.objective }, body: { wentWell: "Shipped the partner API", learned: "Start with the contract" }, status: 200 })],
  ["scoreKeyResults", (w) => ({ params: { id: w.ids.cycle }, body: { scores: [{ keyResultId: w.ids.keyResult, score: "0.7" }] }, status: 200 })],
  ["carryForward", (w) => ({ params: { id: w.ids.cycle }, body: { toCycleId: created(w, "createCycle"), objectiveIds: [w.ids.objective] }, status: 201 })],
  ["abandonObjective", (w) => ({ params: { id: created(w, "createObjective") }, body: { version: version(w, "moveObjective"), reason: "Folded into the parent" }, status: 200 })],
  ["closeCycle", (w) => ({ params: { id: w.ids.cycle }, body: { summary: "A good quarter", force: true }, status: 200 })],
  ["activateCycle", (w) => ({ params: { id: created(w, "createCycle") }, status: 200 })],
  ["getCycleSummary", (w) => ({ params: { id: w.ids.cycle }, status: 200 })],
];

function created(world: World, operationId: string): string {
  const id = world.answers[operationId]?.id;
  if (typeof id !== "string") throw new Error(`${operationId} has not answered with an id yet`);
  return id;
}

/** The key result made together with the objective of createObjective: on another objective than the fixture's. */
function createdKeyResult(world: World): string {
  const keyResults = world.answers.createObjective?.keyResults as { id: string }[] | undefined;
  // The problem test stands in an answer without key results for every case: any id that names nothing will do.
  return keyResults?.[0]?.id ?? created(world, "createObjective");
}

function version(world: World, operationId: string): number {
  const v = world.answers[operationId]?.version;
  if (typeof v !== "number") throw new Error(`${operationId} has not answered with a version yet`);
  return v;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

async function createWorld(): Promise<World> {
  const db = e2ePrisma();
  const org = await createOrganization(db, { name: `Contract ${Date.now()}` });
  const owner = await createMember(db, org.id, "owner");
  const member = await createMember(db, org.id, "member");
  const team = await createTeam(db, org.id);
  await addTeamMember(db, org.id, team.id, member.id, "member");
  const cycle = await createCycle(db, org.id, { state: "active", startDate: new Date(WEEK.getTime() - 40 * 86_400_000), endDate: new Date(WEEK.getTime() + 40 * 86_400_000) });
  const objective = await createObjective(db, org.id, { cycleId: cycle.id, ownerId: owner.id, teamId: team.id, level: "team" });
  const keyResult = await createKeyResult(db, org.id, { objectiveId: objective.id, ownerId: owner.id });
  const checkIn = await createCheckIn(db, org.id, { keyResultId: keyResult.id, authorId: owner.id, week: WEEK, value: 1 });
  const { secret } = await createApiToken(db, org.id, owner.id, "contract");
  // The same owner moves the organisation: only someone who shares an organisation with its people may add them.
  const empty = await createOrganization(db, { name: `Contract import ${Date.now()}` });
  await addMember(db, empty.id, owner.id, "owner");
  const { secret: emptyOrganizationToken } = await createApiToken(db, empty.id, owner.id, "contract import");
  return {
    token: secret,
    emptyOrganizationToken,
    ids: { org: org.id, owner: owner.id, member: member.id, team: team.id, cycle: cycle.id, objective: objective.id, keyResult: keyResult.id, checkIn: checkIn.id },
    answers: {},
  };
}

function locate(doc: OpenApi): Map<string, Located> {
  const out = new Map<string, Located>();
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) out.set(op.operationId, { method: method.toUpperCase(), template, op });
  }
  return out;
}

function urlOf(template: string, params: Record<string, string> = {}, query: Record<string, string> = {}): string {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams(query).toString();
  return `/api/v1${path}${search ? `?${search}` : ""}`;
}

async function send(request: APIRequestContext, located: Located, call: Call, token: string | null): Promise<APIResponse> {
  return request.fetch(urlOf(located.template, call.params, call.query), {
    method: located.method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(call.body !== undefined ? { "content-type": "application/json" } : {}),
      ...call.headers,
    },
    ...(call.body !== undefined ? { data: JSON.stringify(call.body) } : {}),
    failOnStatusCode: false,
    maxRedirects: 0,
  });
}

/** Why an answer breaks the document, or null when it keeps to it. */
async function breachOf(res: APIResponse, located: Located, validatorFor: (schema: object) => ValidateFunction): Promise<string | null> {
  const status = String(res.status());
  const documented = located.op.responses[status];
  if (!documented) return `answered ${status}, which the document does not list (${Object.keys(located.op.responses).join(", ")}): ${(await res.text()).slice(0, 300)}`;
  const body = await res.body();
  if (!documented.content) return body.length ? `answered ${status} with a body the document says it has none of` : null;
  const type = (res.headers()["content-type"] ?? "").split(";")[0]!.trim();
  const media = documented.content[type];
  if (!media) return `answered ${status} as ${type || "no content type"}; the document says ${Object.keys(documented.content).join(" or ")}`;
  const validate = validatorFor(media.schema);
  const json: unknown = JSON.parse(body.toString("utf8"));
  if (!validate(json)) return `answered ${status} with a body that breaks its schema: ${JSON.stringify(validate.errors?.slice(0, 5))}`;
  return null;
}

test.describe.configure({ mode: "serial" });

let doc: OpenApi;
let ajv: Ajv2020;
const validators = new Map<object, ValidateFunction>();
function validatorFor(schema: object): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    // Refs in the document are relative to it: resolve them against the copy registered as "openapi".
    validate = ajv.compile({ $ref: `openapi#${jsonPointerTo(schema)}` });
    validators.set(schema, validate);
  }
  return validate;
}

/** Where a schema object sits in the document, so ajv validates it in place with its refs resolvable. */
const pointers = new Map<object, string>();
function jsonPointerTo(schema: object): string {
  const pointer = pointers.get(schema);
  if (!pointer) throw new Error("That schema is not part of the document");
  return pointer;
}
function indexPointers(value: unknown, pointer: string) {
  if (!value || typeof value !== "object") return;
  pointers.set(value, pointer);
  for (const [key, child] of Object.entries(value)) indexPointers(child, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
}

test.beforeAll(async ({ request }) => {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");
  doc = (await res.json()) as OpenApi;
  ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(doc as object, "openapi");
  indexPointers(doc, "");
});

test("the document is public, OpenAPI 3.1, and this test has a case for each of its operations", async () => {
  expect(doc.openapi).toMatch(/^3\.1\./);
  const documented = [...locate(doc).keys()].sort();
  expect(CASES.map(([id]) => id).sort()).toEqual(documented);
});

test("every documented operation answers what the document says, in success", async ({ request }) => {
  test.setTimeout(120_000);
  const world = await createWorld();
  const located = locate(doc);
  for (const [operationId, build] of CASES) {
    const where = located.get(operationId)!;
    const call = build(world);
    const res = await send(request, where, call, world.token);
    const label = `${operationId}: ${where.method} ${where.template}`;
    expect(await breachOf(res, where, validatorFor), label).toBeNull();
    expect(res.status(), `${label}: ${(await res.text()).slice(0, 300)}`).toBe(call.status);
    if (res.status() !== 204) world.answers[operationId] = (await res.json()) as Record<string, unknown>;
  }

  // A tree the browser already holds is not sent again.
  const tree = located.get("getAlignmentTree")!;
  const first = await send(request, tree, { params: { id: world.ids.cycle }, status: 200 }, world.token);
  const again = await send(request, tree, { params: { id: world.ids.cycle }, headers: { "if-none-match": first.headers()["etag"]! }, status: 304 }, world.token);
  expect(again.status()).toBe(304);
  expect(await breachOf(again, tree, validatorFor)).toBeNull();
});

test("every documented operation answers a documented problem without a token, and for an id that does not exist", async ({ request }) => {
  test.setTimeout(120_000);
  const world = await createWorld();
  const missing = "0190a4a0-0000-7000-8000-00000000dead";
  const missingToo = "0190a4a0-0000-7000-8000-00000000beef";
  for (const [operationId, where] of locate(doc)) {
    const build = CASES.find(([id]) => id === operationId)![1];
    // Any answer a case's builder needs from an earlier case is stood in for by an id that names nothing.
    const call = build({ ...world, answers: new Proxy({}, { get: () => ({ id: missingToo, version: 1 }) }) });

    // A case may name its own token (the import into an empty organisation); anonymous means none at all.
    const { authorization: _token, ...headers } = call.headers ?? {};
    const anonymous = await send(request, where, { ...call, headers }, null);
    expect(anonymous.status(), `${operationId} without a token`).toBe(401);
    expect(await breachOf(anonymous, where, validatorFor), `${operationId} without a token`).toBeNull();

    if (!where.op.parameters?.some((p) => p.in === "path")) continue;
    const params = Object.fromEntries(Object.keys(call.params ?? {}).map((name) => [name, missing]));
    const unknown = await send(request, where, { ...call, params }, world.token);
    expect(unknown.status(), `${operationId} for an unknown id`).toBe(404);
    expect(await breachOf(unknown, where, validatorFor), `${operationId} for an unknown id`).toBeNull();
  }
});

test("the API reference page is reached from the user menu and draws the document from this server alone", async ({ page, signInAs }) => {
  test.setTimeout(60_000);
  const outside: string[] = [];
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (!["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol !== "blob:" && url.protocol !== "data:") outside.push(req.url());
  });
  await signInAs(DEMO.member);
  await page.goto("/");
  await page.getByRole("button", { name: "Open user menu" }).click();
  await page.getByRole("menuitem", { name: "API reference" }).click();
  // Redoc lays out the whole document in the browser before it shows anything: seconds on a busy two-core machine.
  await expect(page.getByRole("heading", { name: /Keel API/ }).first()).toBeVisible({ timeout: 30_000 });
  const checkIn = page.getByRole("heading", { name: "Check in on a key result" });
  await checkIn.scrollIntoViewIfNeeded();
  await expect(checkIn).toBeVisible();
  await expect(page.getByText("Idempotency-Key").first()).toBeAttached();
  await page.getByRole("link", { name: "Back to Keel" }).focus();
  await expect(page.getByRole("link", { name: "Back to Keel" })).toBeFocused();
  expect(outside).toEqual([]);
});
