import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { addMember, createUser } from "../prisma/factories";
import { DEMO, e2ePrisma } from "./data";
import { expect, expectSignedIn, test } from "./fixtures";

async function personInDemo(password: string) {
  const email = `recovering-${randomUUID().slice(0, 8)}@example.test`;
  const passwordHash = await hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const user = await createUser(e2ePrisma(), { email, name: "Rae Recovering", passwordHash });
  const org = await e2ePrisma().organization.findFirstOrThrow({ where: { name: DEMO.orgName }, select: { id: true } });
  await addMember(e2ePrisma(), org.id, user.id, "member");
  return { email, userId: user.id };
}

test.describe("account recovery", () => {
  test.slow();

  // That the link works only once, expires, and that the new password signs in: tests/auth/recovery.test.ts.
  test("forgot password: the mailed link sets a new password and signs out the browser that was signed in", async ({ page, browser, signInAs }) => {
    const { email } = await personInDemo("old-password-2024");
    await signInAs(email);
    await page.goto("/");
    await expectSignedIn(page, DEMO.orgName);

    const other = await browser.newContext();
    const visitor = await other.newPage();
    await visitor.goto("/signin");
    await visitor.getByRole("link", { name: "Forgot password?" }).click();
    // The sign-in page has an Email field too: type only once the reset page is there, as a person would.
    await expect(visitor.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await visitor.getByLabel("Email").fill(email);
    await visitor.getByRole("button", { name: "Send reset link" }).click();
    await expect(visitor.getByText(`If an account exists for ${email}, we sent it a link`)).toBeVisible();

    const mail = await e2ePrisma().emailMessage.findFirstOrThrow({ where: { to: email, kind: "reset-password" } });
    const link = /http:\/\/\S+\/reset-password\?token=\S+/.exec(mail.text)?.[0];
    expect(link).toBeTruthy();
    await visitor.goto(link!);
    await visitor.getByLabel("New password").fill("new-password-2025");
    await visitor.getByRole("button", { name: "Set new password" }).click();
    await expect(visitor.getByText("Your password has been changed")).toBeVisible();

    // The browser that was signed in before the reset is signed out on its next page.
    await page.goto("/my-week");
    await expect(page).toHaveURL(/\/signin/);

    await other.close();
  });

  test("an unverified person sees the banner, and the mailed link verifies the address", async ({ page, signInAs }) => {
    const { email, userId } = await personInDemo("some-password-2024");
    await signInAs(email);
    await page.goto("/");
    const banner = page.getByRole("region", { name: "Verify your email" });
    await expect(banner).toBeVisible();
    await banner.getByRole("button", { name: "Resend verification mail" }).click();
    await expect(page.getByText(`We sent a new verification link to ${email}`)).toBeVisible();

    const mail = await e2ePrisma().emailMessage.findFirstOrThrow({ where: { to: email, kind: "verify-email" } });
    await page.goto(/http:\/\/\S+\/verify-email\?token=\S+/.exec(mail.text)![0]);
    await page.getByRole("button", { name: "Verify my email" }).click();
    await expect(page.getByText(`${email} is verified.`)).toBeVisible();
    expect((await e2ePrisma().user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).not.toBeNull();
    await page.goto("/");
    await expectSignedIn(page, DEMO.orgName);
    await expect(page.getByRole("region", { name: "Verify your email" })).toHaveCount(0);
  });

  test("'sign out everywhere' on the profile page ends this and every other session", async ({ page, browser, signInAs }) => {
    const { email } = await personInDemo("some-password-2024");
    await signInAs(email);
    const phoneContext = await browser.newContext();
    await phoneContext.addCookies(await page.context().cookies());
    const phone = await phoneContext.newPage();
    await phone.goto("/");
    await expectSignedIn(phone, DEMO.orgName);

    await page.goto("/settings/profile");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await phone.goto("/my-week");
    await expect(phone).toHaveURL(/\/signin/);
    await phoneContext.close();
  });
});
