import { z } from "zod";
import { idSchema, safeString } from "@/lib/http/schemas";

export const ApiTokenNameSchema = safeString({ error: "Name the token, for example after the script that uses it" })
  .trim()
  .min(1, "Name the token, for example after the script that uses it")
  .max(80, "Token names are at most 80 characters");

/** The lifetimes a person may choose; "none" is a token that lasts until it is revoked. */
export const TOKEN_EXPIRY_CHOICES = ["30", "90", "365", "none"] as const;
export type TokenExpiryChoice = (typeof TOKEN_EXPIRY_CHOICES)[number];

export const TOKEN_SCOPES = ["read", "write"] as const;

export const CreateApiTokenSchema = z.object({
  name: ApiTokenNameSchema,
  // A form always sends both; a script that leaves them out gets the cautious choice.
  expiresIn: z.enum(TOKEN_EXPIRY_CHOICES, { error: "Choose 30, 90 or 365 days, or no expiry" }).default("90"),
  scope: z.enum(TOKEN_SCOPES, { error: "Choose read only, or read and write" }).default("read"),
});
export type CreateApiTokenInput = z.output<typeof CreateApiTokenSchema>;

/** An organisation token's scopes; `checkins_write` is written "check-ins:write" in the docs and the UI. */
export const ORGANIZATION_TOKEN_SCOPES = ["read", "checkins_write", "write"] as const;

export const CreateOrganizationApiTokenSchema = z.object({
  name: ApiTokenNameSchema,
  expiresIn: z.enum(TOKEN_EXPIRY_CHOICES, { error: "Choose 30, 90 or 365 days, or no expiry" }).default("365"),
  scope: z.enum(ORGANIZATION_TOKEN_SCOPES, { error: "Choose read only, check-ins, or read and write" }).default("read"),
});
export type CreateOrganizationApiTokenInput = z.output<typeof CreateOrganizationApiTokenSchema>;

export const RevokeApiTokenSchema = z.object({ tokenId: idSchema("Choose a token") });

/** When a token made now with this choice stops working, or null for never. */
export function expiryFor(choice: TokenExpiryChoice, now: Date = new Date()): Date | null {
  if (choice === "none") return null;
  return new Date(now.getTime() + Number(choice) * 24 * 60 * 60 * 1000);
}
