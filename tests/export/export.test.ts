import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveActor, type Actor } from "@/lib/auth/actor";
import { addDays } from "@/lib/dates/week";
import { db } from "@/lib/db/prisma";
import { EXPORT_SCHEMA_VERSION, EXPORTED_TABLES, OMITTED_TABLES, ROW_KEYS, type ExportDocument } from "@/lib/export/document";
import { exportOrganization } from "@/lib/export/export";
import { importOrganization, parseImportText } from "@/lib/export/import";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "@/lib/export/limits";
import { isUuid } from "@/lib/export/ids";
import { AppError } from "@/lib/errors";
import { importOrganizationAction } from "@/app/(app)/settings/organization/export/actions";
import * as exportRoute from "@/app/api/v1/organization/export/route";
import * as importRoute from "@/app/api/v1/organization/import/route";
import * as downloadRoute from "@/app/(app)/settings/organization/export/download/route";
import { demoId, seedDemo } from "@/prisma/demo";
import { DEMO_EMAIL_DOMAIN } from "@/prisma/demo-data";
import { addMember, createApiToken, createMember, createObjective, createOrganization } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { signInAs } from "../helpers/session-state";
import { createWorld } from "../helpers/world";

type Handler = Parameters<typeof callApi>[0];

const TODAY = new Date("2026-11-24T10:00:00Z");
const DEMO_ORG = demoId("org");
const DEMO_OWNER = demoId("user:0");

let tenantTables: string[];
let source: ExportDocument;
let ownerToken: string;

async function actorIn(userId: string, organizationId: string): Promise<Actor> {
  const actor = await resolveActor(userId, { via: "session", organizationId });
  if (!actor || actor.orgId !== organizationId) throw new Error("not a member");
  return actor;
}

/**
 * An empty organisation whose only member is `ownerId`, or else a new person who is also a viewer of the demo
 * organisation: its people may only be made members by someone who already shares an organisation with them.
 */
async function emptyOrganization(ownerId?: string, options: { stranger?: boolean } = {}) {
  const org = await createOrganization(db);
  const owner = ownerId ? { id: ownerId } : await createMember(db, org.id, "owner");
  if (ownerId) await addMember(db, org.id, ownerId, "owner");
  else if (!options.stranger) await addMember(db, DEMO_ORG, owner.id, "viewer");
  return { org, owner };
}

/** Rows per tenant table of one organisation, with a checksum of their content: equal means nothing was written. */
async function fingerprint(orgId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tenantTables) {
    const [row] = await db.$queryRawUnsafe<{ n: number; sum: string | null }[]>(
      `SELECT count(*)::int AS n, md5(string_agg(to_jsonb(t)::text, '' ORDER BY t.id)) AS sum FROM ${table} t WHERE organization_id = $1::uuid`,
      orgId,
    );
    out[table] = `${row!.n}:${row!.sum}`;
  }
  const [org] = await db.$queryRawUnsafe<{ row: string }[]>("SELECT to_jsonb(o)::text AS row FROM organizations o WHERE id = $1::uuid", orgId);
  out.organization = org!.row;
  const [users] = await db.$queryRawUnsafe<{ n: number }[]>("SELECT count(*)::int AS n FROM users");
  out.users = String(users!.n);
  return out;
}

/**
 * Walks two documents side by side: every value equal, except ids, which must correspond one to one (the same id in
 * the first is always the same id in the second, and the reverse). Returns where they differ.
 */
