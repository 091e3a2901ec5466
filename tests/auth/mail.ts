import { db } from "@/lib/db/prisma";

/** The link secret in the latest account mail of this kind to this address, as the person would click it. */
export async function latestAccountLink(to: string, kind: "reset-password" | "verify-email"): Promise<string> {
  const mail = await db.emailMessage.findFirstOrThrow({ where: { to, kind }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const match = /\?token=([A-Za-z0-9_%-]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error(`no link in ${kind} mail to ${to}`);
  return decodeURIComponent(match[1]);
}
