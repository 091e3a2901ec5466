import "server-only";
import { Client } from "pg";
import { poolConfigFromUrl } from "@/lib/db/connection";
import { env } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import { isShuttingDown } from "@/lib/server/shutdown";

const CHANNEL = "keel_webhooks";
const RECONNECT_MS = 5_000;
/** A burst of changes (one notification per transaction) asks for one run. */
const COALESCE_MS = 200;

/**
 * Wakes the webhooks job when a transaction that wrote deliveries commits (the outbox trigger notifies), so events
 * go out within a second instead of at the next minute. LISTEN needs a session of its own, which PgBouncer in
 * transaction mode cannot give: behind it Keel listens on KEEL_DIRECT_DATABASE_URL, and without that the job's
 * schedule still sends everything within a minute.
 */
export async function listenForWebhooks(wake: () => Promise<unknown>): Promise<() => Promise<void>> {
  const url = process.env.KEEL_DIRECT_DATABASE_URL || (env().KEEL_PGBOUNCER === "1" ? null : env().DATABASE_URL);
  if (!url) {
    log().info("webhooks: behind PgBouncer without KEEL_DIRECT_DATABASE_URL, deliveries go out on the job's minute schedule");
    return async () => undefined;
  }
  let client: Client | null = null;
  let stopped = false;
  let pending: NodeJS.Timeout | null = null;

  const askForRun = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      wake().catch((error: unknown) => log().error(errorFields(error), "webhooks: could not ask for a delivery run"));
    }, COALESCE_MS);
    pending.unref();
  };

  const connect = async (): Promise<void> => {
    if (stopped || isShuttingDown()) return;
    const next = new Client({ ...poolConfigFromUrl(url), application_name: "keel-webhooks-listen" });
    next.on("notification", askForRun);
    next.on("error", (error) => {
      if (!stopped) log().warn(errorFields(error), "webhooks: the listening connection failed; reconnecting");
    });
    next.on("end", () => {
      if (client === next) client = null;
      if (!stopped) setTimeout(() => void connect(), RECONNECT_MS).unref();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      client = next;
      // Whatever was written while this server was not listening goes out now rather than at the next minute.
      askForRun();
    } catch (error) {
      log().warn(errorFields(error), "webhooks: could not listen for new deliveries; retrying");
      await next.end().catch(() => undefined);
    }
  };

  await connect();
  return async () => {
    stopped = true;
    if (pending) clearTimeout(pending);
    await client?.end().catch(() => undefined);
  };
}
