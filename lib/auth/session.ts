import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { resolveActor, type Actor } from "./actor";
import { getSessionUserId } from "./session-user";

/** Once per request: pages, layouts and actions rendering together share one lookup. */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const userId = await getSessionUserId();
  if (!userId) return null;
  return resolveActor(userId, { via: "session" });
});

/** For pages: sends signed-out visitors to sign in, and people without an organisation to create one. */
export async function requirePageActor(): Promise<Actor> {
  const userId = await getSessionUserId();
  if (!userId) redirect("/signin");
  const actor = await getCurrentActor();
  if (!actor) redirect("/welcome");
  return actor;
}
