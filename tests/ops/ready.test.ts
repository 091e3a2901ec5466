import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { GET as ready } from "@/app/api/ready/route";
import { withDatabase } from "@/lib/db/connection";
import { checkReadiness, committedMigrations } from "@/lib/ops/readiness";
import { migrateDeploy } from "@/scripts/lib/migrations";
import { TcpProxy } from "@/scripts/lib/soak/tcp-proxy";
import { quoteIdent, withAdminClient } from "../setup/databases";

const committed = committedMigrations("prisma/migrations")!;
const off = { state: "off", failedStarts: 0, nextRetryAt: null } as const;
const opened: pg.Pool[] = [];

function poolFor(config: pg.PoolConfig): pg.Pool {
  const p = new pg.Pool(config);
  opened.push(p);
  return p;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function freshDatabase(suffix: string): Promise<string> {
  const serverUrl = process.env.DATABASE_URL!;
  const name = `${process.env.KEEL_TEST_DB_PREFIX ?? "keel_test"}_ready_${suffix}`;
  await withAdminClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  });
  return withDatabase(serverUrl, name);
}

// The test template is migrated from the SQL files without Prisma's record of them; readiness reads that record,
// so this database is migrated the production way.
let deployed: pg.Pool;
let deployedUrl: string;
beforeAll(async () => {
  deployedUrl = await freshDatabase("deployed");
  await migrateDeploy(deployedUrl);
  deployed = poolFor({ connectionString: deployedUrl });
}, 120_000);

afterAll(async () => {
  await Promise.all(opened.map((p) => p.end()));
  await withAdminClient(process.env.DATABASE_URL!, async (client) => {
    for (const suffix of ["deployed", "empty"]) {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(`${process.env.KEEL_TEST_DB_PREFIX ?? "keel_test"}_ready_${suffix}`)} WITH (FORCE)`);
    }
  });
});

describe("/api/ready", () => {
  it("answers 200 when the database answers, every committed migration is applied and the jobs are off as configured", async () => {
    expect(committed.length).toBeGreaterThan(0);
    const result = await checkReadiness({ pool: deployed, committed, jobs: off, jobsDisabled: true });
    expect(result).toMatchObject({ status: "ready", failed: [], checks: { database: { ok: true }, migrations: { ok: true }, jobs: { ok: true, detail: "off" } } });
  });

  it("answers through the route with the status and the failed checks", async () => {
    // The route's own pool is this worker's database, migrated with the same bookkeeping as migrate deploy.
    const res = await ready();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ready", failed: [], checks: { database: { ok: true }, migrations: { ok: true }, jobs: { ok: true } } });
  });

  it("answers 503 naming the database when it cannot be reached", async () => {
    const closed = poolFor({ host: "127.0.0.1", port: 1, user: "nobody", database: "keel", connectionTimeoutMillis: 1000 });
    const result = await checkReadiness({ pool: closed, committed, jobs: off, jobsDisabled: true });
    expect(result.status).toBe("unavailable");
    expect(result.failed).toEqual(["database", "migrations"]);
    expect(result.checks.database.detail).toMatch(/cannot be reached/);
  });

  it("answers 503 naming the migrations when a committed one is not applied, or the folder is missing", async () => {
    const missing = [...committed, "29991231000000_not_applied_yet"];
    const result = await checkReadiness({ pool: deployed, committed: missing, jobs: off, jobsDisabled: true });
    expect(result.failed).toEqual(["migrations"]);
    expect(result.checks.migrations.detail).toContain("29991231000000_not_applied_yet");

    expect(committedMigrations("prisma/no-such-folder")).toBeNull();
    const noFolder = await checkReadiness({ pool: deployed, committed: null, jobs: off, jobsDisabled: true });
    expect(noFolder.failed).toEqual(["migrations"]);
  });

  it("answers 503 naming the database while Postgres is unreachable, and 200 again once it is back", async () => {
    const port = await freePort();
    const target = new URL(process.env.DATABASE_URL!);
    let proxy = new TcpProxy(port, { host: target.hostname, port: Number(target.port || 5432) });
    await proxy.listen();
    const url = new URL(deployedUrl);
    url.host = `127.0.0.1:${port}`;
    const throughProxy = poolFor({ connectionString: url.toString(), connectionTimeoutMillis: 1000 });
    // Idle connections cut by the outage report here; pg would otherwise throw them at the process.
    throughProxy.on("error", () => undefined);
    try {
      expect((await checkReadiness({ pool: throughProxy, committed, jobs: off, jobsDisabled: true })).status).toBe("ready");

      await proxy.close();
      const down = await checkReadiness({ pool: throughProxy, committed, jobs: off, jobsDisabled: true });
      expect(down.status).toBe("unavailable");
      expect(down.failed).toContain("database");

      proxy = new TcpProxy(port, { host: target.hostname, port: Number(target.port || 5432) });
      await proxy.listen();
      const back = await checkReadiness({ pool: throughProxy, committed, jobs: off, jobsDisabled: true });
      expect(back).toMatchObject({ status: "ready", failed: [] });
    } finally {
      await proxy.close();
    }
  });

  it("answers 503 naming the migrations for a database never migrated", async () => {
    const empty = poolFor({ connectionString: await freshDatabase("empty") });
    const result = await checkReadiness({ pool: empty, committed, jobs: off, jobsDisabled: true });
    expect(result.checks.database.ok).toBe(true);
    expect(result.failed).toEqual(["migrations"]);
    expect(result.checks.migrations.detail).toContain(`${committed.length} committed migration(s) not applied`);
  });

  it("answers 503 naming the jobs while they are not running on a server that should run them", async () => {
    const retrying = { state: "retrying", failedStarts: 2, nextRetryAt: new Date().toISOString() } as const;
    const result = await checkReadiness({ pool: deployed, committed, jobs: retrying, jobsDisabled: false });
    expect(result.failed).toEqual(["jobs"]);
    expect(result.checks.jobs.detail).toMatch(/retrying after 2 failed start/);
    expect((await checkReadiness({ pool: deployed, committed, jobs: { ...retrying, state: "running", failedStarts: 0 }, jobsDisabled: false })).failed).toEqual([]);
    // KEEL_JOBS=off: "off" is right, but jobs that were never meant to start are not "running" either way.
    expect((await checkReadiness({ pool: deployed, committed, jobs: off, jobsDisabled: false })).failed).toEqual(["jobs"]);
  });
});
