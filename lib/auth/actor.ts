import "server-only";
import type { QueryConfig } from "pg";
import { pool } from "@/lib/db/pool";
import { usesPgBouncer } from "@/lib/db/pool-options";
import { AppError } from "@/lib/errors";
import type { ApiTokenKind, ApiTokenScope, CycleState, Role } from "@/lib/generated/prisma/enums";
import type { PermissionSubject } from "@/lib/permissions";

/** The signed-in person acting in one organisation: everything a domain function needs to scope and authorise. */
export interface Actor extends PermissionSubject {
  userId: string;
  name: string;
  email: string;
  /** The person's time zone: which week their check-ins belong to. */
  timeZone: string;
  /** Whether the person proved they receive mail at their address (single sign-on links only to such accounts). */
  isEmailVerified: boolean;
  role: Role;
  orgId: string;
  orgName: string;
  orgSlug: string;
  via: "session" | "token";
  apiTokenId: string | null;
  /** The API token of this request, as /api/v1/me reports it; absent for sessions. */
  token?: { id: string; kind: ApiTokenKind; scope: ApiTokenScope };
  ledTeamIds: ReadonlySet<string>;
  /** Every organisation the person belongs to, for the switcher. */
  organizations: { id: string; name: string }[];
  /**
   * The organisation's cycles as they stood when this request began, read in the same statement as the membership:
   * every page shows the cycle switcher, so a separate query for it would be a second round trip before the page's
   * own. Absent on actors built elsewhere (tests, jobs); lib/cycles/queries.ts then reads them itself.
   */
  cycles?: OrganizationCycles;
}

export interface OrganizationCycles {
  /** Newest first (by start date). */
  cycles: CycleRow[];
  defaultCycleId: string | null;
}

export interface CycleRow {
  id: string;
  name: string;
  state: CycleState;
  startDate: Date;
  endDate: Date;
  closedAt: Date | null;
}

export const SESSION_ENDED = "Your session has ended; sign in again";

/**
 * Resolves a user id (from the session) into an actor in their current organisation, reading membership from
 * the database on every request so a removed member loses access at once. Returns null when the user no longer
 * exists or belongs to no organisation (or not to the one a token was issued for).
 *
 * `sessionVersion` is the one the session cookie carries: when given, a person whose version has moved on (signed
 * out everywhere, changed or reset their password, removed from an organisation) or who no longer exists is
 * signed out, an `unauthenticated` error. Every session caller passes it; API tokens do not have one.
 */
export async function resolveActor(
  userId: string,
  options: { via: "session" | "token"; organizationId?: string; apiTokenId?: string; sessionVersion?: number } = { via: "session" },
): Promise<Actor | null> {
  // Every request starts here, so it is one round trip: the person (if their session is still current), their
  // memberships, the organisation they act in (the one asked for, else the last one used, else the first joined),
  // the teams they lead in it and its cycles.
  const values = [userId, options.organizationId ?? null, options.sessionVersion ?? null];
  const { rows } = await pool.query<ActorRow>(actorQuery(values, BEHIND_PGBOUNCER));
  const row = rows[0];
  if (!row) {
    if (options.sessionVersion !== undefined) throw new AppError("unauthenticated", SESSION_ENDED);
    return null;
  }
  if (!row.org_id || !row.role || !row.org_name || !row.org_slug) return null;
  return {
    userId: row.id,
    name: row.name,
    email: row.email,
    timeZone: row.time_zone,
    isEmailVerified: row.email_verified,
    role: row.role,
    orgId: row.org_id,
    orgName: row.org_name,
    orgSlug: row.org_slug,
    via: options.via,
    apiTokenId: options.apiTokenId ?? null,
    ledTeamIds: new Set(row.led_team_ids),
    organizations: row.organizations,
    cycles: {
      cycles: row.cycles.map((c) => ({
        id: c.id,
        name: c.name,
        state: c.state,
        startDate: utcDate(c.startDate),
        endDate: utcDate(c.endDate),
        closedAt: c.closedAt ? new Date(c.closedAt) : null,
      })),
      defaultCycleId: row.default_cycle_id,
    },
  };
}

/** A Postgres date as Prisma returns one: midnight UTC. */
function utcDate(isoDay: string): Date {
  return new Date(`${isoDay}T00:00:00.000Z`);
}

const BEHIND_PGBOUNCER = usesPgBouncer();

/**
 * A named statement, so each connection plans it once rather than on every request; behind PgBouncer in transaction
 * mode an unnamed one, since the next request's server connection never saw the name (KEEL_PGBOUNCER=1).
 */
export function actorQuery(values: unknown[], behindPgBouncer: boolean): QueryConfig {
  return behindPgBouncer ? { text: ACTOR_SQL, values } : { name: "keel-resolve-actor", text: ACTOR_SQL, values };
}

const ACTOR_SQL = `
  WITH RECURSIVE
  person AS (
    SELECT id, name, email, time_zone, last_organization_id, email_verified_at IS NOT NULL AS email_verified FROM users
    WHERE id = $1::uuid AND ($3::int IS NULL OR session_version = $3::int)
  ),
  ms AS (
    SELECT m.organization_id, m.role::text AS role, m.created_at, o.name, o.slug, o.default_cycle_id
    FROM memberships m JOIN organizations o ON o.id = m.organization_id
    WHERE m.user_id = $1::uuid
  ),
  chosen AS (
    SELECT ms.* FROM ms, person
    WHERE $2::uuid IS NULL OR ms.organization_id = $2::uuid
    ORDER BY (ms.organization_id = person.last_organization_id) DESC, ms.created_at ASC
    LIMIT 1
  ),
  led AS (
    SELECT tm.team_id AS id FROM team_memberships tm, chosen
    WHERE tm.organization_id = chosen.organization_id AND tm.user_id = $1::uuid AND tm.role = 'lead'
    UNION
    SELECT t.id FROM teams t JOIN led ON t.parent_id = led.id, chosen WHERE t.organization_id = chosen.organization_id
  )
  SELECT person.id::text, person.name, person.email, person.time_zone, person.email_verified,
         chosen.organization_id::text AS org_id, chosen.role, chosen.name AS org_name, chosen.slug AS org_slug,
         (SELECT COALESCE(json_agg(json_build_object('id', ms.organization_id, 'name', ms.name) ORDER BY ms.created_at), '[]') FROM ms) AS organizations,
         (SELECT COALESCE(array_agg(id::text), '{}') FROM led) AS led_team_ids,
         chosen.default_cycle_id::text AS default_cycle_id,
         (SELECT COALESCE(json_agg(json_build_object(
                   'id', c.id, 'name', c.name, 'state', c.state, 'startDate', to_char(c.start_date, 'YYYY-MM-DD'),
                   'endDate', to_char(c.end_date, 'YYYY-MM-DD'), 'closedAt', c.closed_at) ORDER BY c.start_date DESC, c.id DESC), '[]')
            FROM cycles c WHERE c.organization_id = chosen.organization_id) AS cycles
  FROM person LEFT JOIN chosen ON true`;

interface ActorRow {
  id: string;
  name: string;
  email: string;
  time_zone: string;
  email_verified: boolean;
  org_id: string | null;
  role: Role | null;
  org_name: string | null;
  org_slug: string | null;
  organizations: { id: string; name: string }[];
  led_team_ids: string[];
  default_cycle_id: string | null;
  cycles: { id: string; name: string; state: CycleState; startDate: string; endDate: string; closedAt: string | null }[];
}

