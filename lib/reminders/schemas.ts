import { z } from "zod";
import { BooleanishSchema, safeString } from "@/lib/http/schemas";
import { isTimeZone } from "./time-zones";

export const ProfileSchema = z.object({
  name: safeString({ error: "Enter your name" }).trim().min(1, "Enter your name").max(120, "Names are at most 120 characters"),
  timeZone: safeString({ error: "Choose a time zone" })
    .trim()
    .refine(isTimeZone, "Choose a time zone from the list, like Europe/Stockholm"),
  // A form leaves an unticked box out entirely, which means "off".
  remindersEnabled: BooleanishSchema.optional().transform((v) => v ?? false),
});
export type ProfileInput = z.output<typeof ProfileSchema>;
