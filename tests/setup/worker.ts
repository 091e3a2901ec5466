import { randomUUID } from "node:crypto";
import { beforeEach, inject, vi } from "vitest";
import { withDatabase } from "../../lib/db/connection";
import { quoteIdent, TEMPLATE_DATABASE, WORKER_DATABASE_PREFIX, withAdminClient } from "./databases";
import { sessionState } from "../helpers/session-state";

// Each worker gets its own database cloned from the migrated template, before any module opens a connection.
const serverUrl = inject("serverUrl");
const workerId = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "1";
const database = `${WORKER_DATABASE_PREFIX}${workerId}`;
await withAdminClient(serverUrl, async (client) => {
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (!exists.rowCount) await client.query(`CREATE DATABASE ${quoteIdent(database)} TEMPLATE ${quoteIdent(TEMPLATE_DATABASE)}`);
});
process.env.DATABASE_URL = withDatabase(serverUrl, database);
process.env.NEXTAUTH_SECRET ??= "keel-test-secret-keel-test-secret";
process.env.NEXTAUTH_URL ??= "http://localhost:3000";
process.env.KEEL_JOBS = "off";

// Server actions read the session cookie through this one function; tests choose who is signed in instead (and
// with which session version, so an ended session is refused as in production).
vi.mock("@/lib/auth/session-cookie", () => ({
  readSessionCookie: async () => (sessionState.userId ? { userId: sessionState.userId, sessionVersion: sessionState.sessionVersion } : null),
}));

// Outside a Next request there are no headers; tests choose the ones server actions read.
vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/headers")>()),
  headers: async () => new Headers(sessionState.headers),
}));

// Each test is its own client (its own address for the rate limits) unless it sets headers itself.
beforeEach(() => {
  sessionState.headers = { "x-keel-peer-address": `test-${randomUUID()}` };
});

// refresh() and revalidatePath() only make sense inside a Next request; the tests read the database instead.
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  refresh: () => undefined,
  revalidatePath: () => undefined,
}));
