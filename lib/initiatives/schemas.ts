import { z } from "zod";
import { parseIsoDate } from "@/lib/dates/week";
import { idSchema, safeString, VersionSchema } from "@/lib/http/schemas";

export const INITIATIVE_STATUSES = ["planned", "in_progress", "done", "dropped"] as const;
export const InitiativeStatusSchema = z.enum(INITIATIVE_STATUSES, { error: "Status must be planned, in_progress, done or dropped" });
export type InitiativeStatusValue = z.output<typeof InitiativeStatusSchema>;

const TitleSchema = safeString({ error: "Describe the initiative" }).trim().min(3, "Titles need at least 3 characters").max(200, "Titles are at most 200 characters");

/** A calendar date like 2027-02-15; empty clears it. */
const DueDateSchema = z
  .union([safeString(), z.null()], { error: "Enter the due date as a date like 2027-02-15" })
  .transform((v, ctx) => {
    const text = (v ?? "").trim();
    if (!text) return null;
    const date = parseIsoDate(text);
    if (!date) {
      ctx.addIssue({ code: "custom", message: "Enter the due date as a real date, like 2027-02-15" });
      return z.NEVER;
    }
    return date;
  })
  .meta({ description: "A calendar date (2027-02-15); null or empty for none", format: "date" });

/** A link to the issue tracker: http(s) only, so a javascript: or data: address never becomes a link on a page. */
const UrlSchema = z
  .union([safeString(), z.null()], { error: "Enter a web address starting with https://" })
  .transform((v, ctx) => {
    const text = (v ?? "").trim();
    if (!text) return null;
    if (text.length > 2000) {
      ctx.addIssue({ code: "custom", message: "Links are at most 2000 characters" });
      return z.NEVER;
    }
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a web address starting with https://" });
      return z.NEVER;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      ctx.addIssue({ code: "custom", message: "Only http and https links can be kept" });
      return z.NEVER;
    }
    return url.toString();
  })
  .meta({ description: "A link to the issue tracker's item (http or https); null or empty for none", format: "uri" });

const OwnerSchema = z
  .union([idSchema("Not a valid owner id"), z.literal("")])
  .optional()
  .transform((v) => v || undefined);

export const CreateInitiativeSchema = z.object({
  keyResultId: idSchema("Choose the key result"),
  title: TitleSchema,
  ownerId: OwnerSchema,
  status: InitiativeStatusSchema.default("planned"),
  dueDate: DueDateSchema.optional(),
  url: UrlSchema.optional(),
});
export type CreateInitiativeInput = z.output<typeof CreateInitiativeSchema>;

export const UpdateInitiativeSchema = z.object({
  version: VersionSchema,
  title: TitleSchema.optional(),
  ownerId: OwnerSchema,
  status: InitiativeStatusSchema.optional(),
  dueDate: DueDateSchema.optional(),
  url: UrlSchema.optional(),
});
export type UpdateInitiativeInput = z.output<typeof UpdateInitiativeSchema>;

export const DeleteInitiativeSchema = z.object({ version: VersionSchema });
