import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

export type SignUpPolicy = { mode: "open" } | { mode: "invite-only" } | { mode: "domains"; domains: string[] };

/** KEEL_SIGNUP: open (default), invite-only, or domains:example.com,example.org. */
export const SignUpPolicySchema = z
  .string()
  .optional()
  .transform((value, ctx): SignUpPolicy => {
    const text = value?.trim().toLowerCase() ?? "";
    if (text === "" || text === "open") return { mode: "open" };
    if (text === "invite-only") return { mode: "invite-only" };
    if (text.startsWith("domains:")) {
      const domains = text.slice("domains:".length).split(",").map((d) => d.trim().replace(/^@/, "")).filter(Boolean);
      if (domains.length && domains.every((d) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d))) return { mode: "domains", domains };
    }
    ctx.addIssue({ code: "custom", message: "KEEL_SIGNUP must be open, invite-only or domains:example.com,example.org" });
    return z.NEVER;
  });

const EnvSchema = z
  .object({
    DATABASE_URL: z
      .string({ error: "DATABASE_URL is not set: point it at Postgres, or start Keel with `npm start` to use the embedded one" })
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
    // A streaming replica for the heavy whole-cycle reads (tree, review, exports); unset, they read DATABASE_URL.
    DATABASE_READ_URL: optionalString.pipe(z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_READ_URL must be a postgresql:// URL").optional()),
    NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters").optional(),
    NEXTAUTH_URL: optionalString,
    OIDC_ISSUER: optionalString,
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    OIDC_NAME: optionalString,
    SMTP_URL: optionalString,
    SMTP_FROM: optionalString,
    KEEL_SIGNUP: SignUpPolicySchema,
    // How many reverse proxies in front of Keel append to X-Forwarded-For; 0 means clients connect directly.
    KEEL_TRUSTED_PROXIES: z.coerce.number({ error: "KEEL_TRUSTED_PROXIES must be a whole number" }).int().min(0).max(10).default(0),
    // on (every job), off, or the jobs this server runs, e.g. "webhooks,email" (lib/jobs/boss.ts JOB_KINDS).
    KEEL_JOBS: z
      .string()
      .default("on")
      .refine((v) => ["on", "off"].includes(v) || v.split(",").every((kind) => ["reminders", "email", "cleanup", "webhooks", "feeds"].includes(kind.trim())), {
        message: "KEEL_JOBS must be on, off, or a list of reminders, email, cleanup, webhooks, feeds",
      }),
    // 1 when DATABASE_URL points at PgBouncer in transaction pooling mode (lib/db/pool-options.ts).
    KEEL_PGBOUNCER: z.enum(["0", "1"], { error: "KEEL_PGBOUNCER must be 1 (behind PgBouncer in transaction mode) or 0" }).optional(),
    // How long a stopping server lets requests in flight finish (lib/server/shutdown.ts).
    KEEL_SHUTDOWN_GRACE_MS: z.coerce.number({ error: "KEEL_SHUTDOWN_GRACE_MS must be a number of milliseconds" }).int().min(0).max(600_000).default(10_000),
    KEEL_DEV_MAILBOX: z.enum(["on", "off"]).optional(),
    // Encrypts secrets Keel must read back (webhook signing secrets); unset, a key is derived from NEXTAUTH_SECRET.
    KEEL_ENCRYPTION_KEY: optionalString.pipe(z.string().min(32, "KEEL_ENCRYPTION_KEY must be at least 32 characters").optional()),
    // 1 lets webhooks call private and loopback addresses (a receiver inside the same network); off by default.
    // A Slack app of this instance (lib/slack): all three, or none.
    SLACK_CLIENT_ID: optionalString,
    SLACK_CLIENT_SECRET: optionalString,
    SLACK_SIGNING_SECRET: optionalString,
    // Where Slack's Web API and consent page are; tests point them at a stand-in.
    SLACK_API_URL: z.string().url("SLACK_API_URL must be a URL").default("https://slack.com/api/"),
    SLACK_AUTHORIZE_URL: z.string().url("SLACK_AUTHORIZE_URL must be a URL").default("https://slack.com/oauth/v2/authorize"),
    KEEL_WEBHOOK_ALLOW_PRIVATE: z.enum(["0", "1"], { error: "KEEL_WEBHOOK_ALLOW_PRIVATE must be 1 or 0" }).default("0"),
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Parsed once, failing with one line that names the variable rather than a stack trace deep in a request. */
export function env(): Env {
  if (cached) return cached;
  const result = EnvSchema.safeParse(process.env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const line = `Keel cannot start: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid environment"}`;
    throw new Error(line);
  }
  cached = result.data;
  return cached;
}

export function isOidcEnabled(): boolean {
  const e = env();
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}

/** The development mailbox page is on unless SMTP is configured, or an operator turns it on explicitly. */
export function isDevMailboxEnabled(): boolean {
  const e = env();
  if (e.KEEL_DEV_MAILBOX) return e.KEEL_DEV_MAILBOX === "on";
  return !e.SMTP_URL;
}
