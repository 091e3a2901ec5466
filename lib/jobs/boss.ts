import "server-only";
import PgBoss from "pg-boss";
import { z } from "zod";
import { poolConfigFromUrl } from "@/lib/db/connection";
import { purgeExpiredIdempotencyKeys } from "@/lib/checkins/idempotency";
import { deliverQueuedEmails, mailerFromEnv, type Mailer } from "@/lib/email/deliver";
import { env } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import { purgeExpiredRateLimits } from "@/lib/rate-limit";
import { runReminders } from "@/lib/reminders/run";
import { runDueFeeds } from "@/lib/data-sources/run";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver";
import { listenForWebhooks } from "@/lib/webhooks/listen";
import { isShuttingDown } from "@/lib/server/shutdown";

/**
 * Background jobs live in Postgres (pg-boss), not in any one process: every app server starts a worker, the
 * schedules are stored once in the database, and pg-boss hands each scheduled run to exactly one worker.
 */
export const QUEUES = {
  /** Every 15 minutes: picks who is due a weekly reminder or a lead digest right now. */
  reminders: "checkin-reminders",
  /** Every minute, and right after mail is written: sends the outbox when SMTP is configured. */
  email: "email-delivery",
  /** Hourly: forgets Idempotency-Key responses older than a day. */
  cleanup: "idempotency-cleanup",
  /** Every 10 minutes: deletes rate-limit counters whose window has ended. */
  rateLimitCleanup: "rate-limit-cleanup",
  /** Every minute, and at once when a change wrote deliveries (LISTEN keel_webhooks): sends what is due. */
  webhooks: "webhook-delivery",
  /** Every 5 minutes: reads the key results fed from data sources whose next read is due. */
  feeds: "data-feeds",
} as const;

export const SCHEDULES = {
  [QUEUES.reminders]: "*/15 * * * *",
  [QUEUES.email]: "* * * * *",
  [QUEUES.cleanup]: "7 * * * *",
  [QUEUES.rateLimitCleanup]: "*/10 * * * *",
  [QUEUES.webhooks]: "* * * * *",
  [QUEUES.feeds]: "*/5 * * * *",
} as const;

export type JobKind = "reminders" | "email" | "cleanup" | "webhooks" | "feeds";

/**
 * KEEL_JOBS: a list such as "webhooks,email" runs only those kinds on this server. "on" runs every kind, and so does
 * "off" here: with "off" the server never starts the jobs (instrumentation.ts), so whoever calls startJobs anyway (a
 * script, a test) means all of them.
 */
export function jobKinds(setting: string = env().KEEL_JOBS): Set<JobKind> {
  if (setting === "on" || setting === "off") return new Set(["reminders", "email", "cleanup", "webhooks", "feeds"]);
  return new Set(setting.split(",").map((kind) => kind.trim() as JobKind));
}

/**
 * A reminders job may name the instant it runs for, e.g. `{ "now": "2026-11-30T10:00:00Z" }`: an operator sends one to
 * make up a window missed while every server was down (and the soak test, to have reminders due on any weekday). The
 * claims in reminder_deliveries keep such a run, or any repeated one, from mailing anyone twice.
 */
export const ReminderJobSchema = z.object({ now: z.iso.datetime({ offset: true }).optional() });
export type ReminderJobData = z.infer<typeof ReminderJobSchema>;

interface Running {
  boss: PgBoss;
  mailer: Mailer | null;
  stopListening: () => Promise<void>;
}

const state = globalThis as unknown as { keelJobs?: Promise<Running> };

/** Starts the queue, its schedules and this server's workers once per process; later calls get the same one. */
export function startJobs(options: { databaseUrl?: string; mailer?: Mailer | null } = {}): Promise<Running> {
  if (state.keelJobs) return state.keelJobs;
  const starting = (async () => {
    const db = poolConfigFromUrl(options.databaseUrl ?? env().DATABASE_URL);
    const boss = new PgBoss({
      host: db.host,
      port: db.port,
      user: db.user,
      password: typeof db.password === "string" ? db.password : undefined,
      database: db.database,
      ssl: db.ssl,
      max: 3,
      application_name: "keel-jobs",
    });
    // While the server stops, a lost connection (Postgres stopping with it) is expected: one line, no stack.
    boss.on("error", (error) =>
      isShuttingDown() ? log().warn(`jobs: ${error.message}`) : log().error(errorFields(error), "jobs: pg-boss reported an error"),
    );
    try {
      await boss.start();
      return await prepareWorkers(boss, options.mailer === undefined ? mailerFromEnv() : options.mailer);
    } catch (error) {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      throw error;
    }
  })();
  state.keelJobs = starting;
  // A failed start is forgotten, so the next call (lib/jobs/server.ts retries) starts afresh instead of getting it.
  starting.catch(() => {
    if (state.keelJobs === starting) state.keelJobs = undefined;
  });
  return starting;
}

