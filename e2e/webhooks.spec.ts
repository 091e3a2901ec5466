import AxeBuilder from "@axe-core/playwright";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { addTeamMember, createKeyResult, createMember, createObjective, createOrganization, createTeam } from "../prisma/factories";
import { verifySignature } from "../lib/webhooks/signature";
import { createCurrentCycle, e2ePrisma } from "./data";
import { expect, expectSignedIn, test } from "./fixtures";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
const waiters: (() => void)[] = [];

test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.end("ok");
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/keel-events`;
});

test.afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

/** Resolves once the receiver has been sent `count` requests for this event type. */
async function receivedEvents(type: string, count: number): Promise<Received[]> {
  for (;;) {
    const matching = received.filter((r) => r.headers["keel-webhook-event"] === type);
    if (matching.length >= count) return matching;
    await new Promise<void>((resolve) => waiters.push(resolve));
  }
}

test("an admin registers a webhook, checks in, and sees the signed delivery in its log, then sends it again", async ({ page, signInAs }) => {
  test.setTimeout(60_000);
  const db = e2ePrisma();
  const org = await createOrganization(db, { name: `Hooks ${Date.now()}` });
  const admin = await createMember(db, org.id, "owner", { name: "Hana Hook" });
  const team = await createTeam(db, org.id, { name: "Integrations" });
  await addTeamMember(db, org.id, team.id, admin.id, "lead");
  const cycle = await createCurrentCycle(db, org.id);
  const objective = await createObjective(db, org.id, { cycleId: cycle.id, ownerId: admin.id, teamId: team.id, level: "team", title: "Partners build on Keel" });
  const title = "Partners receiving events";
  await createKeyResult(db, org.id, { objectiveId: objective.id, ownerId: admin.id, title, start: 0, target: 10, unit: "partners" });

  await signInAs(admin.email);
  await page.goto("/");
  await expectSignedIn(page, org.name);
  await page.getByRole("button", { name: "Open user menu" }).click();
  await page.getByRole("menuitem", { name: "Organisation settings" }).click();
  await page.getByRole("link", { name: /Webhooks/ }).click();
  await expect(page.getByRole("heading", { name: `Webhooks in ${org.name}` })).toBeVisible();

  await page.getByLabel("Address (URL)").fill(receiverUrl);
  await page.getByLabel("Description (optional)").fill("Partner feed");
  await page.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: /answered the test event with 200/ })).toBeVisible();
  const secret = await page.getByTestId("new-webhook-secret").getByRole("textbox").inputValue();
  expect(secret).toMatch(/^whsec_/);
  await expect(page.getByTestId("webhook-row")).toContainText(receiverUrl);
  expect((await receivedEvents("ping", 1))[0]!.body).toContain('"type":"ping"');

  // The everyday path: a check-in on My week.
  await page.getByRole("link", { name: "My week" }).first().click();
  await page.getByLabel(`Value of ${title}`).fill("3");
  await page.getByRole("button", { name: "Save check-in" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: /saved/ })).toBeVisible();

  const [delivery] = await receivedEvents("check_in.created", 1);
  expect(verifySignature(secret, String(delivery!.headers["keel-signature"]), delivery!.body)).toBe(true);
  const event = JSON.parse(delivery!.body) as { id: string; data: { object: { value: string } } };
  expect(event.data.object.value).toBe("3");
  await expect.poll(async () => (await db.webhookDelivery.findFirst({ where: { eventId: event.id } }))?.state).toBe("delivered");

  await page.goto("/settings/organization/webhooks");
  await page.getByRole("link", { name: `Deliveries to ${receiverUrl}` }).click();
  const row = page.getByTestId("delivery-row").filter({ hasText: "check_in.created" });
  await expect(row).toContainText(event.id);
  await expect(row).toContainText("Delivered · 200");
  await expect(row).toContainText(/\d+ ms/);
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await row.getByRole("button", { name: `Redeliver check_in.created ${event.id}` }).click();
  await expect(page.getByTestId("toast").filter({ hasText: /will be sent again/ })).toBeVisible();
  const again = await receivedEvents("check_in.created", 2);
  expect(again[1]!.headers["keel-webhook-id"]).toBe(event.id);
});
