import { createKeyResult, createMember, createObjective, createOrganization, createTeam, addTeamMember } from "../prisma/factories";
import { slackSignature } from "../lib/slack/signature";
import { createCurrentCycle, e2ePrisma } from "./data";
import { E2E_SLACK_APP, E2E_SLACK_URL } from "./env";
import { expect, expectSignedIn, test } from "./fixtures";

/** A request as Slack sends it: form-encoded, signed with the app's signing secret. */
function signedForm(body: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": timestamp, "x-slack-signature": slackSignature(E2E_SLACK_APP.signingSecret, timestamp, body) },
    data: body,
  };
}

test("an admin connects Slack; a member checks in from Slack's modal and the key result says so", async ({ page, request, signInAs }) => {
  const db = e2ePrisma();
  const org = await createOrganization(db, { name: `Slacking ${Date.now()}` });
  const admin = await createMember(db, org.id, "admin", { name: "Ari Admin" });
  const member = await createMember(db, org.id, "member", { name: "Mo Member" });
  await db.user.update({ where: { id: member.id }, data: { emailVerifiedAt: new Date() } });
  const team = await createTeam(db, org.id, { name: "Payments" });
  await addTeamMember(db, org.id, team.id, member.id, "member");
  const cycle = await createCurrentCycle(db, org.id);
  const objective = await createObjective(db, org.id, { cycleId: cycle.id, ownerId: member.id, teamId: team.id, level: "team", title: "Payments never fail" });
  const keyResult = await createKeyResult(db, org.id, { objectiveId: objective.id, ownerId: member.id, title: "Successful payments", start: 90, target: 99.9, unit: "%" });

  await signInAs(admin.email);
  await page.goto("/");
  await expectSignedIn(page, org.name);
  await page.getByRole("button", { name: "Open user menu" }).click();
  await page.getByRole("menuitem", { name: "Organisation settings" }).click();
  await page.getByRole("link", { name: /Slack:/ }).click();
  await expect(page.getByRole("heading", { name: "Not connected" })).toBeVisible();
  await page.getByRole("link", { name: "Add to Slack" }).click();
  await expect(page.getByRole("heading", { name: "Connected to E2E Workspace" })).toBeVisible();
  const installation = await db.slackInstallation.findUniqueOrThrow({ where: { organizationId: org.id } });

  // Mo in Slack: the stand-in knows Mo's address, as Slack would.
  await request.post(`${E2E_SLACK_URL}/test/users`, { data: { slackUserId: "U-MO", email: member.email } });
  const command = new URLSearchParams({ team_id: installation.slackTeamId, user_id: "U-MO", command: "/keel", text: "checkin", trigger_id: "trigger-mo" }).toString();
  expect((await request.post("/api/slack/commands", signedForm(command))).status()).toBe(200);
  const calls = (await (await request.get(`${E2E_SLACK_URL}/test/calls`)).json()) as { method: string; body: { trigger_id?: string; view?: string } }[];
  const opened = calls.find((c) => c.method === "views.open" && c.body.trigger_id === "trigger-mo");
  expect(opened?.body.view).toContain(`value:${keyResult.id}`);

  const forged = await request.post("/api/slack/commands", { ...signedForm(command), headers: { ...signedForm(command).headers, "x-slack-signature": "v0=forged" } });
  expect(forged.status()).toBe(401);

  const values = {
    [`value:${keyResult.id}`]: { value: { value: "99.2" } },
    [`confidence:${keyResult.id}`]: { confidence: { selected_option: { value: "at_risk" } } },
    [`note:${keyResult.id}`]: { note: { value: "One provider flaky" } },
  };
  const payload = { type: "view_submission", team: { id: installation.slackTeamId }, user: { id: "U-MO" }, view: { callback_id: "keel_checkin", private_metadata: "{}", state: { values } } };
  expect((await request.post("/api/slack/interactions", signedForm(new URLSearchParams({ payload: JSON.stringify(payload) }).toString()))).status()).toBe(200);

  await signInAs(member.email);
  await page.goto(`/objectives/${objective.id}`);
  const entry = page.getByTestId("timeline-entry").filter({ hasText: "Successful payments" });
  await expect(entry).toContainText("Mo Member checked in");
  await expect(entry).toContainText("via Slack");
  await expect(entry).toContainText("One provider flaky");
  await expect(page.getByTestId("key-result").filter({ hasText: "Successful payments" }).getByTestId("kr-current")).toHaveText("99.2%");
});