function differencesApartFromIds(a: unknown, b: unknown): string[] {
  const forward = new Map<string, string>();
  const backward = new Map<string, string>();
  const out: string[] = [];
  const walk = (x: unknown, y: unknown, at: string) => {
    if (out.length > 20) return;
    if (typeof x === "string" && isUuid(x)) {
      if (typeof y !== "string" || !isUuid(y)) return void out.push(`${at}: ${x} became ${JSON.stringify(y)}`);
      if ((forward.get(x) ?? y) !== y || (backward.get(y) ?? x) !== x) return void out.push(`${at}: id ${x} maps to both ${forward.get(x)} and ${y}`);
      forward.set(x, y);
      backward.set(y, x);
    } else if (Array.isArray(x)) {
      if (!Array.isArray(y) || y.length !== x.length) return void out.push(`${at}: ${x.length} items became ${Array.isArray(y) ? y.length : typeof y}`);
      x.forEach((item, i) => walk(item, y[i], `${at}.${i}`));
    } else if (x !== null && typeof x === "object") {
      if (y === null || typeof y !== "object") return void out.push(`${at}: an object became ${JSON.stringify(y)}`);
      const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])];
      for (const key of keys) walk((x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key], `${at}.${key}`);
    } else if (x !== y) {
      out.push(`${at}: ${JSON.stringify(x)} became ${JSON.stringify(y)}`);
    }
  };
  walk(a, b, "$");
  return out;
}

function uuidsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === "string" && isUuid(value)) into.add(value);
  else if (Array.isArray(value)) value.forEach((v) => uuidsIn(v, into));
  else if (value !== null && typeof value === "object") Object.values(value).forEach((v) => uuidsIn(v, into));
  return into;
}

/** The demo organisation, plus what the demo does not have: integrations, a person who left, a nudge, a carried objective. */
async function arrangeSource(): Promise<void> {
  if (!(await db.organization.findUnique({ where: { id: DEMO_ORG } }))) await seedDemo(db, { today: TODAY, passwordHash: "not-a-real-hash" });
  const cycles = await db.cycle.findMany({ where: { organizationId: DEMO_ORG }, orderBy: { startDate: "asc" } });
  const [, active, next] = cycles;
  const kr = (await db.keyResult.findFirst({ where: { organizationId: DEMO_ORG, cycleId: active!.id, type: "number" }, orderBy: { id: "asc" } }))!;
  const lastWeek = (await db.checkIn.findFirst({ where: { keyResultId: kr.id }, orderBy: { week: "desc" } }))!.week;

  const identity = await db.user.create({ data: { email: `integration-${randomUUID()}@integrations.keel.invalid`, name: "Warehouse sync", isIntegration: true, remindersEnabled: false } });
  const orgToken = await db.apiToken.create({
    data: { organizationId: DEMO_ORG, userId: identity.id, name: "Warehouse sync", tokenHash: randomUUID().replace(/-/g, "").padEnd(64, "0"), prefix: "keel_org_ab", scope: "checkins_write", kind: "organization", createdById: DEMO_OWNER },
  });
  const checkIn = await db.checkIn.create({
    data: { organizationId: DEMO_ORG, keyResultId: kr.id, authorId: identity.id, week: addDays(lastWeek, 7), value: "42.5", confidence: "at_risk", note: "From the warehouse", apiTokenId: orgToken.id, version: 2 },
  });
  await db.checkInVersion.createMany({
    data: [
      { organizationId: DEMO_ORG, checkInId: checkIn.id, authorId: identity.id, version: 1, value: "40", confidence: "on_track", note: "", apiTokenId: orgToken.id },
      { organizationId: DEMO_ORG, checkInId: checkIn.id, authorId: identity.id, version: 2, value: "42.5", confidence: "at_risk", note: "From the warehouse", apiTokenId: orgToken.id },
    ],
  });
  ownerToken = (await createApiToken(db, DEMO_ORG, DEMO_OWNER, "Owner's script")).secret;

  const team = (await db.team.findFirst({ where: { organizationId: DEMO_ORG, parentId: { not: null } }, orderBy: { id: "asc" } }))!;
  const lead = (await db.teamMembership.findFirst({ where: { teamId: team.id, role: "lead" } }))!;
  const member = (await db.teamMembership.findFirst({ where: { teamId: team.id, role: "member" } }))!;
  await db.nudge.create({ data: { organizationId: DEMO_ORG, teamId: team.id, fromUserId: lead.userId, toUserId: member.userId, week: lastWeek } });
  await db.team.create({ data: { organizationId: DEMO_ORG, parentId: team.id, name: "Retired squad", archivedAt: new Date("2026-10-01T08:00:00Z") } });

  const carried = (await db.objective.findFirst({ where: { organizationId: DEMO_ORG, cycleId: active!.id }, orderBy: { id: "asc" } }))!;
  await createObjective(db, DEMO_ORG, { cycleId: next!.id, ownerId: carried.ownerId, title: `${carried.title} (carried)`, teamId: carried.teamId, level: carried.level });
  await db.objective.updateMany({ where: { organizationId: DEMO_ORG, title: `${carried.title} (carried)` }, data: { carriedFromId: carried.id } });

  const [o1, o2] = await db.objective.findMany({ where: { organizationId: DEMO_ORG, cycleId: active!.id }, orderBy: { id: "asc" }, take: 2 });
  const [k1, k2] = await db.keyResult.findMany({ where: { organizationId: DEMO_ORG, cycleId: active!.id }, orderBy: { id: "asc" }, take: 2 });
  await db.objectiveSupport.createMany({
    data: [
      { organizationId: DEMO_ORG, objectiveId: o1!.id, supportsObjectiveId: o2!.id },
      { organizationId: DEMO_ORG, objectiveId: o2!.id, supportsKeyResultId: k1!.id },
    ],
  });
  await db.keyResultDependency.create({ data: { organizationId: DEMO_ORG, keyResultId: k1!.id, dependsOnId: k2!.id } });

  // Someone who left: their comment stays, they are in the file without a membership.
  const leaver = await createMember(db, DEMO_ORG, "member", { name: "Left Early" });
  await db.comment.create({ data: { organizationId: DEMO_ORG, objectiveId: carried.id, authorId: leaver.id, body: "Handing this over\nbefore I go", submissionKey: randomUUID() } });
  await db.membership.delete({ where: { organizationId_userId: { organizationId: DEMO_ORG, userId: leaver.id } } });
  await db.membership.update({ where: { organizationId_userId: { organizationId: DEMO_ORG, userId: DEMO_OWNER } }, data: { guideDismissedAt: new Date("2026-11-02T09:00:00Z") } });

  // History about a row that no longer exists, with ids in its payload.
  const gone = randomUUID();
  await db.auditEvent.create({
    data: { organizationId: DEMO_ORG, actorId: DEMO_OWNER, entityType: "objective", entityId: gone, action: "objective.deleted", before: { id: gone, parentObjectiveId: carried.id, tags: [gone, "x"] }, reason: "Duplicate" },
  });
  await db.webhookEndpoint.create({ data: { organizationId: DEMO_ORG, url: "https://example.com/hook", events: ["check_in.created"], secretCiphertext: "v1:a:b:c", secretPrefix: "whsec_ab", isEnabled: false } });
}

