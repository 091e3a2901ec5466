import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { negotiatedPoolConfig } from "./lib/db/connection";

// Prisma 6 in its JavaScript ("Rust-free") mode: no engine binary is downloaded. See docs/decisions/0001.
export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    // allowExitOnIdle: without it every CLI command waits for idle connections to time out.
    return new PrismaPg(await negotiatedPoolConfig(url, { allowExitOnIdle: true }));
  },
});
