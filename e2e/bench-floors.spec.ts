import { spawn } from "node:child_process";
import { withDatabase } from "../lib/db/connection";
import { e2eDatabaseUrl } from "./env";
import { expect, test } from "./fixtures";

/**
 * Keeps the benchmark's floors honest: for every op of `npm run bench`, Keel (this production build), the SQL floor and
 * the HTTP floor (bench/floor) must return the same data, or the ratios would compare different work. Runs the bench
 * in `--verify-only` mode on a small generated organisation (size S) in a database of its own, beside the e2e one.
 */
test("Keel and both floors of every benchmark operation return the same data", async () => {
  test.setTimeout(180_000);
  const e2eUrl = e2eDatabaseUrl();
  const prefix = `${new URL(e2eUrl).pathname.slice(1)}_bench`;
  const child = spawn(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "bench/run.ts", "--size", "S", "--verify-only", "--dist-dir", process.env.KEEL_DIST_DIR ?? ".next-test"],
    {
      env: { ...process.env, DATABASE_URL: withDatabase(e2eUrl, "postgres"), KEEL_BENCH_DB_PREFIX: prefix, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code, output).toBe(0);
  expect(output).toContain("check-in: the same data");
});
