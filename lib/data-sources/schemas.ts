import { z } from "zod";
import { idSchema, safeString } from "@/lib/http/schemas";

export const DATA_SOURCE_KINDS = ["http_json", "prometheus", "postgres"] as const;
export const FEED_SCHEDULES = ["hourly", "daily", "weekly"] as const;

export const DATA_SOURCE_KIND_LABEL = { http_json: "HTTP endpoint returning JSON", prometheus: "Prometheus (instant query)", postgres: "PostgreSQL (read-only query)" } as const;
export const FEED_SCHEDULE_LABEL = { hourly: "Every hour", daily: "Every day", weekly: "Every week" } as const;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** "Name: value" per line, as people paste them; blank lines are ignored. */
export function parseHeaderLines(text: string): { headers: Record<string, string> } | { error: string } {
  const headers: Record<string, string> = {};
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    if (!HEADER_NAME.test(name)) return { error: `Line ${i + 1} is not a header: write "Name: value", like "Authorization: Bearer …"` };
    headers[name] = line.slice(colon + 1).trim();
  }
  return { headers };
}

const HttpUrlSchema = safeString({ error: "Enter the source's address" })
  .trim()
  .max(2000, "Addresses are at most 2000 characters")
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), "Enter a full http(s) address, like https://metrics.example.com");

export const CreateDataSourceSchema = z
  .object({
    name: safeString({ error: "Name the data source" }).trim().min(1, "Name the data source").max(80, "Names are at most 80 characters"),
    kind: z.enum(DATA_SOURCE_KINDS, { error: "Choose what kind of source it is" }),
    url: z.string().optional(),
    headers: safeString({ multiline: true }).max(4000, "Headers are at most 4000 characters").default(""),
    connectionString: safeString().trim().max(2000, "Connection strings are at most 2000 characters").optional(),
  })
  .transform((input, ctx) => {
    if (input.kind === "postgres") {
      if (!input.connectionString || !/^postgres(ql)?:\/\//.test(input.connectionString)) {
        ctx.addIssue({ code: "custom", path: ["connectionString"], message: "Enter a postgresql:// connection string, ideally of a read-only role" });
        return z.NEVER;
      }
      return { name: input.name, kind: input.kind, url: null, secrets: { connectionString: input.connectionString } };
    }
    const url = HttpUrlSchema.safeParse(input.url ?? "");
    if (!url.success) {
      ctx.addIssue({ code: "custom", path: ["url"], message: url.error.issues[0]?.message ?? "Enter the source's address" });
      return z.NEVER;
    }
    const headers = parseHeaderLines(input.headers);
    if ("error" in headers) {
      ctx.addIssue({ code: "custom", path: ["headers"], message: headers.error });
      return z.NEVER;
    }
    return { name: input.name, kind: input.kind, url: url.data, secrets: { headers: headers.headers } };
  });
export type CreateDataSourceInput = z.output<typeof CreateDataSourceSchema>;

export const DataSourceIdSchema = z.object({ dataSourceId: idSchema("Choose a data source") });

const FeedFields = {
  keyResultId: idSchema("Choose a key result"),
  dataSourceId: idSchema("Choose a data source"),
  expression: safeString({ multiline: true }).trim().max(4000, "At most 4000 characters").default(""),
  pointer: safeString().trim().max(500, "JSON pointers are at most 500 characters").default(""),
};

export const TestFeedSchema = z.object(FeedFields).superRefine((input, ctx) => {
  if (input.pointer && !input.pointer.startsWith("/")) ctx.addIssue({ code: "custom", path: ["pointer"], message: 'A JSON pointer starts with "/", like /data/total' });
});
export const SetFeedSchema = z.object({ ...FeedFields, schedule: z.enum(FEED_SCHEDULES, { error: "Choose how often to read it" }).default("daily") }).superRefine((input, ctx) => {
  if (input.pointer && !input.pointer.startsWith("/")) ctx.addIssue({ code: "custom", path: ["pointer"], message: 'A JSON pointer starts with "/", like /data/total' });
});
export type SetFeedInput = z.output<typeof SetFeedSchema>;

export const FeedKeyResultSchema = z.object({ keyResultId: idSchema("Choose a key result") });
