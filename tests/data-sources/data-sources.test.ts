import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resolveActor, type Actor } from "@/lib/auth/actor";
import { createDataSource, deleteDataSource, removeKeyResultFeed, runKeyResultFeedNow, setKeyResultFeed, testKeyResultFeed } from "@/lib/data-sources/mutations";
import { getKeyResultFeedPage, listDataSources } from "@/lib/data-sources/queries";
import { runDueFeeds } from "@/lib/data-sources/run";
import { CreateDataSourceSchema, SetFeedSchema } from "@/lib/data-sources/schemas";
import { db } from "@/lib/db/prisma";
import { createKeyResult, createObjective } from "@/prisma/factories";
import { createWorld, type World } from "../helpers/world";

/** Stands in for a JSON API and a Prometheus server on this machine. */
let server: Server;
let base: string;
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
let metrics: Record<string, { status: number; body: unknown }> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? "", headers: req.headers });
    const url = new URL(req.url ?? "/", "http://x");
    const key = url.pathname === "/api/v1/query" ? `promql:${url.searchParams.get("query")}` : url.pathname;
    const answer = metrics[key] ?? { status: 404, body: { error: "no such metric" } };
    res.statusCode = answer.status;
    res.setHeader("content-type", "application/json");
    res.end(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

let world: World;
let admin: Actor;
let member: Actor;
let keyResultId: string;

beforeEach(async () => {
  seen.length = 0;
  metrics = {};
  world = await createWorld();
  admin = (await resolveActor(world.admin.id, { via: "session", organizationId: world.org.id }))!;
  member = (await resolveActor(world.member.id, { via: "session", organizationId: world.org.id }))!;
  const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.member.id, teamId: world.team.id, level: "team" });
  keyResultId = (await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.member.id, title: "Orders per day", target: 1000 })).id;
  // Earlier tests' feeds are due too; this test's job runs should only see its own.
  await db.keyResultFeed.updateMany({ data: { nextRunAt: new Date("2999-01-01T00:00:00Z") } });
});

const source = (fields: Record<string, string>) => createDataSource(admin, CreateDataSourceSchema.parse(fields));
const feed = (fields: Record<string, string>) => setKeyResultFeed(member, SetFeedSchema.parse({ keyResultId, ...fields }));
const checkIns = () => db.checkIn.findMany({ where: { keyResultId }, include: { author: true } });

