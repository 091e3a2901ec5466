import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveActor } from "@/lib/auth/actor";
import { recordCheckIn } from "@/lib/checkins/mutations";
import { localClock } from "@/lib/checkins/status";
import { db } from "@/lib/db/prisma";
import { createMailer, deliverQueuedEmails, MAX_ATTEMPTS, type Mailer } from "@/lib/email/deliver";
import { enqueueEmails } from "@/lib/email/outbox";
import { QUEUES, SCHEDULES, startJobs, stopJobs } from "@/lib/jobs/boss";
import { runReminders } from "@/lib/reminders/run";
import { createKeyResult, createMember, createObjective, addTeamMember } from "@/prisma/factories";
import { createWorld, type World } from "../helpers/world";
import { parseMail } from "./parse-mail";

// Pacific/Chatham is UTC+13:45 in November: its Monday morning is Sunday evening in UTC and in Europe, so no
// other test's people (UTC, Stockholm, Helsinki) are due at these instants.
const ZONE = "Pacific/Chatham";
const MONDAY_0800 = new Date("2026-11-22T18:15:00Z");
const MONDAY_0930 = new Date("2026-11-22T19:45:00Z");
const MONDAY_1100 = new Date("2026-11-22T21:15:00Z");
const TUESDAY_0930 = new Date("2026-11-23T19:45:00Z");
// The same Monday morning in Stockholm (UTC+1) comes eleven hours after Chatham's.
const STOCKHOLM_ZONE = "Europe/Stockholm";
const STOCKHOLM_MONDAY_0930 = new Date("2026-11-23T08:30:00Z");

interface Received {
  to: string[];
  subject: string;
  text: string;
}

const REFUSED = "bounce@example.test";
let server: SMTPServer;
let mailer: Mailer;
const inbox: Received[] = [];
let world: World;
let late: { id: string; email: string; name: string };
let done: { id: string; email: string; name: string };
let quiet: { id: string; email: string };
let offTrackTitle: string;
let sam: { id: string; email: string };

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === REFUSED) callback(new Error("550 No such mailbox"));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), ...parseMail(Buffer.concat(chunks).toString("utf8")) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  mailer = createMailer(`smtp://127.0.0.1:${port}`, "Keel <keel@example.test>");

  world = await createWorld();
  late = await createMember(db, world.org.id, "member", { name: "Lena Late", timeZone: ZONE });
  done = await createMember(db, world.org.id, "member", { name: "Dana Done", timeZone: ZONE });
  const off = await createMember(db, world.org.id, "member", { name: "Quinn Quiet", timeZone: ZONE });
  quiet = off;
  await db.user.update({ where: { id: off.id }, data: { remindersEnabled: false } });
  await db.user.update({ where: { id: world.lead.id }, data: { timeZone: ZONE } });
  for (const person of [late, done, off]) await addTeamMember(db, world.org.id, world.team.id, person.id);

  const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.lead.id, teamId: world.team.id, title: "Ship faster" });
  await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: late.id, title: "Cut lead time to 2 days" });
  await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: late.id, title: "Deploy 20 times a week" });
  const doneKr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: done.id, title: "Automate the release notes" });
  await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: off.id, title: "Quiet key result" });
  const offTrack = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.lead.id, title: "Halve flaky tests" });
  offTrackTitle = offTrack.title;
  sam = await createMember(db, world.org.id, "member", { name: "Sam Stockholm", timeZone: STOCKHOLM_ZONE });
  const samsGoal = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: sam.id, title: "Learn Swedish" });
  await createKeyResult(db, world.org.id, { objectiveId: samsGoal.id, ownerId: sam.id, title: "Read one book in Swedish" });

  // Dana checks in on Sunday evening before the reminders go out; the lead checks in, off track, on Monday.
  await recordCheckIn((await resolveActor(done.id))!, { keyResultId: doneKr.id, value: "40", confidence: "on_track", note: "" }, { now: MONDAY_0800 });
  expect(localClock(MONDAY_0930, ZONE)).toEqual({ weekday: 1, hour: 9 });
  expect(localClock(TUESDAY_0930, ZONE)).toEqual({ weekday: 2, hour: 9 });
});

