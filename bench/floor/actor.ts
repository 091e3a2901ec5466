import type { Queryable } from "../ops/types";

/** The member lookup's answer, as both floors see it. */
export interface FloorActor {
  id: string;
  name: string;
  email: string;
  timeZone: string;
  orgId: string;
  role: string;
  orgName: string;
  orgSlug: string;
}

interface ActorRow {
  id: string;
  name: string;
  email: string;
  time_zone: string;
  org_id: string | null;
  role: string | null;
  org_name: string | null;
  org_slug: string | null;
}

/**
 * Keel's member lookup, the very statement lib/auth/actor.ts sends on every request (named, so each connection plans
 * it once, as Keel's does): the person if their session is still current, their organisation, role and led teams.
 * Null when the session has ended or the person belongs to no organisation. Needs `--conditions=react-server` (the
 * module is server-only) and DATABASE_URL.
 */
export async function lookUpActor(db: Queryable, userId: string, sessionVersion: number): Promise<FloorActor | null> {
  // Imported on first use: the module brings Keel's pool with it, which reads DATABASE_URL when it loads.
  const { actorQuery } = await import("../../lib/auth/actor");
  const { rows } = await db.query<ActorRow>(actorQuery([userId, null, sessionVersion], false));
  const row = rows[0];
  if (!row?.org_id || !row.role || !row.org_name || !row.org_slug) return null;
  return { id: row.id, name: row.name, email: row.email, timeZone: row.time_zone, orgId: row.org_id, role: row.role, orgName: row.org_name, orgSlug: row.org_slug };
}
