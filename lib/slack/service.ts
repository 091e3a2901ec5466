import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { WebClient } from "@slack/web-api";
import { recordAudit } from "@/lib/audit";
import { resolveActor, type Actor } from "@/lib/auth/actor";
import { recordCheckIns } from "@/lib/checkins/mutations";
import { getMyWeek } from "@/lib/checkins/queries";
import { open, seal } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/prisma";
import { appUrl } from "@/lib/email/links";
import { env } from "@/lib/env";
import { AppError, fromZod } from "@/lib/errors";
import { MyWeekSchema } from "@/lib/checkins/schemas";
import { formatValue } from "@/lib/format";
import { normaliseError } from "@/lib/http/problem";
import { errorFields, log } from "@/lib/log";
import { assertCan } from "@/lib/permissions";
import { checkInModal, CHECK_IN_CALLBACK, OPEN_CHECK_IN_ACTION, readCheckInSubmission, reminderMessage, type DueKeyResult } from "./blocks";

/** The scopes Keel's bot asks for: post and DM, slash commands, and read emails to match people to members. */
export const SLACK_SCOPES = ["chat:write", "im:write", "commands", "users:read", "users:read.email"];
const STATE_TTL_MS = 10 * 60_000;

export interface SlackSettings {
  clientId: string;
  clientSecret: string;
  signingSecret: string;
  apiUrl: string;
  authorizeUrl: string;
}

/** Slack is available when the instance has a Slack app: SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET. */
export function slackSettings(): SlackSettings | null {
  const e = env();
  if (!e.SLACK_CLIENT_ID || !e.SLACK_CLIENT_SECRET || !e.SLACK_SIGNING_SECRET) return null;
  return { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, signingSecret: e.SLACK_SIGNING_SECRET, apiUrl: e.SLACK_API_URL, authorizeUrl: e.SLACK_AUTHORIZE_URL };
}

function requireSettings(): SlackSettings {
  const settings = slackSettings();
  if (!settings) throw new AppError("not_found", "Slack is not set up on this Keel instance");
  return settings;
}

export function slackClient(token?: string): WebClient {
  // No retries here: a reminder is best effort, and a modal must open within Slack's three seconds or not at all.
  return new WebClient(token, { slackApiUrl: requireSettings().apiUrl, retryConfig: { retries: 0 }, timeout: 5_000 });
}

const redirectUri = () => appUrl("/api/slack/oauth");

function stateSignature(payload: string): string {
  return createHmac("sha256", `${env().NEXTAUTH_SECRET ?? ""}:slack-install`).update(payload).digest("base64url");
}

/** The address of Slack's consent page; the state ties the answer to this admin and organisation, for ten minutes. */
export function slackInstallUrl(actor: Actor, now: Date = new Date()): string {
  assertCan(actor, "org.update");
  const settings = requireSettings();
  const payload = `${actor.orgId}.${actor.userId}.${now.getTime() + STATE_TTL_MS}`;
  const url = new URL(settings.authorizeUrl);
  url.searchParams.set("client_id", settings.clientId);
  url.searchParams.set("scope", SLACK_SCOPES.join(","));
  url.searchParams.set("redirect_uri", redirectUri());
  url.searchParams.set("state", `${payload}.${stateSignature(payload)}`);
  return url.toString();
}

