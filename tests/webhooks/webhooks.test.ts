import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resolveActor, type Actor } from "@/lib/auth/actor";
import { recordCheckIn } from "@/lib/checkins/mutations";
import { db } from "@/lib/db/prisma";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver";
import { createWebhookEndpoint, deleteWebhookEndpoint, redeliverWebhook, setWebhookEnabled } from "@/lib/webhooks/mutations";
import { getWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints } from "@/lib/webhooks/queries";
import { CreateWebhookSchema } from "@/lib/webhooks/schemas";
import { verifySignature } from "@/lib/webhooks/signature";
import { createKeyResult, createObjective } from "@/prisma/factories";
import { createWorld, type World } from "../helpers/world";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on this machine that answers with the statuses a test lines up (200 once they run out). */
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let answers: number[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.statusCode = answers.shift() ?? 200;
      res.end(res.statusCode >= 400 ? "receiver is down" : "ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/keel`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

let world: World;
let admin: Actor;
let member: Actor;
let keyResultId: string;

beforeEach(async () => {
  received.length = 0;
  answers = [];
  // The delivery job serves every organisation: what earlier tests left waiting would be sent in this one.
  await db.webhookDelivery.updateMany({ where: { state: "pending" }, data: { state: "failed", nextAttemptAt: null } });
  world = await createWorld();
  admin = (await resolveActor(world.admin.id, { via: "session", organizationId: world.org.id }))!;
  member = (await resolveActor(world.member.id, { via: "session", organizationId: world.org.id }))!;
  const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.member.id, teamId: world.team.id, level: "team" });
  keyResultId = (await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.member.id })).id;
});

const input = (events: string[], url = receiverUrl) => CreateWebhookSchema.parse({ url, events, description: "Test receiver" });
const register = (events: string[] = ["check_in.created"]) => createWebhookEndpoint(admin, input(events), { allowPrivate: true });
const checkIn = (value = "42", now?: Date) => recordCheckIn(member, { keyResultId, value, confidence: "at_risk", note: "Vendor is late" }, now ? { now } : {});
const deliveriesOf = (endpointId: string) => db.webhookDelivery.findMany({ where: { endpointId }, orderBy: { id: "asc" } });
const deliver = (now?: Date) => deliverDueWebhooks({ allowPrivate: true, ...(now ? { now: () => now } : {}) });

describe("registering a webhook", () => {
  it("sends a signed ping first, keeps the secret encrypted and shows it only in the answer", async () => {
    const created = await register();
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.ping.status).toBe(200);
    const ping = received[0]!;
    expect(JSON.parse(ping.body)).toMatchObject({ type: "ping", organizationId: world.org.id });
    expect(verifySignature(created.secret, String(ping.headers["keel-signature"]), ping.body)).toBe(true);

    const stored = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.secretCiphertext).not.toContain(created.secret.slice(6));
    expect(JSON.stringify(await listWebhookEndpoints(world.org.id))).not.toContain(created.secret);
    expect(JSON.stringify(await getWebhookEndpoint(world.org.id, created.id))).not.toContain(created.secret);
  });

  it("refuses an address that is not http(s), is private, or does not answer, with the reason on the URL field", async () => {
    expect(CreateWebhookSchema.safeParse({ url: "ftp://example.com/hook", events: ["check_in.created"] }).error?.issues[0]?.message).toMatch(/https/);
    expect(CreateWebhookSchema.safeParse({ url: "https://user:pw@example.com/hook", events: ["check_in.created"] }).error?.issues[0]?.message).toMatch(/password/);
    expect(CreateWebhookSchema.safeParse({ url: receiverUrl, events: [] }).error?.issues[0]?.message).toMatch(/at least one event/);
    expect(CreateWebhookSchema.safeParse({ url: receiverUrl, events: ["objective.deleted"] }).success).toBe(false);

    await expect(createWebhookEndpoint(admin, input(["check_in.created"]), { allowPrivate: false })).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { url: [expect.stringMatching(/private address \(127\.0\.0\.1\)/)] },
    });
    await expect(createWebhookEndpoint(admin, input(["check_in.created"], "http://localhost:9/keel"), { allowPrivate: false })).rejects.toMatchObject({
      fieldErrors: { url: [expect.stringMatching(/private address/)] },
    });
    await expect(createWebhookEndpoint(admin, input(["check_in.created"], "http://127.0.0.1:9/keel"), { allowPrivate: true })).rejects.toMatchObject({
      fieldErrors: { url: [expect.stringMatching(/refused the connection/)] },
    });
    expect(await db.webhookEndpoint.count({ where: { organizationId: world.org.id } })).toBe(0);
  });

  it("is for owners and admins only", async () => {
    await expect(createWebhookEndpoint(member, input(["check_in.created"]), { allowPrivate: true })).rejects.toMatchObject({ code: "forbidden" });
    expect(received).toHaveLength(0);
  });
});