beforeAll(async () => {
  const rows = await db.$queryRaw<{ table_name: string }[]>`
    SELECT DISTINCT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = 'public' AND c.column_name = 'organization_id' AND t.table_type = 'BASE TABLE' ORDER BY c.table_name`;
  tenantTables = rows.map((r) => r.table_name);
  await arrangeSource();
  source = await exportOrganization(await actorIn(DEMO_OWNER, DEMO_ORG));
}, 120_000);

afterAll(async () => {
  signInAs(null);
  // The demo's sixty people are members here and of every organisation an import made; later files in this worker's
  // database send weekly reminders to everyone due, and must not find them.
  await db.membership.deleteMany({ where: { user: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } } } });
});

describe("organisation export", () => {
  it("names every tenant table of the database: carried in the file, or left out with a reason", () => {
    const covered = [...Object.keys(EXPORTED_TABLES), ...Object.keys(source.omitted)].sort();
    expect(covered).toEqual(tenantTables);
    expect(Object.keys(source.omitted).sort()).toEqual(Object.keys(OMITTED_TABLES).sort());
    for (const reason of Object.values(source.omitted)) expect(reason.length).toBeGreaterThan(20);
    for (const key of new Set(Object.values(EXPORTED_TABLES))) expect(Array.isArray(source[key])).toBe(true);
  });

  it("says the schema version of the latest migration", () => {
    const migrations = readdirSync(path.resolve("prisma/migrations"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(source.schemaVersion).toBe(migrations[migrations.length - 1]);
    expect(EXPORT_SCHEMA_VERSION).toBe(migrations[migrations.length - 1]);
  });

  it("carries the whole demo organisation, and no secret", async () => {
    expect(source.format).toBe("keel-organization");
    expect(source.organization).toMatchObject({ id: DEMO_ORG, name: "Northwind", slug: "northwind" });
    for (const [table, key] of [["teams", "teams"], ["cycles", "cycles"], ["objectives", "objectives"], ["key_results", "keyResults"], ["check_ins", "checkIns"], ["check_in_versions", "checkInVersions"], ["comments", "comments"], ["initiatives", "initiatives"], ["audit_events", "auditEvents"], ["nudges", "nudges"], ["objective_supports", "objectiveSupports"], ["key_result_dependencies", "keyResultDependencies"]] as const) {
      const [row] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table} WHERE organization_id = $1::uuid`, DEMO_ORG);
      expect(source[key], table).toHaveLength(row!.n);
    }
    expect(new Set(source.keyResults.map((k) => k.type))).toEqual(new Set(["number", "percent", "currency", "milestone", "yes_no", "initiatives"]));
    expect(source.people.find((p) => p.name === "Left Early")).toMatchObject({ membership: null, isIntegration: false });
    expect(source.people.find((p) => p.name === "Warehouse sync")).toMatchObject({ isIntegration: true, email: null, membership: null });
    const text = JSON.stringify(source);
    expect(text).not.toMatch(/"(tokenHash|passwordHash|secretCiphertext|secretsSealed|botTokenSealed|sessionVersion|submissionKey)":|v1:a:b:c|not-a-real-hash/);
  });

  it("holds nothing of another organisation, and another's export holds nothing of this one", async () => {
    const world = await createWorld();
    await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.owner.id, title: `Other org goal ${randomUUID()}` });
    const other = await exportOrganization(await actorIn(world.owner.id, world.org.id));
    const otherText = JSON.stringify(other);
    for (const o of source.objectives) expect(otherText).not.toContain(o.id);
    for (const title of source.objectives.map((o) => o.title).slice(0, 10)) expect(otherText).not.toContain(title);
    expect(otherText).not.toContain("Northwind");
    const sourceText = JSON.stringify(source);
    for (const id of uuidsIn(other)) expect(sourceText).not.toContain(id);
  });

  it("is for owners and admins", async () => {
    const world = await createWorld();
    await expect(exportOrganization(await actorIn(world.admin.id, world.org.id))).resolves.toMatchObject({ format: "keel-organization" });
    for (const who of [world.member, world.viewer]) {
      await expect(exportOrganization(await actorIn(who.id, world.org.id))).rejects.toMatchObject({ code: "forbidden" });
    }
  });
});

describe("organisation import", () => {
  it("round trip: export, import into an empty organisation, export again gives the same file apart from ids", async () => {
    const { org } = await emptyOrganization(DEMO_OWNER);
    const importer = await actorIn(DEMO_OWNER, org.id);
    const counts = await importOrganization(importer, structuredClone(source));
    expect(counts).toMatchObject({ objectives: source.objectives.length, checkIns: source.checkIns.length, auditEvents: source.auditEvents.length });
    // Everyone but the integration is an account of this instance already.
    expect(counts.newPeople).toBe(1);

    const again = await exportOrganization(importer);
    const imported = again.auditEvents.filter((e) => e.action === "organization.imported");
    expect(imported).toHaveLength(1);
    expect(imported[0]!.after).toMatchObject({ objectives: source.objectives.length, people: source.people.length });
    again.auditEvents = again.auditEvents.filter((e) => e.action !== "organization.imported");

    // Tokens arrive revoked (their secrets stay behind); the one revoked already keeps its date.
    again.apiTokens.forEach((token, i) => {
      expect(token.revokedAt).not.toBeNull();
      token.revokedAt = source.apiTokens[i]!.revokedAt;
    });
    const strip = (doc: ExportDocument) => ({ ...doc, exportedAt: null, organization: { ...doc.organization, slug: null } });
    expect(differencesApartFromIds(strip(source), strip(again))).toEqual([]);

    // New ids everywhere; only people (accounts of this instance) keep theirs.
    const people = new Set(source.people.map((p) => p.id));
    const text = JSON.stringify(again);
    const kept = [...uuidsIn({ ...source, people: [] })].filter((id) => !people.has(id) && text.includes(id));
    expect(kept).toEqual([]);
  });

  it("writes nothing when the database refuses a row of the last table", async () => {
    const { org, owner } = await emptyOrganization();
    const importer = await actorIn(owner.id, org.id);
    const broken = structuredClone(source);
    broken.auditEvents[broken.auditEvents.length - 1]!.entityType = "refused-by-test";
    await db.$executeRawUnsafe(`CREATE FUNCTION keel_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER keel_test_refuse BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.entity_type = 'refused-by-test') EXECUTE FUNCTION keel_test_refuse()`);
    try {
      const before = await fingerprint(org.id);
      await expect(importOrganization(importer, broken)).rejects.toThrow(/refused by the test/);
      expect(await fingerprint(org.id)).toEqual(before);
    } finally {
      await db.$executeRawUnsafe("DROP TRIGGER keel_test_refuse ON audit_events");
      await db.$executeRawUnsafe("DROP FUNCTION keel_test_refuse()");
    }
  });

  it("refuses a file with a broken reference or a bad value, saying where, and writes nothing", async () => {
    const { org, owner } = await emptyOrganization();
    const importer = await actorIn(owner.id, org.id);
    const before = await fingerprint(org.id);
    const broken = structuredClone(source);
    const last = broken.auditEvents.length - 1;
    broken.auditEvents[last]!.actorId = randomUUID();
    broken.checkIns[3]!.value = "12.34567";
    broken.objectives[2]!.title = "Bad\u0000title";
    const error = await importOrganization(importer, broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation");
    expect((error as AppError).fieldErrors).toMatchObject({
      "checkIns.3.value": [expect.stringContaining("4 after")],
      "objectives.2.title": [expect.stringContaining("NUL")],
    });
    expect((error as AppError).message).toContain("nothing was imported");

    const dangling = structuredClone(source);
    dangling.auditEvents[last]!.actorId = randomUUID();
    dangling.teams[0]!.parentId = dangling.teams[dangling.teams.length - 1]!.id;
    dangling.teams[dangling.teams.length - 1]!.parentId = dangling.teams[0]!.id;
    const refused = (await importOrganization(importer, dangling).catch((e: unknown) => e)) as AppError;
    expect(refused.fieldErrors[`auditEvents.${last}.actorId`]).toEqual([expect.stringContaining("Names no person in the file")]);
    expect(Object.entries(refused.fieldErrors).some(([key, messages]) => key.startsWith("teams.") && messages[0]!.includes("beneath itself"))).toBe(true);
    expect(await fingerprint(org.id)).toEqual(before);
  });

  it("matches people by address: accounts of this instance stay as they are, new ones get no password and no proven address", async () => {
    const { org, owner } = await emptyOrganization();
    const small = structuredClone(source);
    const existing = small.people.find((p) => !p.isIntegration && p.membership?.role === "member")!;
    const realName = existing.name;
    existing.name = "Renamed by the file";
    const stranger = small.people.find((p) => !p.isIntegration && p.id !== existing.id && p.membership?.role === "viewer")!;
    const address = `New.Person.${randomUUID()}@Example.test`;
    Object.assign(stranger, { email: address, name: "Newly Arrived", timeZone: "Asia/Tokyo", emailVerifiedAt: "2026-01-01T00:00:00.000Z" });
    // Lower-cased by the schema, as every address Keel stores.
    const counts = await importOrganization(await actorIn(owner.id, org.id), small);
    expect(counts.newPeople).toBe(2);
    expect(await db.user.findUnique({ where: { id: existing.id }, select: { name: true } })).toEqual({ name: realName });
    const created = await db.user.findUniqueOrThrow({ where: { email: address.toLowerCase() } });
    expect(created).toMatchObject({ name: "Newly Arrived", timeZone: "Asia/Tokyo", passwordHash: null, emailVerifiedAt: null, lastOrganizationId: org.id, isIntegration: false });
    expect(await db.membership.findUnique({ where: { organizationId_userId: { organizationId: org.id, userId: created.id } } })).toMatchObject({ role: "viewer" });
    expect(await db.membership.findUnique({ where: { organizationId_userId: { organizationId: org.id, userId: owner.id } } })).toMatchObject({ role: "owner" });
    const identity = await db.user.findFirstOrThrow({ where: { name: "Warehouse sync", isIntegration: true, checkIns: { some: { organizationId: org.id } } } });
    expect(identity.email).toMatch(/@integrations\.keel\.invalid$/);
    expect(await db.apiToken.count({ where: { organizationId: org.id, revokedAt: null } })).toBe(0);
  });

  it("refuses to make members of accounts that share no organisation with the importer, and writes nothing", async () => {
    const { org, owner } = await emptyOrganization(undefined, { stranger: true });
    const before = await fingerprint(org.id);
    const error = (await importOrganization(await actorIn(owner.id, org.id), source).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe("validation");
    const member = source.people.findIndex((p) => !p.isIntegration && p.membership);
    expect(error.fieldErrors[`people.${member}.email`]).toEqual([expect.stringContaining("shares no organisation with you")]);
    expect(await fingerprint(org.id)).toEqual(before);
  });

  it("refuses a file over the size limit or with too many rows before reading it", async () => {
    expect(() => parseImportText(" ".repeat(IMPORT_MAX_BYTES + 1))).toThrow(/larger than 50 MB/);
    expect(() => parseImportText("{\"format\": ")).toThrow(/not valid JSON/);
    const { org, owner } = await emptyOrganization();
    const huge = { format: "keel-organization", schemaVersion: EXPORT_SCHEMA_VERSION, checkIns: new Array(IMPORT_MAX_ROWS + 1).fill(0) };
    await expect(importOrganization(await actorIn(owner.id, org.id), huge)).rejects.toMatchObject({ code: "validation", message: expect.stringContaining("at most 1000000") });
  });

  it("refuses a file of another version with 422, and a file that is not an export", async () => {
    const { org, owner } = await emptyOrganization();
    const importer = await actorIn(owner.id, org.id);
    await expect(importOrganization(importer, { ...source, schemaVersion: "20250101000000_older" })).rejects.toMatchObject({
      code: "validation",
      message: expect.stringContaining("exported by another version of Keel"),
    });
    await expect(importOrganization(importer, { hello: "world" })).rejects.toMatchObject({ code: "validation", message: expect.stringContaining("not a Keel organisation export") });
  });

  it("refuses an organisation that is not empty with 409, and writes nothing", async () => {
    const world = await createWorld();
    const before = await fingerprint(world.org.id);
    await expect(importOrganization(await actorIn(world.owner.id, world.org.id), source)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/is not empty: it has 1 team, 1 cycle and 4 other members/),
    });
    expect(await fingerprint(world.org.id)).toEqual(before);
  });

  it("is for owners only", async () => {
    const { org } = await emptyOrganization();
    const admin = await createMember(db, org.id, "admin");
    const before = await fingerprint(org.id);
    await expect(importOrganization(await actorIn(admin.id, org.id), source)).rejects.toMatchObject({ code: "forbidden" });
    expect(await fingerprint(org.id)).toEqual(before);
  });
});

describe("API v1 and the settings page", () => {
  it("GET /organization/export streams the same document as an attachment", async () => {
    const res = await callApi(exportRoute.GET as Handler, { path: "/api/v1/organization/export", token: ownerToken });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="keel-northwind-\d{4}-\d{2}-\d{2}\.json"$/);
    const doc = res.json as ExportDocument;
    for (const key of ROW_KEYS) expect(doc[key].length, key).toBeGreaterThanOrEqual(source[key].length);
    expect(doc.schemaVersion).toBe(EXPORT_SCHEMA_VERSION);
  });

  it("the export is refused to members and to anonymous callers", async () => {
    const world = await createWorld();
    const member = await createApiToken(db, world.org.id, world.member.id);
    expect((await callApi(exportRoute.GET as Handler, { path: "/api/v1/organization/export", token: member.secret })).status).toBe(403);
    expect((await callApi(exportRoute.GET as Handler, { path: "/api/v1/organization/export" })).status).toBe(401);
    expect((await callApi(downloadRoute.GET as Handler, { path: "/settings/organization/export/download" })).status).toBe(401);
  });

  it("POST /organization/import imports into the caller's empty organisation, and answers problems as 422", async () => {
    const { org, owner } = await emptyOrganization();
    const token = (await createApiToken(db, org.id, owner.id)).secret;
    const wrong = await callApi(importRoute.POST as Handler, { method: "POST", path: "/api/v1/organization/import", token, body: { ...source, schemaVersion: "1999" } });
    expect(wrong.status).toBe(422);
    expect(wrong.contentType).toContain("application/problem+json");
    expect((wrong.json as { detail: string }).detail).toContain("exported by another version of Keel");

    const res = await callApi(importRoute.POST as Handler, { method: "POST", path: "/api/v1/organization/import", token, body: source });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ objectives: source.objectives.length, checkIns: source.checkIns.length });
    expect(await db.objective.count({ where: { organizationId: org.id } })).toBe(source.objectives.length);

    const again = await callApi(importRoute.POST as Handler, { method: "POST", path: "/api/v1/organization/import", token, body: source });
    expect(again.status).toBe(409);
  });

  it("POST /organization/import is refused to an admin, and a body that is not JSON is a 400", async () => {
    const { org } = await emptyOrganization();
    const admin = await createMember(db, org.id, "admin");
    const token = (await createApiToken(db, org.id, admin.id)).secret;
    expect((await callApi(importRoute.POST as Handler, { method: "POST", path: "/api/v1/organization/import", token, body: source })).status).toBe(403);
    const owner = await createMember(db, org.id, "owner");
    const ownerSecret = (await createApiToken(db, org.id, owner.id)).secret;
    const res = await callApi(importRoute.POST as Handler, { method: "POST", path: "/api/v1/organization/import", token: ownerSecret, body: "{not json" });
    expect(res.status).toBe(400);
  });

  it("the settings page's import action imports the chosen file and tells the counts, or lists every problem", async () => {
    const { org, owner } = await emptyOrganization();
    const small = structuredClone(source);
    small.checkIns = [];
    small.checkInVersions = [];
    signInAs(owner.id);
    const refused = await importOrganizationAction({ status: "idle" }, { document: JSON.stringify({ ...small, cycles: [{ ...small.cycles[0], state: "finished" }, ...small.cycles.slice(1)] }) });
    expect(refused).toMatchObject({ status: "error", code: "validation" });
    if (refused.status === "error") expect(refused.fieldErrors["cycles.0.state"]).toBeDefined();
    expect(await db.cycle.count({ where: { organizationId: org.id } })).toBe(0);

    const done = await importOrganizationAction({ status: "idle" }, { document: JSON.stringify(small) });
    expect(done).toMatchObject({ status: "success", message: expect.stringContaining(`${small.objectives.length} objectives`) });
    expect(await db.cycle.count({ where: { organizationId: org.id } })).toBe(small.cycles.length);

    const member = await createMember(db, org.id, "member");
    signInAs(member.id);
    expect(await importOrganizationAction({ status: "idle" }, { document: JSON.stringify(small) })).toMatchObject({ status: "error", code: "forbidden" });
  });
});
