import { z } from "zod";
import { idSchema, safeString } from "@/lib/http/schemas";
import { RoleSchema } from "@/lib/members/schemas";

export const INVITATION_PREFIX = "keel_inv_";
export const INVITATION_DAYS = 7;

/** The secret part of an invitation link; anything else names no invitation. */
export const InvitationSecretSchema = safeString({ error: "That invitation link is not valid" })
  .max(200, "That invitation link is not valid")
  .regex(/^keel_inv_[A-Za-z0-9_-]+$/, "That invitation link is not valid");

const InviteeEmailSchema = safeString({ error: "Enter an email address, or leave it empty" })
  .trim()
  .toLowerCase()
  .max(254, "Email addresses are at most 254 characters")
  .pipe(z.union([z.literal(""), z.email({ error: "Enter a valid email address, like name@example.com, or leave it empty" })]))
  .optional()
  .transform((v) => (v ? v : undefined));

export const CreateInvitationSchema = z.object({
  role: RoleSchema,
  email: InviteeEmailSchema,
});
export type CreateInvitationInput = z.output<typeof CreateInvitationSchema>;

export const RevokeInvitationSchema = z.object({ invitationId: idSchema("Choose an invitation") });

export const AcceptInvitationSchema = z.object({ secret: InvitationSecretSchema });

/** `/invite/<secret>`: the path an invitation link opens. */
export function invitationPath(secret: string): string {
  return `/invite/${secret}`;
}

/** The secret inside a same-site `/invite/<secret>` path, or null for any other path. */
export function secretFromInvitationPath(path: string): string | null {
  const match = /^\/invite\/([^/?#]+)$/.exec(path);
  if (!match?.[1]) return null;
  const parsed = InvitationSecretSchema.safeParse(match[1]);
  return parsed.success ? parsed.data : null;
}
