import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { createMailer, deliverQueuedEmails, MAX_ATTEMPTS, retryDelayMs, type Mailer } from "@/lib/email/deliver";
import { enqueueEmails } from "@/lib/email/outbox";
import { createWorld, type World } from "../helpers/world";

const RELAY_DELAY_MS = 1500;
let world: World;
let server: SMTPServer;
let slowRelay: Mailer;
const received: string[] = [];

async function queue(to: string) {
  const [row] = await db.$transaction((tx) => enqueueEmails(tx, [{ organizationId: world.org.id, to, subject: "Hello", text: "x", kind: "test" }], "smtp"));
  return row!.id;
}

const stored = (id: string) => db.emailMessage.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  world = await createWorld();
  // A relay that takes its time to accept each message, as a loaded or distant one does.
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on("end", () => {
        setTimeout(() => {
          received.push(...session.envelope.rcptTo.map((r) => r.address));
          callback();
        }, RELAY_DELAY_MS);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  slowRelay = createMailer(`smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, "Keel <keel@example.test>");
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("mail delivery through a slow relay", () => {
  it("claims the message in its own commit before sending, sends it once, and marks it sent", async () => {
    const to = `slow-${world.org.id}@example.test`;
    const id = await queue(to);
    const first = deliverQueuedEmails(slowRelay);
    // While the relay is still busy, the claim is already visible to everyone: no transaction is held open.
    await expect.poll(async () => (await stored(id)).attempts, { timeout: 10_000, interval: 50 }).toBe(1);
    expect(received).not.toContain(to);
    // Another app server running the job meanwhile does not send it again.
    const second = await deliverQueuedEmails(slowRelay);
    expect(second.sent).toBe(0);
    await first;
    expect(received.filter((r) => r === to)).toHaveLength(1);
    expect(await stored(id)).toMatchObject({ status: "sent", attempts: 1 });
  });
});

describe("a run that never finishes its send", () => {
  it("holds the message until its back-off ends, then tries again, at most MAX_ATTEMPTS times in all", async () => {
    const to = `hung-${world.org.id}@example.test`;
    const id = await queue(to);
    let calls = 0;
    // A relay that never answers, as a process that dies mid-send leaves it: nothing ever marks the message.
    const hung: Mailer = { from: "k@example.test", transport: { sendMail: () => (calls++, new Promise(() => undefined)) } as Mailer["transport"] };
    const start = Date.now();
    void deliverQueuedEmails(hung, { now: () => new Date(start) });
    await expect.poll(() => calls, { timeout: 10_000, interval: 50 }).toBe(1);
    // Not claimed again before the back-off ends (a claim would hang this run on the relay, and the test with it)...
    expect(await deliverQueuedEmails(hung, { now: () => new Date(start + retryDelayMs(1) - 1000) })).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(calls).toBe(1);
    let clock = start;
    for (let attempt = 2; attempt <= MAX_ATTEMPTS + 2; attempt++) {
      clock += retryDelayMs(attempt - 1) + 1000;
      const at = clock;
      void deliverQueuedEmails(hung, { now: () => new Date(at) });
      await expect.poll(async () => (await stored(id)).attempts, { timeout: 10_000, interval: 50 }).toBe(Math.min(attempt, MAX_ATTEMPTS));
    }
    // ...and never more than MAX_ATTEMPTS claims, however long the job keeps running.
    expect((await stored(id)).attempts).toBe(MAX_ATTEMPTS);
    expect(calls).toBe(MAX_ATTEMPTS);
  });

  it("marks a message that keeps failing as failed after the last attempt, sending it no more", async () => {
    const id = await queue(`refused-${world.org.id}@example.test`);
    let calls = 0;
    const refusing: Mailer = { from: "k@example.test", transport: { sendMail: async () => { calls++; throw new Error("550 No such mailbox"); } } as Mailer["transport"] };
    const start = Date.now();
    for (let run = 0; run < MAX_ATTEMPTS + 3; run++) {
      await deliverQueuedEmails(refusing, { now: () => new Date(start + run * 2 * 86_400_000) });
    }
    expect(calls).toBe(MAX_ATTEMPTS);
    expect(await stored(id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, error: "550 No such mailbox" });
  });
});