function readState(state: string, now: Date): { orgId: string; userId: string } | null {
  const parts = state.split(".");
  if (parts.length !== 4) return null;
  const [orgId, userId, expires, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(stateSignature(`${orgId}.${userId}.${expires}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (Number(expires) < now.getTime()) return null;
  return { orgId, userId };
}

/**
 * Slack sends the admin back here with a code: exchanged for the bot token (oauth.v2.access), which is sealed
 * before it is stored. The admin must still be one, in the organisation the install began in.
 */
export async function completeSlackInstall(actor: Actor, code: string, state: string, now: Date = new Date()) {
  const settings = requireSettings();
  const started = readState(state, now);
  if (!started || started.orgId !== actor.orgId || started.userId !== actor.userId) throw new AppError("bad_request", "That Slack answer is not for this install; start again from Organisation settings");
  assertCan(actor, "org.update");
  let answer: Awaited<ReturnType<WebClient["oauth"]["v2"]["access"]>>;
  try {
    answer = await slackClient().oauth.v2.access({ client_id: settings.clientId, client_secret: settings.clientSecret, code, redirect_uri: redirectUri() });
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    throw new AppError("bad_request", `Slack refused the install${code ? `: ${code}` : ""}; start again from Organisation settings`);
  }
  const team = answer.team as { id?: string; name?: string } | undefined;
  if (!answer.ok || !answer.access_token || !team?.id) throw new AppError("bad_request", `Slack refused the install: ${answer.error ?? "no token"}`);
  return db.$transaction(async (tx) => {
    const other = await tx.slackInstallation.findFirst({ where: { slackTeamId: team.id!, NOT: { organizationId: actor.orgId } }, select: { id: true } });
    if (other) throw new AppError("conflict", "That Slack workspace is already connected to another Keel organisation");
    const data = { slackTeamId: team.id!, slackTeamName: team.name ?? team.id!, botUserId: String(answer.bot_user_id ?? ""), botTokenSealed: seal(answer.access_token!), installedById: actor.userId };
    const installation = await tx.slackInstallation.upsert({ where: { organizationId: actor.orgId }, create: { organizationId: actor.orgId, ...data }, update: data, select: { id: true, slackTeamName: true } });
    await tx.slackUserLink.deleteMany({ where: { organizationId: actor.orgId } });
    await recordAudit(tx, actor, { entityType: "slack", entityId: installation.id, action: "slack.installed", after: { workspace: installation.slackTeamName } });
    return installation;
  });
}

export async function disconnectSlack(actor: Actor) {
  assertCan(actor, "org.update");
  return db.$transaction(async (tx) => {
    const installation = await tx.slackInstallation.findUnique({ where: { organizationId: actor.orgId }, select: { id: true, slackTeamName: true } });
    if (!installation) throw new AppError("not_found", "Slack is not connected");
    await tx.slackInstallation.delete({ where: { id: installation.id } });
    await tx.slackUserLink.deleteMany({ where: { organizationId: actor.orgId } });
    await recordAudit(tx, actor, { entityType: "slack", entityId: installation.id, action: "slack.disconnected", before: { workspace: installation.slackTeamName } });
    return installation;
  });
}

interface Installation {
  organizationId: string;
  botToken: string;
}

async function installationOf(slackTeamId: string): Promise<Installation | null> {
  const row = await db.slackInstallation.findUnique({ where: { slackTeamId }, select: { organizationId: true, botTokenSealed: true } });
  if (!row) return null;
  try {
    return { organizationId: row.organizationId, botToken: open(row.botTokenSealed) };
  } catch {
    // Sealed with another KEEL_ENCRYPTION_KEY: as good as not connected until an admin connects it again.
    return null;
  }
}

const NOT_LINKED =
  "Keel could not match your Slack account to a member of this organisation. Sign in to Keel with the same email address as in Slack, and verify it (Keel sends a link).";

/**
 * The Keel member a Slack user is: matched once by their Slack email against a verified Keel address of a member
 * of the organisation, then remembered. A Slack user whose email is unverified in Keel, or not a member, is nobody.
 */
async function actorFor(installation: Installation, slackUserId: string): Promise<Actor | null> {
  const linked = await db.slackUserLink.findUnique({ where: { organizationId_slackUserId: { organizationId: installation.organizationId, slackUserId } }, select: { userId: true } });
  let userId = linked?.userId ?? null;
  if (!userId) {
    const info = await slackClient(installation.botToken).users.info({ user: slackUserId });
    const email = (info.user as { profile?: { email?: string } } | undefined)?.profile?.email?.toLowerCase();
    if (!email) return null;
    const member = await db.user.findFirst({
      where: { email, emailVerifiedAt: { not: null }, isIntegration: false, memberships: { some: { organizationId: installation.organizationId } } },
      select: { id: true },
    });
    if (!member) return null;
    await db.slackUserLink.upsert({
      where: { organizationId_slackUserId: { organizationId: installation.organizationId, slackUserId } },
      create: { organizationId: installation.organizationId, slackUserId, userId: member.id },
      update: { userId: member.id },
    });
    userId = member.id;
  }
  return resolveActor(userId, { via: "session", organizationId: installation.organizationId });
}

async function dueKeyResults(actor: Actor): Promise<DueKeyResult[]> {
  const week = await getMyWeek(actor);
  return week.objectives.flatMap((o) =>
    o.keyResults.map((kr) => ({
      id: kr.id,
      title: kr.title,
      objectiveTitle: o.title,
      current: formatValue(kr.current, { type: kr.type, unit: kr.unit }),
      confidence: kr.confidence,
      thisWeek: kr.thisWeek,
    })),
  );
}

async function openCheckIn(installation: Installation, actor: Actor, triggerId: string) {
  const view = checkInModal(await dueKeyResults(actor), JSON.stringify({ orgId: actor.orgId }), appUrl("/my-week"));
  await slackClient(installation.botToken).views.open({ trigger_id: triggerId, view: view as never });
}

export interface SlackReply {
  status: number;
  body: unknown;
}

const ephemeral = (text: string): SlackReply => ({ status: 200, body: { response_type: "ephemeral", text } });

/** `/keel checkin` opens the check-in modal; `/keel status <objective>` tells where an objective stands. */
export async function handleSlashCommand(form: URLSearchParams): Promise<SlackReply> {
  const installation = await installationOf(form.get("team_id") ?? "");
  if (!installation) return ephemeral("This Slack workspace is not connected to Keel.");
  const actor = await actorFor(installation, form.get("user_id") ?? "");
  if (!actor) return ephemeral(NOT_LINKED);
  const [verb = "", ...rest] = (form.get("text") ?? "").trim().split(/\s+/);
  if (verb === "checkin" || verb === "check-in") {
    await openCheckIn(installation, actor, form.get("trigger_id") ?? "");
    return { status: 200, body: "" };
  }
  if (verb === "status" && rest.length) return ephemeral(await objectiveStatus(actor, rest.join(" ")));
  return ephemeral("Try `/keel checkin` to check in on your key results, or `/keel status <objective>` to see where an objective stands.");
}

async function objectiveStatus(actor: Actor, query: string): Promise<string> {
  const objectives = await db.objective.findMany({
    where: { organizationId: actor.orgId, title: { contains: query.slice(0, 100), mode: "insensitive" }, cycle: { state: "active" }, state: { not: "abandoned" } },
    orderBy: { title: "asc" },
    take: 3,
    select: { id: true, title: true, progress: true, keyResults: { orderBy: { position: "asc" }, select: { title: true, progress: true, confidence: true } } },
  });
  if (!objectives.length) return `No objective of an active cycle matches “${query}”.`;
  return objectives
    .map((o) => {
      const krs = o.keyResults.map((kr) => `• ${kr.title}: ${Math.round(Number(kr.progress))}%${kr.confidence ? ` (${kr.confidence.replace("_", " ")})` : ""}`);
      return [`*${o.title}*: ${Math.round(Number(o.progress))}% — ${appUrl(`/objectives/${o.id}`)}`, ...krs].join("\n");
    })
    .join("\n\n");
}

interface InteractionPayload {
  type?: string;
  team?: { id?: string };
  user?: { id?: string };
  trigger_id?: string;
  actions?: { action_id?: string }[];
  view?: { callback_id?: string; private_metadata?: string; state?: { values?: Parameters<typeof readCheckInSubmission>[0] } };
}

/**
 * The "Check in" button opens the modal; the modal's submission is saved through the same domain function as My
 * week (recordCheckIns), all rows or none, and a refused row is shown under its field in Slack.
 */
export async function handleInteraction(payload: InteractionPayload): Promise<SlackReply> {
  const installation = await installationOf(payload.team?.id ?? "");
  if (!installation) return { status: 200, body: "" };
  const actor = await actorFor(installation, payload.user?.id ?? "");
  if (payload.type === "block_actions" && payload.actions?.some((a) => a.action_id === OPEN_CHECK_IN_ACTION)) {
    if (actor && payload.trigger_id) await openCheckIn(installation, actor, payload.trigger_id);
    return { status: 200, body: "" };
  }
  if (payload.type !== "view_submission" || payload.view?.callback_id !== CHECK_IN_CALLBACK) return { status: 200, body: "" };
  if (!actor) return { status: 200, body: { response_action: "errors", errors: {} } };
  const { entries, blockOf } = readCheckInSubmission(payload.view.state?.values ?? {});
  if (!entries.length) return { status: 200, body: "" };
  try {
    // My week's own schema and domain function: the same checks, the same write.
    const parsed = MyWeekSchema.safeParse({ entries });
    if (!parsed.success) throw fromZod(parsed.error);
    await recordCheckIns(actor, parsed.data.entries, { field: (i, name) => `entries.${i}.${name}`, channel: "slack" });
    return { status: 200, body: "" };
  } catch (error) {
    const known = normaliseError(error);
    if (!known) throw error;
    const errors: Record<string, string> = {};
    for (const [field, messages] of Object.entries(known.fieldErrors)) {
      const index = Number(field.split(".")[1]);
      const block = blockOf.get(index);
      if (block && messages[0]) errors[block] = messages[0];
    }
    const first = blockOf.get(0);
    if (!Object.keys(errors).length && first) errors[first] = known.message;
    return { status: 200, body: { response_action: "errors", errors } };
  }
}

/** The weekly reminder in Slack for the people just reminded by mail, best effort: a failure is logged, the mail went. */
export async function sendSlackReminders(reminders: { organizationId: string; email: string; week: string; keyResults: { title: string; objectiveTitle: string }[] }[]): Promise<number> {
  if (!reminders.length || !slackSettings()) return 0;
  const installations = await db.slackInstallation.findMany({ where: { organizationId: { in: [...new Set(reminders.map((r) => r.organizationId))] } }, select: { organizationId: true, botTokenSealed: true } });
  const tokenOf = new Map<string, string>();
  for (const installation of installations) {
    try {
      tokenOf.set(installation.organizationId, open(installation.botTokenSealed));
    } catch (error) {
      // One workspace's unreadable token (KEEL_ENCRYPTION_KEY changed) must not stop the others' reminders.
      log().warn({ organizationId: installation.organizationId, ...errorFields(error) }, "slack: a workspace's token cannot be read; connect Slack again");
    }
  }
  let sent = 0;
  for (const reminder of reminders) {
    const token = tokenOf.get(reminder.organizationId);
    if (!token) continue;
    try {
      const client = slackClient(token);
      const found = await client.users.lookupByEmail({ email: reminder.email });
      const slackUserId = (found.user as { id?: string } | undefined)?.id;
      if (!slackUserId) continue;
      await client.chat.postMessage({ channel: slackUserId, ...reminderMessage(reminder.week, reminder.keyResults, appUrl("/my-week")) } as never);
      sent += 1;
    } catch (error) {
      log().warn({ organizationId: reminder.organizationId, ...errorFields(error) }, "slack: a reminder could not be posted");
    }
  }
  return sent;
}

const CHANNEL_ID = /^[CG][A-Z0-9]{6,20}$/;

/** Where a team's weekly digest goes in Slack: a channel id (the bot must be in the channel), or none. */
export async function setTeamDigestChannel(actor: Actor, teamId: string, channelId: string | null) {
  assertCan(actor, "org.update");
  if (channelId !== null && !CHANNEL_ID.test(channelId)) {
    throw new AppError("validation", "Enter the channel's id, like C0123ABCDEF (in Slack: the channel's details, at the bottom)", { channelId: ["Enter the channel's id, like C0123ABCDEF"] });
  }
  return db.$transaction(async (tx) => {
    const team = await tx.team.findFirst({ where: { id: teamId, organizationId: actor.orgId }, select: { id: true, name: true, slackChannelId: true } });
    if (!team) throw new AppError("not_found", "That team was not found", { teamId: ["Choose one of the organisation's teams"] });
    await tx.team.update({ where: { id: team.id }, data: { slackChannelId: channelId } });
    await recordAudit(tx, actor, { entityType: "team", entityId: team.id, action: "team.slack_channel_set", before: { slackChannelId: team.slackChannelId }, after: { slackChannelId: channelId } });
    return { name: team.name, channelId };
  });
}

/**
 * Each team's weekly digest in its Slack channel, once per team and week however many leads it has and however many
 * runs find it due: the post is claimed (slack_digest_posts) before it is made. Best effort, like the reminders.
 */
export async function postTeamDigests(digests: { organizationId: string; teamId: string; teamName: string; week: string; text: string }[]): Promise<number> {
  if (!digests.length || !slackSettings()) return 0;
  const teams = await db.team.findMany({ where: { id: { in: [...new Set(digests.map((d) => d.teamId))] }, slackChannelId: { not: null } }, select: { id: true, slackChannelId: true } });
  const channelOf = new Map(teams.map((t) => [t.id, t.slackChannelId!]));
  let posted = 0;
  for (const digest of digests) {
    const channel = channelOf.get(digest.teamId);
    if (!channel) continue;
    channelOf.delete(digest.teamId);
    const installation = await db.slackInstallation.findUnique({ where: { organizationId: digest.organizationId }, select: { botTokenSealed: true } });
    if (!installation) continue;
    const claimed = await db.slackDigestPost.createMany({ data: [{ organizationId: digest.organizationId, teamId: digest.teamId, week: new Date(`${digest.week}T00:00:00Z`) }], skipDuplicates: true });
    if (!claimed.count) continue;
    try {
      await slackClient(open(installation.botTokenSealed)).chat.postMessage({
        channel,
        text: `Weekly digest: ${digest.teamName}`,
        blocks: [
          { type: "header", text: { type: "plain_text", text: `Weekly digest: ${digest.teamName}`.slice(0, 150) } },
          { type: "section", text: { type: "mrkdwn", text: digest.text.slice(0, 2900) } },
        ],
      } as never);
      posted += 1;
    } catch (error) {
      log().warn({ teamId: digest.teamId, ...errorFields(error) }, "slack: a team digest could not be posted");
    }
  }
  return posted;
}
