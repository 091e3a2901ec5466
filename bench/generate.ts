/**
 * `npm run bench:generate -- --size S|M|L [--seed 42] [--today 2026-11-25]`
 * Generates the organisation of that size into the database keel_bench_<size> (on DATABASE_URL's server, or the
 * benchmark's embedded Postgres), and writes bench/data/manifest-<size>.json.
 */
import { parseArgs } from "node:util";
import { benchDatabaseName, DEFAULT_SEED, DEFAULT_TODAY, parseSize } from "./sizes";
import { openBenchServer } from "./lib/database";
import { generateBenchData } from "./lib/generator";
import { manifestPath, writeManifest } from "./lib/manifest";

async function main() {
  const { values } = parseArgs({
    options: { size: { type: "string", default: "S" }, seed: { type: "string", default: String(DEFAULT_SEED) }, today: { type: "string", default: DEFAULT_TODAY } },
  });
  const size = parseSize(values.size);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number (got ${values.seed})`);
  const server = await openBenchServer();
  try {
    const database = benchDatabaseName(size);
    console.log(`bench: generating size ${size.name} (seed ${seed}, today ${values.today}) into ${database}${server.isEmbedded ? " on the embedded Postgres" : ""}`);
    const { manifest } = await generateBenchData({ serverUrl: server.url, database, size, seed, today: values.today, log: (line) => console.log(`  ${line}`) });
    const file = manifestPath(size.name);
    writeManifest(file, manifest);
    console.log(`bench: wrote ${file}; every person signs in with "${manifest.password}", e.g. ${manifest.users.owner.email}`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