describe("data sources", () => {
  it("are registered by admins, with credentials sealed and never read back out", async () => {
    await expect(createDataSource(member, CreateDataSourceSchema.parse({ name: "Shop", kind: "http_json", url: base }))).rejects.toMatchObject({ code: "forbidden" });
    const created = await source({ name: "Shop", kind: "http_json", url: base, headers: "Authorization: Bearer shop-secret-123" });
    const stored = await db.dataSource.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.secretsSealed).not.toContain("shop-secret-123");
    expect(JSON.stringify(await listDataSources(world.org.id))).not.toContain("shop-secret-123");
    expect(JSON.stringify(await getKeyResultFeedPage(world.org.id, keyResultId))).not.toContain("shop-secret-123");
    expect(await db.user.findUniqueOrThrow({ where: { id: stored.identityId } })).toMatchObject({ name: "Data source: Shop", isIntegration: true });

    expect(CreateDataSourceSchema.safeParse({ name: "x", kind: "http_json", url: "ftp://example.com" }).error?.issues[0]).toMatchObject({ path: ["url"] });
    expect(CreateDataSourceSchema.safeParse({ name: "x", kind: "http_json", url: base, headers: "not a header" }).error?.issues[0]?.message).toMatch(/Name: value/);
    expect(CreateDataSourceSchema.safeParse({ name: "x", kind: "postgres", connectionString: "mysql://x" }).error?.issues[0]).toMatchObject({ path: ["connectionString"] });
  });

  it("feed a key result from JSON: the test shows the number, the job records it as a check-in by the source, sending the headers", async () => {
    const shop = await source({ name: "Shop", kind: "http_json", url: `${base}/`, headers: "X-Api-Key: k-1" });
    metrics["/stats/orders"] = { status: 200, body: { data: { today: 412.34567 } } };
    expect(await testKeyResultFeed(member, { keyResultId, dataSourceId: shop.id, expression: "stats/orders", pointer: "/data/today" })).toEqual({ ok: true, value: "412.3457" });
    expect(await checkIns()).toHaveLength(0);

    await feed({ dataSourceId: shop.id, expression: "stats/orders", pointer: "/data/today", schedule: "daily" });
    expect(await runDueFeeds()).toEqual({ recorded: 1, failed: 0 });
    const [recorded] = await checkIns();
    expect(recorded).toMatchObject({ note: "", author: { name: "Data source: Shop" } });
    expect(recorded!.value.toString()).toBe("412.3457");
    expect(seen.at(-1)!.headers["x-api-key"]).toBe("k-1");
    expect((await db.keyResult.findUniqueOrThrow({ where: { id: keyResultId } })).currentValue.toString()).toBe("412.3457");

    // Not due again until tomorrow.
    expect(await runDueFeeds()).toEqual({ recorded: 0, failed: 0 });
    expect(await runDueFeeds({ now: () => new Date(Date.now() + 86_400_000 + 60_000) })).toMatchObject({ recorded: 1 });
  });

  it("never records a wrong value: a failure is kept on the feed and mailed to the owner once", async () => {
    const shop = await source({ name: "Shop", kind: "http_json", url: base });
    metrics["/orders"] = { status: 200, body: { data: { today: "soon" } } };
    await feed({ dataSourceId: shop.id, expression: "orders", pointer: "/data/today" });
    expect(await runKeyResultFeedNow(member, keyResultId)).toEqual({ ok: false, error: 'The value at /data/today is "soon", not a number' });
    metrics["/orders"] = { status: 401, body: { error: "bad key" } };
    expect(await runKeyResultFeedNow(member, keyResultId)).toMatchObject({ ok: false, error: expect.stringMatching(/refused the credentials \(401\)/) });
    expect(await checkIns()).toHaveLength(0);

    const page = await getKeyResultFeedPage(world.org.id, keyResultId);
    expect(page.keyResult.feed).toMatchObject({ lastError: expect.stringMatching(/401/), failingSince: expect.any(Date) });
    const mails = await db.emailMessage.findMany({ where: { organizationId: world.org.id, kind: "data-source-failed" } });
    expect(mails.map((m) => m.to)).toEqual([world.member.email]);

    metrics["/orders"] = { status: 200, body: { data: { today: 7 } } };
    expect(await runKeyResultFeedNow(member, keyResultId)).toEqual({ ok: true, value: "7" });
    expect((await getKeyResultFeedPage(world.org.id, keyResultId)).keyResult.feed).toMatchObject({ lastValue: "7", lastError: null, failingSince: null });
  });

  it("read a Prometheus instant query, and refuse one that gives several series", async () => {
    const prom = await source({ name: "Prometheus", kind: "prometheus", url: base });
    metrics["promql:sum(up)"] = { status: 200, body: { status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1, "3"] }] } } };
    metrics["promql:up"] = { status: 200, body: { status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1, "1"] }, { metric: {}, value: [1, "1"] }] } } };
    expect(await testKeyResultFeed(member, { keyResultId, dataSourceId: prom.id, expression: "up", pointer: "" })).toMatchObject({ ok: false, error: expect.stringMatching(/2 series/) });
    await feed({ dataSourceId: prom.id, expression: "sum(up)", schedule: "hourly" });
    expect(await runKeyResultFeedNow(member, keyResultId)).toEqual({ ok: true, value: "3" });
    await expect(setKeyResultFeed(member, SetFeedSchema.parse({ keyResultId, dataSourceId: prom.id, expression: "" }))).rejects.toMatchObject({ fieldErrors: { expression: [expect.any(String)] } });
  });

  it("run SQL read-only: one number is recorded, and a query that tries to write changes nothing", async () => {
    const sql = await source({ name: "Warehouse DB", kind: "postgres", connectionString: process.env.DATABASE_URL! });
    const count = Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM organizations`)[0]!.n);
    expect(await testKeyResultFeed(member, { keyResultId, dataSourceId: sql.id, expression: "SELECT count(*) FROM organizations", pointer: "" })).toEqual({ ok: true, value: String(count) });
    const attempts = [
      "UPDATE organizations SET name = 'pwned' RETURNING 1",
      "SELECT 1; COMMIT; UPDATE organizations SET name = 'pwned'",
      "SELECT id FROM organizations",
    ];
    for (const expression of attempts) expect(await testKeyResultFeed(member, { keyResultId, dataSourceId: sql.id, expression, pointer: "" })).toMatchObject({ ok: false });
    expect(await db.organization.count({ where: { name: "pwned" } })).toBe(0);
  });

  it("are the organisation's own: another organisation can neither use nor see them, and only those who may change a key result feed it", async () => {
    const shop = await source({ name: "Shop", kind: "http_json", url: base });
    const other = await createWorld();
    const stranger = (await resolveActor(other.admin.id, { via: "session", organizationId: other.org.id }))!;
    const viewer = (await resolveActor(world.viewer.id, { via: "session", organizationId: world.org.id }))!;

    expect(await listDataSources(other.org.id)).toEqual([]);
    await expect(setKeyResultFeed(stranger, SetFeedSchema.parse({ keyResultId, dataSourceId: shop.id }))).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteDataSource(stranger, shop.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(setKeyResultFeed(viewer, SetFeedSchema.parse({ keyResultId, dataSourceId: shop.id }))).rejects.toMatchObject({ code: "forbidden" });

    const otherObjective = await createObjective(db, other.org.id, { cycleId: other.cycle.id, ownerId: other.admin.id, level: "company" });
    const otherKr = await createKeyResult(db, other.org.id, { objectiveId: otherObjective.id, ownerId: other.admin.id });
    await expect(setKeyResultFeed(stranger, SetFeedSchema.parse({ keyResultId: otherKr.id, dataSourceId: shop.id }))).rejects.toMatchObject({ code: "not_found" });
    expect(await db.keyResultFeed.count({ where: { dataSourceId: shop.id } })).toBe(0);

    await feed({ dataSourceId: shop.id, expression: "x" });
    await removeKeyResultFeed(member, keyResultId);
    expect(await db.keyResultFeed.count({ where: { keyResultId } })).toBe(0);
  });
});
