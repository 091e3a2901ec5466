import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createKeyResult, createObjective } from "@/prisma/factories";
import { signInAs } from "../helpers/session-state";
import type { World } from "../helpers/world";

const SIGNING_SECRET = "slack-signing-secret-for-tests";

/** Stands in for Slack's Web API: answers the methods Keel calls and keeps what it was sent. */
const calls: { method: string; body: Record<string, unknown>; token: string | undefined }[] = [];
const emails = new Map<string, string>();
const slack = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0]!;
    const raw = Buffer.concat(chunks).toString("utf8");
    const body = (req.headers["content-type"] ?? "").includes("json") ? (JSON.parse(raw || "{}") as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw));
    calls.push({ method, body, token: req.headers.authorization?.replace(/^Bearer /, "") });
    res.setHeader("content-type", "application/json");
    const slackUserOf = (email: unknown) => [...emails.entries()].find(([, e]) => e === email)?.[0];
    const answer: Record<string, unknown> =
      method === "oauth.v2.access"
        ? body.code === "good-code"
          ? { ok: true, access_token: "xoxb-test-bot-token", bot_user_id: "UBOT", team: { id: "T-KEEL", name: "Keel Test Workspace" } }
          : { ok: false, error: "invalid_code" }
        : method === "users.info"
          ? { ok: true, user: { id: body.user, profile: { email: emails.get(String(body.user)) } } }
          : method === "users.lookupByEmail"
            ? slackUserOf(body.email)
              ? { ok: true, user: { id: slackUserOf(body.email) } }
              : { ok: false, error: "users_not_found" }
            : { ok: true };
    res.end(JSON.stringify(answer));
  });
});
await new Promise<void>((resolve) => slack.listen(0, "127.0.0.1", resolve));
// Before any module below reads the environment (it is parsed once).
process.env.SLACK_CLIENT_ID = "client-1";
process.env.SLACK_CLIENT_SECRET = "client-secret-1";
process.env.SLACK_SIGNING_SECRET = SIGNING_SECRET;
process.env.SLACK_API_URL = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/api/`;

const { POST: commandsRoute } = await import("@/app/api/slack/commands/route");
const { POST: interactionsRoute } = await import("@/app/api/slack/interactions/route");
const { saveMyWeekAction } = await import("@/app/(app)/my-week/actions");
const { resolveActor } = await import("@/lib/auth/actor");
const { db } = await import("@/lib/db/prisma");
const { runReminders } = await import("@/lib/reminders/run");
const { completeSlackInstall, slackInstallUrl } = await import("@/lib/slack/service");
const { slackSignature } = await import("@/lib/slack/signature");
const { createWorld } = await import("../helpers/world");

afterAll(async () => {
  await new Promise((resolve) => slack.close(resolve));
});

let world: World;
let admin: Actor;
let krA: string;
let krB: string;

beforeEach(async () => {
  calls.length = 0;
  emails.clear();
  world = await createWorld();
  await db.slackInstallation.deleteMany({ where: { slackTeamId: "T-KEEL" } });
  admin = (await resolveActor(world.admin.id, { via: "session", organizationId: world.org.id }))!;
  const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.member.id, teamId: world.team.id, level: "team", title: "Faster checkout" });
  krA = (await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.member.id, title: "Checkout p95 under 300 ms", target: 100 })).id;
  krB = (await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.member.id, title: "Abandoned carts below 10%", target: 50, position: 1 })).id;
  await db.user.update({ where: { id: world.member.id }, data: { emailVerifiedAt: new Date() } });
  emails.set("U-MEMBER", world.member.email);
  emails.set("U-VIEWER", world.viewer.email);
});

async function install() {
  const url = new URL(slackInstallUrl(admin));
  return completeSlackInstall(admin, "good-code", url.searchParams.get("state")!);
}

function signed(path: string, body: string, options: { secret?: string; at?: number } = {}) {
  const timestamp = String(options.at ?? Math.floor(Date.now() / 1000));
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": timestamp, "x-slack-signature": slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body) },
    body,
  });
}

const command = (text: string, user = "U-MEMBER", options?: { secret?: string; at?: number }) =>
  commandsRoute(signed("/api/slack/commands", new URLSearchParams({ team_id: "T-KEEL", user_id: user, command: "/keel", text, trigger_id: "trigger-1" }).toString(), options) as never);

function submission(user: string, values: Record<string, Record<string, unknown>>) {
  const payload = { type: "view_submission", team: { id: "T-KEEL" }, user: { id: user }, view: { callback_id: "keel_checkin", private_metadata: "{}", state: { values } } };
  return interactionsRoute(signed("/api/slack/interactions", new URLSearchParams({ payload: JSON.stringify(payload) }).toString()) as never);
}

const row = (kr: string, value: string, confidence: string, note: string) => ({
  [`value:${kr}`]: { value: { value } },
  [`confidence:${kr}`]: { confidence: { selected_option: { value: confidence } } },
  [`note:${kr}`]: { note: { value: note } },
});

describe("connecting a workspace", () => {
  it("exchanges Slack's code for a bot token kept sealed, only for the admin who began it", async () => {
    const installed = await install();
    expect(installed.slackTeamName).toBe("Keel Test Workspace");
    const stored = await db.slackInstallation.findUniqueOrThrow({ where: { organizationId: world.org.id } });
    expect(stored.botTokenSealed).not.toContain("xoxb-test-bot-token");
    expect(calls.find((c) => c.method === "oauth.v2.access")?.body).toMatchObject({ client_id: "client-1", code: "good-code" });

    const owner = (await resolveActor(world.owner.id, { via: "session", organizationId: world.org.id }))!;
    const state = new URL(slackInstallUrl(admin)).searchParams.get("state")!;
    await expect(completeSlackInstall(owner, "good-code", state)).rejects.toMatchObject({ code: "bad_request" });
    await expect(completeSlackInstall(admin, "good-code", state.replace(/.$/, (c) => (c === "a" ? "b" : "a")))).rejects.toMatchObject({ code: "bad_request" });
    await expect(completeSlackInstall(admin, "bad-code", state)).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("requests from Slack", () => {
  it("with a bad signature or an old timestamp answer 401 and do nothing", async () => {
    await install();
    calls.length = 0;
    expect((await command("checkin", "U-MEMBER", { secret: "not-the-secret" })).status).toBe(401);
    expect((await command("checkin", "U-MEMBER", { at: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    expect(calls).toEqual([]);
  });

  it("/keel checkin opens a modal with every key result due, for the member matched by verified email", async () => {
    await install();
    const res = await command("checkin");
    expect(res.status).toBe(200);
    const open = calls.find((c) => c.method === "views.open")!;
    expect(open.token).toBe("xoxb-test-bot-token");
    const view = JSON.parse(String(open.body.view)) as { callback_id: string; blocks: { block_id?: string }[] };
    expect(view.callback_id).toBe("keel_checkin");
    expect(view.blocks.map((b) => b.block_id).filter(Boolean)).toEqual([`value:${krA}`, `confidence:${krA}`, `note:${krA}`, `value:${krB}`, `confidence:${krB}`, `note:${krB}`]);
  });

  it("from someone whose email is not verified in Keel get told how to link, and nothing opens", async () => {
    await install();
    calls.length = 0;
    const res = await command("checkin", "U-VIEWER");
    expect(await res.json()).toMatchObject({ response_type: "ephemeral", text: expect.stringMatching(/verify/) });
    expect(calls.map((c) => c.method)).toEqual(["users.info"]);
  });

  it("/keel status tells where an objective stands", async () => {
    await install();
    const res = await command("status checkout");
    expect(await res.json()).toMatchObject({ response_type: "ephemeral", text: expect.stringMatching(/\*Faster checkout\*: 0%[\s\S]*Checkout p95 under 300 ms: 0%/) });
  });
});

describe("the check-in modal", () => {
  it("saves exactly what My week would save for the same entries", async () => {
    await install();
    const res = await submission("U-MEMBER", { ...row(krA, "40", "at_risk", "Cache rollout next week"), ...row(krB, "", "on_track", "") });
    expect(res.status).toBe(200);

    // The same entries through My week, in a twin organisation.
    const twin = await createWorld();
    const twinObjective = await createObjective(db, twin.org.id, { cycleId: twin.cycle.id, ownerId: twin.member.id, teamId: twin.team.id, level: "team", title: "Faster checkout" });
    const twinKr = (await createKeyResult(db, twin.org.id, { objectiveId: twinObjective.id, ownerId: twin.member.id, title: "Checkout p95 under 300 ms", target: 100 })).id;
    await createKeyResult(db, twin.org.id, { objectiveId: twinObjective.id, ownerId: twin.member.id, title: "Abandoned carts below 10%", target: 50, position: 1 });
    signInAs(twin.member.id);
    expect(await saveMyWeekAction(undefined, { entries: [{ keyResultId: twinKr, value: "40", confidence: "at_risk", note: "Cache rollout next week" }] })).toMatchObject({ status: "success" });

    const shape = async (keyResultId: string) => {
      const kr = await db.keyResult.findUniqueOrThrow({ where: { id: keyResultId }, include: { checkIns: { include: { versions: true } }, objective: true } });
      return {
        current: kr.currentValue.toString(),
        progress: kr.progress.toString(),
        confidence: kr.confidence,
        objectiveProgress: kr.objective.progress.toString(),
        checkIns: kr.checkIns.map((c) => ({ value: c.value.toString(), confidence: c.confidence, note: c.note, version: c.version, week: c.week.toISOString(), versions: c.versions.length })),
      };
    };
    expect(await shape(krA)).toEqual(await shape(twinKr));
    expect(await db.checkIn.count({ where: { keyResultId: krB } })).toBe(0);
    expect(await db.checkIn.findFirstOrThrow({ where: { keyResultId: krA } })).toMatchObject({ authorId: world.member.id, channel: "slack" });
    // The objective page says where it came from.
    const { getObjectivePage } = await import("@/lib/objectives/queries");
    const page = await getObjectivePage(world.org.id, (await db.keyResult.findUniqueOrThrow({ where: { id: krA } })).objectiveId);
    expect(page.checkIns.find((c) => c.keyResultId === krA)?.via).toEqual({ name: "Slack", kind: "slack" });
  });

  it("shows a refused row under its field and saves nothing", async () => {
    await install();
    const res = await submission("U-MEMBER", { ...row(krA, "40", "on_track", ""), ...row(krB, "forty", "on_track", "") });
    expect(await res.json()).toEqual({ response_action: "errors", errors: { [`value:${krB}`]: expect.stringMatching(/number/) } });
    expect(await db.checkIn.count({ where: { keyResultId: { in: [krA, krB] } } })).toBe(0);
  });
});

describe("the weekly reminder", () => {
  it("also arrives in Slack, with a button that opens the check-in", async () => {
    await install();
    calls.length = 0;
    // Monday 10:00 UTC in the cycle: the member's key results have no check-in this week.
    const result = await runReminders({ now: new Date("2026-11-30T10:00:00Z"), mode: "log" });
    expect(result.reminders).toBeGreaterThan(0);
    const posted = calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === "U-MEMBER");
    expect(posted).toHaveLength(1);
    const blocks = JSON.parse(String(posted[0]!.body.blocks)) as { type: string; elements?: { action_id: string }[] }[];
    expect(blocks.find((b) => b.type === "actions")?.elements?.map((e) => e.action_id)).toContain("keel_open_checkin");
  });
});

describe("the team digest", () => {
  it("is posted to the team's channel once a week, however often the digest runs", async () => {
    await install();
    const { setTeamDigestChannel } = await import("@/lib/slack/service");
    await expect(setTeamDigestChannel(admin, world.team.id, "#general")).rejects.toMatchObject({ code: "validation" });
    await setTeamDigestChannel(admin, world.team.id, "C0KEELTEAM");
    calls.length = 0;
    // Tuesday 10:00 UTC: the lead's digest is due.
    await runReminders({ now: new Date("2026-12-01T10:00:00Z"), mode: "log" });
    await runReminders({ now: new Date("2026-12-01T11:00:00Z"), mode: "log" });
    const posts = calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === "C0KEELTEAM");
    expect(posts).toHaveLength(1);
    expect(String(posts[0]!.body.blocks)).toContain(`Weekly digest: ${world.team.name}`);
  });
});