afterAll(async () => {
  await stopJobs();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const mailsOf = (kind: string) => db.emailMessage.findMany({ where: { organizationId: world.org.id, kind }, orderBy: { createdAt: "asc" } });

describe("weekly reminders", () => {
  it("go out on Monday from 09:00 in each person's time zone, once, to people with check-ins due", async () => {
    await runReminders({ now: MONDAY_0800, mode: "smtp" });
    expect(await mailsOf("reminder")).toEqual([]);

    const [a, b] = await Promise.all([runReminders({ now: MONDAY_0930, mode: "smtp" }), runReminders({ now: MONDAY_0930, mode: "smtp" })]);
    expect(a.reminders + b.reminders).toBeGreaterThanOrEqual(2);
    const reminders = await mailsOf("reminder");
    // Lena has two key results due, the lead one; Dana already checked in and Quinn switched reminders off.
    expect(reminders.map((m) => m.to).sort()).toEqual([late.email, world.lead.email].sort());
    expect(reminders.every((m) => m.status === "queued")).toBe(true);
    const lena = reminders.find((m) => m.to === late.email)!;
    expect(lena.subject).toMatch(/2 key results/);
    expect(lena.text).toContain("- Cut lead time to 2 days (Ship faster)");
    expect(lena.text).toContain("- Deploy 20 times a week (Ship faster)");
    expect(lena.text).toContain("http://localhost:3000/my-week");
    expect(reminders.some((m) => m.to === done.email || m.to === quiet.email)).toBe(false);

    await runReminders({ now: MONDAY_1100, mode: "smtp" });
    expect(await mailsOf("reminder")).toHaveLength(2);
  });

  it("wait for Monday morning where each person is: Stockholm's comes hours after Chatham's", async () => {
    // At Chatham's 09:30 it was Sunday evening in Stockholm.
    expect((await mailsOf("reminder")).some((m) => m.to === sam.email)).toBe(false);
    expect(localClock(STOCKHOLM_MONDAY_0930, STOCKHOLM_ZONE)).toEqual({ weekday: 1, hour: 9 });
    await runReminders({ now: STOCKHOLM_MONDAY_0930, mode: "smtp" });
    const toSam = (await mailsOf("reminder")).filter((m) => m.to === sam.email);
    expect(toSam).toHaveLength(1);
    expect(toSam[0]!.text).toContain("- Read one book in Swedish (Learn Swedish)");
    // Nobody in Chatham gets a second one.
    expect(await mailsOf("reminder")).toHaveLength(3);
  });

  it("are sent over SMTP by the delivery job", async () => {
    const report = await deliverQueuedEmails(mailer);
    expect(report.sent).toBeGreaterThanOrEqual(2);
    const toLena = inbox.filter((m) => m.to.includes(late.email));
    expect(toLena).toHaveLength(1);
    expect(toLena[0]!.subject).toMatch(/check-in for the week of 23 Nov: 2 key results/);
    expect(toLena[0]!.text).toContain("Cut lead time to 2 days");
    const stored = await mailsOf("reminder");
    expect(stored.every((m) => m.status === "sent" && m.sentAt && m.attempts === 1)).toBe(true);
  });
});

describe("lead digests", () => {
  it("go to each lead on Tuesday morning: who checked in, who is overdue, what is off track", async () => {
    const leadActor = (await resolveActor(world.lead.id))!;
    const offTrack = await db.keyResult.findFirstOrThrow({ where: { organizationId: world.org.id, title: offTrackTitle } });
    await recordCheckIn(leadActor, { keyResultId: offTrack.id, value: "5", confidence: "off_track", note: "The test farm is down" }, { now: MONDAY_1100 });

    await runReminders({ now: MONDAY_1100, mode: "smtp" });
    expect(await mailsOf("digest")).toEqual([]);
    await Promise.all([runReminders({ now: TUESDAY_0930, mode: "smtp" }), runReminders({ now: TUESDAY_0930, mode: "smtp" })]);
    const digests = await mailsOf("digest");
    expect(digests).toHaveLength(1);
    const digest = digests[0]!;
    expect(digest.to).toBe(world.lead.email);
    expect(digest.subject).toBe(`${world.team.name} check-ins, week of 23 Nov: 2 of 4 done`);
    expect(digest.text).toContain(`Checked in:\n- Dana Done\n- ${world.lead.name}\n`);
    expect(digest.text).toContain("Overdue:\n- Lena Late (2 key results)\n- Quinn Quiet (1 key result)\n");
    expect(digest.text).toContain(`Off track:\n- Halve flaky tests (${world.lead.name})`);
    expect(digest.text).toContain(`/teams/${world.team.id}/check-ins`);
  });
});

describe("mail delivery", () => {
  it("retries a refused message and gives up after the last attempt", async () => {
    const [queued] = await db.$transaction((tx) => enqueueEmails(tx, [{ organizationId: world.org.id, to: REFUSED, subject: "Bounce", text: "x", kind: "test" }], "smtp"));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // Each retry waits for its back-off: run the job a day later each time.
      await deliverQueuedEmails(mailer, { now: () => new Date(Date.now() + (attempt - 1) * 86_400_000) });
      const row = await db.emailMessage.findUniqueOrThrow({ where: { id: queued!.id } });
      expect(row.attempts).toBe(attempt);
      expect(row.status).toBe(attempt < MAX_ATTEMPTS ? "queued" : "failed");
      expect(row.error).toMatch(/No such mailbox/);
    }
  });

  it("runs as pg-boss jobs in Postgres: the schedules are stored and a worker sends the outbox", async () => {
    const { boss } = await startJobs({ databaseUrl: process.env.DATABASE_URL, mailer });
    const schedules = await boss.getSchedules();
    expect(schedules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: QUEUES.reminders, cron: SCHEDULES[QUEUES.reminders] }),
        expect.objectContaining({ name: QUEUES.email, cron: SCHEDULES[QUEUES.email] }),
        expect.objectContaining({ name: QUEUES.cleanup, cron: SCHEDULES[QUEUES.cleanup] }),
      ]),
    );
    const to = `job-${world.org.id.slice(0, 8)}@example.test`;
    await db.$transaction((tx) => enqueueEmails(tx, [{ organizationId: world.org.id, to, subject: "Through the queue", text: "Sent by a worker", kind: "test" }], "smtp"));
    await boss.send(QUEUES.email, {});
    await expect.poll(() => inbox.filter((m) => m.to.includes(to)).length, { timeout: 15_000, interval: 200 }).toBe(1);
    await expect.poll(async () => (await db.emailMessage.findFirst({ where: { to } }))?.status, { timeout: 5_000, interval: 100 }).toBe("sent");
  });

  it("runs a reminders job for the instant it names, once however often it is sent", async () => {
    const { boss } = await startJobs({ databaseUrl: process.env.DATABASE_URL, mailer });
    // Chatham's Monday 30 November at 10:00, a week after the other tests' instants: nobody was reminded for it yet.
    const now = new Date(MONDAY_1100.getTime() + 7 * 86_400_000).toISOString();
    const claims = () => db.reminderDelivery.count({ where: { userId: late.id, kind: "reminder", week: new Date("2026-11-30T00:00:00Z") } });
    expect(await claims()).toBe(0);
    const ids = [await boss.send(QUEUES.reminders, { now }), await boss.send(QUEUES.reminders, { now })];
    await expect.poll(async () => (await Promise.all(ids.map((id) => boss.getJobById(QUEUES.reminders, id!)))).map((j) => j?.state), { timeout: 20_000, interval: 200 }).toEqual([
      "completed",
      "completed",
    ]);
    expect(await claims()).toBe(1);
  });
});
