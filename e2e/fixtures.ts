import { test as base, expect, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { poolConfigFromUrl } from "../lib/db/connection";
import { E2E_BASE_URL, E2E_SECRET, e2eDatabaseUrl } from "./env";

export { expect };

let pool: pg.Pool | undefined;
/** Direct database access for arranging rows and for checking what a page really wrote. */
export function e2eDb(): pg.Pool {
  pool ??= new pg.Pool(poolConfigFromUrl(e2eDatabaseUrl(), { max: 2 }));
  return pool;
}

export async function userIdByEmail(email: string): Promise<string> {
  const { rows } = await e2eDb().query<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]);
  if (!rows[0]) throw new Error(`no user ${email} in the e2e database`);
  return rows[0].id;
}

// Expected noise: a refused request (a wrong password, a 404 page) is logged by the browser as a failed load.
const IGNORED_CONSOLE = [/Failed to load resource: the server responded with a status of 4\d\d/];

interface Fixtures {
  /** Signs in without the UI, by setting the session cookie next-auth would set. */
  signInAs: (email: string) => Promise<void>;
  /** Fails the test on any error the page logs or throws. */
  failOnConsoleErrors: void;
}

export const test = base.extend<Fixtures>({
  failOnConsoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error" && !IGNORED_CONSOLE.some((re) => re.test(msg.text()))) errors.push(msg.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use();
      expect(errors, "errors in the browser console").toEqual([]);
    },
    { auto: true },
  ],
  signInAs: async ({ context }, use) => {
    await use(async (email: string) => {
      const uid = await userIdByEmail(email);
      // The cookie carries the session version, as at a real sign-in; a cookie without one is signed out.
      const { rows } = await e2eDb().query<{ sv: number }>("SELECT session_version AS sv FROM users WHERE id = $1", [uid]);
      const token = await encode({ token: { uid, sub: uid, email, sv: rows[0]!.sv }, secret: E2E_SECRET });
      await context.addCookies([{ name: "next-auth.session-token", value: token, url: E2E_BASE_URL, httpOnly: true, sameSite: "Lax" }]);
    });
  },
});

/** Waits for the app shell: the page has rendered for a signed-in member. */
export async function expectSignedIn(page: Page, orgName: string) {
  await expect(page.getByTestId("org-name")).toHaveText(orgName);
}
