import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: ["lib/generated/**", ".next/**", ".next-*/**", "node_modules/**", ".keel/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bench/data/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["scripts/**", "bench/**", "prisma/**", "e2e/**", "tests/**"],
    rules: { "no-console": "off" },
  },
  {
    // Playwright fixtures hand their value to `use`, which is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;