describe("the outbox", () => {
  it("writes one event and one delivery per subscribed endpoint in the check-in's own transaction", async () => {
    const checkIns = await register(["check_in.created"]);
    const objectives = await register(["objective.created"]);
    const saved = await checkIn();

    const events = await db.webhookEvent.findMany({ where: { organizationId: world.org.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "check_in.created" });
    expect(events[0]!.payload).toMatchObject({
      type: "check_in.created",
      organizationId: world.org.id,
      actor: { userId: world.member.id },
      data: { objectType: "check_in", object: { id: saved.id, keyResultId, value: "42", confidence: "at_risk", note: "Vendor is late" } },
    });
    expect(await deliveriesOf(checkIns.id)).toHaveLength(1);
    expect(await deliveriesOf(objectives.id)).toHaveLength(0);

    // A refused check-in writes neither the check-in nor an event.
    const viewer = (await resolveActor(world.viewer.id, { via: "session", organizationId: world.org.id }))!;
    await expect(recordCheckIn(viewer, { keyResultId, value: "1", confidence: "on_track", note: "" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.webhookEvent.count({ where: { organizationId: world.org.id } })).toBe(1);
  });

  it("announces every event type it offers from the audit action that makes it", async () => {
    const actions = await db.$queryRaw<{ type: string | null }[]>`
      SELECT DISTINCT keel_webhook_event_type(a) AS type FROM unnest(ARRAY[
        'checkin.created', 'checkin.updated', 'keyresult.created', 'keyresult.updated', 'keyresult.target_changed', 'keyresult.scored',
        'objective.created', 'objective.updated', 'objective.title_changed', 'objective.aligned', 'objective.abandoned',
        'cycle.activated', 'cycle.closed', 'comment.created', 'initiative.created', 'initiative.updated', 'initiative.deleted',
        'team.created', 'api_token.created'
      ]) AS a`;
    const types = actions.map((a) => a.type).filter(Boolean).sort();
    expect(types).toEqual([...WEBHOOK_EVENT_TYPES].sort());
  });

  it("survives a restart between the commit and the send: two servers then deliver each event exactly once", async () => {
    const endpoint = await register();
    received.length = 0;
    // The server that made these check-ins stops before any delivery run.
    for (let week = 0; week < 5; week++) await checkIn(String(week + 1), new Date(Date.UTC(2026, 9, 5 + week * 7, 10)));
    const eventIds = (await db.webhookEvent.findMany({ where: { organizationId: world.org.id }, select: { id: true } })).map((e) => e.id).sort();
    expect(eventIds).toHaveLength(5);

    const [a, b] = await Promise.all([deliver(), deliver()]);
    expect(a.delivered + b.delivered).toBe(5);
    const sentIds = received.map((r) => String(r.headers["keel-webhook-id"])).sort();
    expect(sentIds).toEqual(eventIds);
    expect((await deliveriesOf(endpoint.id)).every((d) => d.state === "delivered" && d.attempts === 1)).toBe(true);
    expect(await deliver()).toMatchObject({ delivered: 0, retrying: 0 });
  });
});

describe("delivery", () => {
  it("signs each delivery so the documented check accepts it, and logs status and duration", async () => {
    const { secret, id } = await register();
    received.length = 0;
    const saved = await checkIn();
    expect(await deliver()).toMatchObject({ delivered: 1 });

    const [request] = received;
    const event = await db.webhookEvent.findFirstOrThrow({ where: { organizationId: world.org.id } });
    expect(request!.headers).toMatchObject({ "keel-webhook-id": event.id, "keel-webhook-event": "check_in.created", "content-type": "application/json" });
    expect(verifySignature(secret, String(request!.headers["keel-signature"]), request!.body)).toBe(true);
    expect(verifySignature("whsec_wrong", String(request!.headers["keel-signature"]), request!.body)).toBe(false);
    expect(JSON.parse(request!.body)).toMatchObject({ id: event.id, type: "check_in.created", data: { object: { id: saved.id } } });

    const { deliveries } = await listWebhookDeliveries(world.org.id, id);
    expect(deliveries[0]).toMatchObject({ state: "delivered", lastStatusCode: 200, attempts: 1, event: { type: "check_in.created" } });
    expect(deliveries[0]!.lastDurationMs).toBeGreaterThanOrEqual(0);
  });

  it("retries after a 500 once its back-off has passed, with the same event id", async () => {
    const endpoint = await register();
    received.length = 0;
    await checkIn();
    answers = [500];
    const start = new Date();
    expect(await deliver(start)).toMatchObject({ delivered: 0, retrying: 1 });
    const [waiting] = await deliveriesOf(endpoint.id);
    expect(waiting).toMatchObject({ state: "pending", attempts: 1, lastStatusCode: 500, lastError: expect.stringMatching(/Answered 500: receiver is down/) });
    expect(waiting!.nextAttemptAt!.getTime() - start.getTime()).toBe(30_000);

    expect(await deliver(new Date(start.getTime() + 10_000))).toMatchObject({ delivered: 0, retrying: 0 });
    expect(await deliver(new Date(start.getTime() + 31_000))).toMatchObject({ delivered: 1 });
    expect(received.map((r) => r.headers["keel-webhook-id"])).toEqual([received[0]!.headers["keel-webhook-id"], received[0]!.headers["keel-webhook-id"]]);
    expect(received.map((r) => r.headers["keel-webhook-attempt"])).toEqual(["1", "2"]);
  });

  it("gives up after a day of failures: the delivery fails, the endpoint is turned off and the admins are told", async () => {
    const endpoint = await register();
    await checkIn();
    answers = [503, 503];
    const [pending] = await deliveriesOf(endpoint.id);
    expect(await deliver(new Date(pending!.retryUntil.getTime() - 60_000))).toMatchObject({ retrying: 1 });
    expect(await deliver(new Date(pending!.retryUntil.getTime() + 3_600_000))).toMatchObject({ failed: 1, disabled: 1 });

    const stored = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(stored).toMatchObject({ isEnabled: false, disabledReason: expect.stringMatching(/failed for a day.*503/) });
    const mails = await db.emailMessage.findMany({ where: { organizationId: world.org.id, kind: "webhook-disabled" } });
    expect(mails.map((m) => m.to).sort()).toEqual([world.owner.email, world.admin.email].sort());
    expect(await db.auditEvent.count({ where: { organizationId: world.org.id, action: "webhook.disabled", actorId: null } })).toBe(1);

    // Turned off, it is sent nothing more; turned on again, a failed delivery can be sent again.
    await checkIn("43");
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
    await setWebhookEnabled(admin, endpoint.id, true);
    received.length = 0;
    await redeliverWebhook(admin, pending!.id);
    expect(await deliver()).toMatchObject({ delivered: 1 });
    expect(received).toHaveLength(1);
  });
});

describe("another organisation", () => {
  it("can neither see nor change this one's webhooks or deliveries, and its changes send them nothing", async () => {
    const endpoint = await register();
    await checkIn();
    const [delivery] = await deliveriesOf(endpoint.id);
    const other = await createWorld();
    const stranger = (await resolveActor(other.admin.id, { via: "session", organizationId: other.org.id }))!;

    await expect(getWebhookEndpoint(other.org.id, endpoint.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await listWebhookEndpoints(other.org.id)).toEqual([]);
    expect((await listWebhookDeliveries(other.org.id, endpoint.id)).deliveries).toEqual([]);
    await expect(setWebhookEnabled(stranger, endpoint.id, false)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteWebhookEndpoint(stranger, endpoint.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(redeliverWebhook(stranger, delivery!.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ isEnabled: true });

    const otherObjective = await createObjective(db, other.org.id, { cycleId: other.cycle.id, ownerId: other.member.id, teamId: other.team.id, level: "team" });
    const otherKr = await createKeyResult(db, other.org.id, { objectiveId: otherObjective.id, ownerId: other.member.id });
    const otherMember = (await resolveActor(other.member.id, { via: "session", organizationId: other.org.id }))!;
    await recordCheckIn(otherMember, { keyResultId: otherKr.id, value: "1", confidence: "on_track", note: "" });
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
  });
});
