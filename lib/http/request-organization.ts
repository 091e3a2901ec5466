import "server-only";
import { resolveActor, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { ORGANIZATION_HEADER } from "./organization-field";
import { IdSchema } from "./schemas";

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const OrganizationIdSchema = IdSchema;

/**
 * The actor for an API request made with the session cookie. The organisation comes from the request, never from
 * "last switched" for a change: the Keel-Organization header when sent (checked against a membership), else the
 * person's only organisation. Reads without the header may use the last one switched to, as the pages do.
 */
export async function resolveSessionActorForRequest(userId: string, headers: Headers, method: string, sessionVersion: number): Promise<Actor> {
  const named = headers.get(ORGANIZATION_HEADER)?.trim();
  if (named) {
    const parsed = OrganizationIdSchema.safeParse(named);
    if (!parsed.success) throw new AppError("bad_request", "The Keel-Organization header must be an organisation id");
    const actor = await resolveActor(userId, { via: "session", organizationId: parsed.data, sessionVersion });
    if (!actor) throw new AppError("forbidden", "You are not a member of the organisation named in Keel-Organization");
    return actor;
  }
  const actor = await resolveActor(userId, { via: "session", sessionVersion });
  if (!actor) throw new AppError("forbidden", "You are not a member of any organisation");
  if (actor.organizations.length > 1 && !READ_METHODS.has(method.toUpperCase())) {
    throw new AppError("bad_request", "You belong to several organisations: name the one this change is for in the Keel-Organization header");
  }
  return actor;
}
