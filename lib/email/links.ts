import "server-only";
import { env } from "@/lib/env";

/** An absolute link into Keel for mail, from the public address (NEXTAUTH_URL). */
export function appUrl(path: string): string {
  const base = (env().NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  return `${base}${path.startsWith("/") ? path : `/${path}`}`;
}
