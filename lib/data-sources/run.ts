import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordCheckIns } from "@/lib/checkins/mutations";
import { open } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/prisma";
import { appUrl } from "@/lib/email/links";
import { enqueueEmails, logUnsentEmails } from "@/lib/email/outbox";
import { errorFields, log } from "@/lib/log";
import { INTEGRATION_GRANTS } from "@/lib/permissions";
import type { Extracted } from "./extract";
import { fetchNumber, type SourceSecrets } from "./fetch";

export const SCHEDULE_MS = { hourly: 3_600_000, daily: 86_400_000, weekly: 7 * 86_400_000 } as const;
export type FeedSchedule = keyof typeof SCHEDULE_MS;
const BATCH = 20;

interface FeedRow {
  id: string;
  organizationId: string;
  keyResultId: string;
  expression: string;
  pointer: string;
  dataSource: { id: string; name: string; kind: "http_json" | "prometheus" | "postgres"; url: string | null; secretsSealed: string; identityId: string };
  keyResult: { title: string; confidence: "on_track" | "at_risk" | "off_track" | null; owner: { name: string; email: string }; objectiveId: string };
}

const FEED_SELECT = {
  id: true,
  organizationId: true,
  keyResultId: true,
  expression: true,
  pointer: true,
  dataSource: { select: { id: true, name: true, kind: true, url: true, secretsSealed: true, identityId: true } },
  keyResult: { select: { title: true, confidence: true, objectiveId: true, owner: { select: { name: true, email: true } } } },
} as const;

export function readSecrets(sealed: string): SourceSecrets {
  return JSON.parse(open(sealed)) as SourceSecrets;
}

/** What the feed would record now, without recording it: the "Test" button. */
export async function previewFeed(target: { kind: FeedRow["dataSource"]["kind"]; url: string | null; secretsSealed: string }, expression: string, pointer: string): Promise<Extracted> {
  return fetchNumber({ kind: target.kind, url: target.url, secrets: readSecrets(target.secretsSealed), expression, pointer });
}

/**
 * The data source as the author of its check-ins: its own identity, allowed to check in on the key results fed from
 * it and nothing else. The check-in goes through the same domain function as My week and the API.
 */
function sourceActor(feed: FeedRow): Actor {
  return {
    userId: feed.dataSource.identityId,
    name: `Data source: ${feed.dataSource.name}`,
    email: "",
    timeZone: "UTC",
    isEmailVerified: false,
    role: "viewer",
    grants: INTEGRATION_GRANTS.checkins_write,
    orgId: feed.organizationId,
    orgName: "",
    orgSlug: "",
    via: "token",
    apiTokenId: null,
    ledTeamIds: new Set(),
    organizations: [],
  };
}

export type FeedOutcome = { ok: true; value: string } | { ok: false; error: string };

/**
 * Fetches one feed's number and records it as this week's check-in, keeping the owner's last confidence (the owner
 * still sets confidence and notes). A failure records nothing on the key result: the feed keeps the error, shows it,
 * and the owner gets one mail when a run of successes turns into failure.
 */
export async function runFeed(feed: FeedRow, now: Date = new Date()): Promise<FeedOutcome> {
  let outcome: FeedOutcome;
  try {
    const fetched = await fetchNumber({ kind: feed.dataSource.kind, url: feed.dataSource.url, secrets: readSecrets(feed.dataSource.secretsSealed), expression: feed.expression, pointer: feed.pointer });
    if (fetched.ok) {
      await recordCheckIns(sourceActor(feed), [{ keyResultId: feed.keyResultId, value: fetched.value, confidence: feed.keyResult.confidence ?? "on_track", note: "" }], { now });
    }
    outcome = fetched;
  } catch (error) {
    // A refusal by the check-in itself (the cycle closed, the value does not fit a yes/no key result).
    outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  await settleFeed(feed, outcome, now);
  return outcome;
}

async function settleFeed(feed: FeedRow, outcome: FeedOutcome, now: Date) {
  if (outcome.ok) {
    await db.keyResultFeed.update({ where: { id: feed.id }, data: { lastRunAt: now, lastValue: outcome.value, lastError: null, failingSince: null } });
    return;
  }
  const current = await db.keyResultFeed.findUnique({ where: { id: feed.id }, select: { failingSince: true } });
  const isNewFailure = !current?.failingSince;
  await db.$transaction(async (tx) => {
    await tx.keyResultFeed.update({ where: { id: feed.id }, data: { lastRunAt: now, lastError: outcome.error.slice(0, 1000), ...(isNewFailure ? { failingSince: now } : {}) } });
    if (!isNewFailure) return;
    const mails = await enqueueEmails(tx, [
      {
        organizationId: feed.organizationId,
        to: feed.keyResult.owner.email,
        subject: `Keel could not read “${feed.keyResult.title}” from ${feed.dataSource.name}`,
        text: [
          `Hello ${feed.keyResult.owner.name},`,
          "",
          `Keel tried to read this week's value of “${feed.keyResult.title}” from the data source ${feed.dataSource.name} and recorded nothing, because:`,
          outcome.error,
          "",
          `Keel keeps trying on the feed's schedule. The key result: ${appUrl(`/objectives/${feed.keyResult.objectiveId}`)}`,
        ].join("\n"),
        kind: "data-source-failed",
      },
    ]);
    logUnsentEmails(mails);
  });
}

/**
 * Runs the feeds that are due, a batch at a time. The claim moves each feed's next run a schedule ahead in the same
 * statement (FOR UPDATE SKIP LOCKED), so servers running the job together never fetch the same feed twice.
 */
export async function runDueFeeds(options: { now?: () => Date; maxBatches?: number } = {}): Promise<{ recorded: number; failed: number }> {
  const now = options.now ?? (() => new Date());
  const report = { recorded: 0, failed: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? 10); batch++) {
    const at = now();
    const claimed = await db.$queryRaw<{ id: string }[]>`
      UPDATE key_result_feeds f
         SET next_run_at = ${at}::timestamptz + CASE f.schedule WHEN 'hourly' THEN interval '1 hour' WHEN 'daily' THEN interval '1 day' ELSE interval '7 days' END
        FROM (SELECT id FROM key_result_feeds WHERE next_run_at <= ${at}::timestamptz ORDER BY next_run_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED) due
       WHERE f.id = due.id
      RETURNING f.id::text`;
    if (!claimed.length) break;
    const feeds = await db.keyResultFeed.findMany({ where: { id: { in: claimed.map((c) => c.id) } }, select: FEED_SELECT });
    for (const feed of feeds) {
      try {
        const outcome = await runFeed(feed as FeedRow, at);
        report[outcome.ok ? "recorded" : "failed"] += 1;
      } catch (error) {
        report.failed += 1;
        log().error({ feedId: feed.id, ...errorFields(error) }, "data sources: a feed could not be settled");
      }
    }
  }
  return report;
}

export async function loadFeed(orgId: string, feedId: string): Promise<FeedRow | null> {
  return (await db.keyResultFeed.findFirst({ where: { id: feedId, organizationId: orgId }, select: FEED_SELECT })) as FeedRow | null;
}
