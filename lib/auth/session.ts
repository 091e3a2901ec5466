import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { resolveActor, type Actor } from "./actor";
import { readSessionCookie } from "./session-cookie";

type PageSession = { state: "signed-out" } | { state: "no-organization"; userId: string } | { state: "member"; actor: Actor };

/** Once per request: pages, layouts and actions rendering together share one lookup. */
const resolvePageSession = cache(async (): Promise<PageSession> => {
  const session = await readSessionCookie();
  if (!session) return { state: "signed-out" };
  try {
    const actor = await resolveActor(session.userId, { via: "session", sessionVersion: session.sessionVersion });
    return actor ? { state: "member", actor } : { state: "no-organization", userId: session.userId };
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthenticated") return { state: "signed-out" };
    throw error;
  }
});

export async function getCurrentActor(): Promise<Actor | null> {
  const session = await resolvePageSession();
  return session.state === "member" ? session.actor : null;
}

/** The person of a current session, whether or not they belong to an organisation yet. */
export async function getPageUserId(): Promise<string | null> {
  const session = await resolvePageSession();
  if (session.state === "member") return session.actor.userId;
  return session.state === "no-organization" ? session.userId : null;
}

/** For pages: sends signed-out visitors (or ended sessions) to sign in, and people without an organisation to create one. */
export async function requirePageActor(): Promise<Actor> {
  const session = await resolvePageSession();
  if (session.state === "signed-out") redirect("/signin");
  if (session.state === "no-organization") redirect("/welcome");
  return session.actor;
}
