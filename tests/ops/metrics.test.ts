import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as scrape } from "@/app/api/metrics/route";
import { POST as postCheckIn } from "@/app/api/v1/check-ins/route";
import { GET as listObjectives } from "@/app/api/v1/objectives/route";
import { resolveActor } from "@/lib/auth/actor";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { recordCheckIn } from "@/lib/checkins/mutations";
import { poolConfigFromUrl } from "@/lib/db/connection";
import { db } from "@/lib/db/prisma";
import { track } from "@/lib/http/observe";
import { log } from "@/lib/log";
import { metricsAccess } from "@/lib/ops/metrics";
import { createApiToken, createKeyResult, createObjective, createUser } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { createWorld } from "../helpers/world";

const TOKEN = "metrics-token-for-tests-0123456789";

async function scrapeWith(headers: Record<string, string>) {
  return callApi(scrape as never, { path: "/api/metrics", headers });
}

/** The value of one sample in Prometheus text, or undefined when the series has no such sample. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

let server: Server;
let baseUrl: string;
let boss: PgBoss;

beforeAll(async () => {
  // A server that does what the instrumentation hook does to every request, answering like an API route would.
  server = createServer((req, res) => {
    track(req, res);
    res.statusCode = req.url?.startsWith("/api/v1/objectives/") ? 200 : 404;
    res.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // pg-boss's tables with one queue holding a waiting job and a failed one; no workers, so nothing moves.
  const config = poolConfigFromUrl(process.env.DATABASE_URL!);
  boss = new PgBoss({ host: config.host, port: config.port, user: config.user, database: config.database, max: 2 });
  boss.on("error", () => undefined);
  await boss.start();
  await boss.createQueue("metrics-test", { name: "metrics-test", retryLimit: 0 });
  await boss.send("metrics-test", { n: 1 });
  const [job] = await boss.fetch("metrics-test");
  await boss.fail("metrics-test", job!.id, new Error("on purpose"));
  await boss.send("metrics-test", { n: 2 }, { startAfter: 3600 });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await boss.stop({ graceful: false, wait: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("/api/metrics", () => {
  it("does not exist without KEEL_METRICS_TOKEN, and says how to turn it on", async () => {
    vi.stubEnv("KEEL_METRICS_TOKEN", "");
    const res = await scrapeWith({ authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(404);
    expect(res.contentType).toBe("application/problem+json");
    expect(res.json).toMatchObject({ status: 404, detail: expect.stringContaining("KEEL_METRICS_TOKEN") });
  });

  it("refuses a missing or wrong token with 401, the problem naming the request id it was given", async () => {
    vi.stubEnv("KEEL_METRICS_TOKEN", TOKEN);
    const missing = await scrapeWith({ "x-request-id": "lb-7f3a" });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(missing.headers.get("x-request-id")).toBe("lb-7f3a");
    expect(missing.json).toMatchObject({ status: 401, requestId: "lb-7f3a" });
    for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, "Bearer", TOKEN]) {
      expect((await scrapeWith({ authorization })).status).toBe(401);
    }
    expect(metricsAccess(`bearer ${TOKEN}`, TOKEN)).toBe("allowed");
    expect(metricsAccess(`Bearer ${TOKEN}`, "   ")).toBe("disabled");
  });

  it("shows request timings, the pool, the job queues, check-ins, sign-ins and the process", async () => {
    vi.stubEnv("KEEL_METRICS_TOKEN", TOKEN);
    const world = await createWorld();
    const before = (await scrapeWith({ authorization: `Bearer ${TOKEN}` })).json as string;

    // Two requests through the server hook, one with an id, and a real API route for the pool to have been used.
    const id = randomUUID();
    await fetch(`${baseUrl}/api/v1/objectives/${id}?x=1`);
    await fetch(`${baseUrl}/api/v1/objectives/${randomUUID()}`);
    await callApi(listObjectives as never, { path: "/api/v1/objectives" });

    // A check-in, and sign-ins that work and that fail.
    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.member.id });
    const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.member.id, start: 0, target: 10 });
    await recordCheckIn((await resolveActor(world.member.id, { via: "session", sessionVersion: 0 }))!, { keyResultId: kr.id, value: "3", confidence: "on_track", note: "" });
    // Through the API with an Idempotency-Key: counted once, after its commit; the replay writes and counts nothing.
    const { secret } = await createApiToken(db, world.org.id, world.member.id);
    const other = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.member.id, start: 0, target: 10 });
    const call = { method: "POST", path: "/api/v1/check-ins", token: secret, headers: { "idempotency-key": randomUUID() }, body: { keyResultId: other.id, value: 4, confidence: "on_track" } };
    expect((await callApi(postCheckIn as never, call)).status).toBe(201);
    expect((await callApi(postCheckIn as never, call)).headers.get("idempotent-replayed")).toBe("true");
    const person = await createUser(db, { email: `metrics-${randomUUID().slice(0, 8)}@example.test`, passwordHash: await hashPassword("right-password-2026") });
    expect(await authorizeCredentials({ email: person.email, password: "right-password-2026" }, `ip-${randomUUID()}`)).not.toBeNull();
    expect(await authorizeCredentials({ email: person.email, password: "wrong-password-2026" }, `ip-${randomUUID()}`)).toBeNull();

    const res = await scrapeWith({ authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.json as string;

    expect(sample(text, 'keel_http_request_duration_seconds_count{method="GET",route="/api/v1/objectives/:id",status="200"}')).toBe(2);
    expect(text).not.toContain(id);
    for (const gauge of ["keel_db_pool_connections", "keel_db_pool_in_use", "keel_db_pool_idle", "keel_db_pool_waiting"]) {
      expect(sample(text, gauge), gauge).toBeGreaterThanOrEqual(0);
    }
    expect(sample(text, "keel_db_pool_connections")).toBeGreaterThan(0);
    expect(sample(text, 'keel_job_queue_depth{queue="metrics-test"}')).toBe(1);
    expect(sample(text, 'keel_job_queue_active{queue="metrics-test"}')).toBe(0);
    expect(sample(text, 'keel_job_queue_failed{queue="metrics-test"}')).toBe(1);
    const grew = (series: string) => (sample(text, series) ?? 0) - (sample(before, series) ?? 0);
    expect(grew('keel_check_ins_total{kind="created"}')).toBe(2);
    expect(grew('keel_sign_ins_total{method="password",outcome="success"}')).toBe(1);
    expect(grew('keel_sign_ins_total{method="password",outcome="failure"}')).toBe(1);
    expect(sample(text, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(text).toContain("nodejs_eventloop_lag_seconds");
  });
});

describe("the request hook", () => {
  it("keeps a proxy's well-formed X-Request-Id, replaces a malformed one, and logs one line per request with it", async () => {
    const info = vi.spyOn(log(), "info");
    const kept = await fetch(`${baseUrl}/nowhere`, { headers: { "x-request-id": "edge-42.abc" } });
    expect(kept.headers.get("x-request-id")).toBe("edge-42.abc");
    const replaced = await fetch(`${baseUrl}/nowhere`, { headers: { "x-request-id": "x".repeat(300) } });
    const fresh = replaced.headers.get("x-request-id");
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => info.mock.calls.length).toBeGreaterThanOrEqual(2);
    const lines = info.mock.calls.map(([fields]) => fields as unknown as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ requestId: "edge-42.abc", method: "GET", route: "other", status: 404, durationMs: expect.any(Number) }));
    expect(lines).toContainEqual(expect.objectContaining({ requestId: fresh }));
  });
});
