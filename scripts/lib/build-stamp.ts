import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Everything `next build` reads. */
const SOURCES = ["app", "components", "lib", "types", "public", "prisma/schema.prisma", "proxy.ts", "next.config.js", "postcss.config.js", "package-lock.json", "tsconfig.json", "instrumentation.ts"];

/**
 * Sizes and modification times of every build input: cheap to compute, and it changes with any edit, so a start
 * can tell whether the existing build is still the sources' build.
 */
export function sourceStamp(): string {
  const hash = createHash("sha256");
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p).sort()) if (entry !== "generated") visit(path.join(p, entry));
    } else {
      hash.update(`${p}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  SOURCES.forEach(visit);
  return hash.digest("hex");
}