async function prepareWorkers(boss: PgBoss, mailer: Mailer | null): Promise<Running> {
  const kinds = jobKinds();
  // Singleton queues: a run that overlaps the previous one waits rather than doing the same work twice.
  await boss.createQueue(QUEUES.reminders, { name: QUEUES.reminders, policy: "singleton", retryLimit: 2, expireInSeconds: 600 });
  await boss.createQueue(QUEUES.email, { name: QUEUES.email, policy: "singleton", retryLimit: 1, expireInSeconds: 600 });
  await boss.createQueue(QUEUES.cleanup, { name: QUEUES.cleanup, policy: "singleton", retryLimit: 1, expireInSeconds: 600 });
  await boss.createQueue(QUEUES.rateLimitCleanup, { name: QUEUES.rateLimitCleanup, policy: "singleton", retryLimit: 1, expireInSeconds: 600 });
  // Stately: one run at a time and at most one waiting, so a burst of changes asks for one more run, not hundreds.
  await boss.createQueue(QUEUES.webhooks, { name: QUEUES.webhooks, policy: "stately", retryLimit: 1, expireInSeconds: 600 });
  await boss.createQueue(QUEUES.feeds, { name: QUEUES.feeds, policy: "singleton", retryLimit: 1, expireInSeconds: 900 });

  if (kinds.has("reminders")) {
    await boss.work<ReminderJobData>(QUEUES.reminders, async ([job]) => {
      const { now } = ReminderJobSchema.parse(job?.data ?? {});
      const result = await runReminders({ now: now ? new Date(now) : new Date() });
      if (mailer && result.reminders + result.digests > 0) await deliverQueuedEmails(mailer);
      return result;
    });
    await boss.schedule(QUEUES.reminders, SCHEDULES[QUEUES.reminders]);
  }
  if (kinds.has("email")) {
    await boss.work(QUEUES.email, async () => (mailer ? deliverQueuedEmails(mailer) : { sent: 0, failed: 0, retrying: 0 }));
    if (mailer) await boss.schedule(QUEUES.email, SCHEDULES[QUEUES.email]);
    else await boss.unschedule(QUEUES.email);
  }
  if (kinds.has("cleanup")) {
    await boss.work(QUEUES.cleanup, async () => ({ deleted: await purgeExpiredIdempotencyKeys() }));
    await boss.work(QUEUES.rateLimitCleanup, async () => ({ deleted: await purgeExpiredRateLimits() }));
    await boss.schedule(QUEUES.cleanup, SCHEDULES[QUEUES.cleanup]);
    await boss.schedule(QUEUES.rateLimitCleanup, SCHEDULES[QUEUES.rateLimitCleanup]);
  }
  let stopListening: () => Promise<void> = async () => undefined;
  if (kinds.has("webhooks")) {
    await boss.work(QUEUES.webhooks, async () => deliverDueWebhooks());
    await boss.schedule(QUEUES.webhooks, SCHEDULES[QUEUES.webhooks]);
    stopListening = await listenForWebhooks(() => boss.send(QUEUES.webhooks, {}));
  }
  if (kinds.has("feeds")) {
    await boss.work(QUEUES.feeds, async () => runDueFeeds());
    await boss.schedule(QUEUES.feeds, SCHEDULES[QUEUES.feeds]);
  }
  return { boss, mailer, stopListening };
}

/**
 * Stops this process's workers (tests, graceful shutdown): jobs running now get up to timeoutMs to finish, and
 * are then failed, to be retried by another server. A start still under way is waited for, then stopped.
 */
export async function stopJobs(timeoutMs = 10_000): Promise<void> {
  const running = state.keelJobs;
  if (!running) return;
  state.keelJobs = undefined;
  const started = await running.catch(() => null);
  if (!started) return;
  await started.stopListening();
  await started.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
}

/** Asks a worker to send the outbox now rather than at the next minute; nothing to do when jobs or SMTP are off. */
export async function requestEmailDelivery(): Promise<void> {
  const running = state.keelJobs;
  if (!running) return;
  try {
    const { boss, mailer } = await running;
    if (mailer) await boss.send(QUEUES.email, {});
  } catch (error) {
    // The scheduled run still sends the mail within a minute.
    log().error(errorFields(error), "jobs: could not request email delivery");
  }
}

/** Asks a worker to send due webhook deliveries now (after a redelivery or turning an endpoint back on). */
export async function requestWebhookDelivery(): Promise<void> {
  const running = state.keelJobs;
  if (!running) return;
  try {
    const { boss } = await running;
    if (jobKinds().has("webhooks")) await boss.send(QUEUES.webhooks, {});
  } catch (error) {
    // The scheduled run still sends them within a minute.
    log().error(errorFields(error), "jobs: could not request webhook delivery");
  }
}
