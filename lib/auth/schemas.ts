import { z } from "zod";
import { safeString } from "@/lib/http/schemas";
import { InvitationSecretSchema } from "@/lib/invitations/schemas";

export const EmailSchema = safeString({ error: "Enter your email address" })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address")
  .max(254, "Email addresses are at most 254 characters")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com" }));

const COMMON_PASSWORDS = new Set([
  "password", "password1", "password123", "1234567890", "12345678910", "qwertyuiop", "letmein123",
  "iloveyou12", "welcome123", "abc1234567", "passw0rd12", "administrator", "okrs123456", "keel123456",
]);

export const PasswordSchema = safeString({ error: "Enter a password", multiline: true })
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters")
  .refine((p) => /[a-zA-Z]/.test(p) && /[^a-zA-Z]/.test(p), "Mix letters with numbers or symbols")
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), "That password is too common; choose another")
  .refine((p) => new Set(p).size >= 5, "Use more different characters");

export const PersonNameSchema = safeString({ error: "Enter your name" })
  .trim()
  .min(1, "Enter your name")
  .max(120, "Names are at most 120 characters");

export const OrganizationNameSchema = safeString({ error: "Enter your organisation's name" })
  .trim()
  .min(2, "Organisation names need at least 2 characters")
  .max(120, "Organisation names are at most 120 characters");

export const SignUpSchema = z.object({
  name: PersonNameSchema,
  email: EmailSchema,
  password: PasswordSchema,
  organizationName: OrganizationNameSchema,
});
export type SignUpInput = z.infer<typeof SignUpSchema>;

/** Someone joining through an invitation link: the organisation is the invitation's, so none is asked for. */
export const InvitedSignUpSchema = z.object({
  name: PersonNameSchema,
  email: EmailSchema,
  password: PasswordSchema,
  invitation: InvitationSecretSchema,
});
export type InvitedSignUpInput = z.infer<typeof InvitedSignUpSchema>;

export const SignInSchema = z.object({
  email: EmailSchema,
  password: safeString().min(1, "Enter your password").max(200),
});

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

const AccountTokenSecretSchema = (prefix: string) =>
  z
    .string({ error: "That link is not valid" })
    .max(200, "That link is not valid")
    .regex(new RegExp(`^${prefix}[A-Za-z0-9_-]+$`), "That link is not valid");

export const ResetPasswordSchema = z.object({ token: AccountTokenSecretSchema("keel_rst_"), password: PasswordSchema });
export type ResetPasswordInput = z.infer<typeof ResetPasswordSchema>;

export const VerifyEmailTokenSchema = AccountTokenSecretSchema("keel_ver_");

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(200),
    newPassword: PasswordSchema,
  })
  .refine((v) => v.currentPassword !== v.newPassword, { path: ["newPassword"], message: "Choose a password different from your current one" });
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;
