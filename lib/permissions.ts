import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";

/**
 * Who may do what, in one place. The server refuses with `assertCan`; the UI hides with `can`.
 *
 * A grant has a scope: "any" (anywhere in the organisation), "team" (the actor leads the resource's team,
 * directly or through a parent team, or owns the resource) or "own" (the actor owns the resource).
 */
export const ACTIONS = [
  "org.read",
  "org.update",
  "member.read",
  "member.invite",
  "member.update",
  "member.remove",
  "member.grant_owner",
  "team.read",
  "team.manage",
  "team.members.manage",
  "cycle.read",
  "cycle.manage",
  "objective.read",
  "objective.create",
  "objective.create_company",
  "objective.update",
  "keyresult.create",
  "keyresult.update",
  // Adding, changing and removing the initiatives under a key result.
  "initiative.manage",
  "checkin.create",
  "checkin.nudge",
  "comment.create",
  "comment.delete",
  "score.update",
  "retro.update",
  "audit.read",
  "token.manage",
  // Seeing and revoking everyone's API tokens in the organisation (the admin page).
  "token.manage_all",
  "mailbox.read",
  "webhook.manage",
  "datasource.manage",
] as const;

export type Action = (typeof ACTIONS)[number];
export type Scope = "any" | "team" | "own";

const READS = {
  "org.read": "any",
  "member.read": "any",
  "team.read": "any",
  "cycle.read": "any",
  "objective.read": "any",
  "audit.read": "any",
  "token.manage": "own",
} as const satisfies Partial<Record<Action, Scope>>;

const ADMIN: Partial<Record<Action, Scope>> = Object.fromEntries(
  ACTIONS.filter((a) => a !== "member.grant_owner" && a !== "token.manage").map((a) => [a, "any" as Scope]),
);

export const GRANTS: Record<Role, Partial<Record<Action, Scope>>> = {
  owner: { ...ADMIN, "member.grant_owner": "any", "token.manage": "own" },
  admin: { ...ADMIN, "token.manage": "own" },
  member: {
    ...READS,
    "team.members.manage": "team",
    "objective.create": "team",
    "objective.update": "team",
    "keyresult.create": "team",
    "keyresult.update": "team",
    "initiative.manage": "team",
    "checkin.create": "team",
    "checkin.nudge": "team",
    "comment.create": "any",
    "comment.delete": "own",
    "score.update": "team",
    "retro.update": "team",
  },
  viewer: { ...READS },
};

const INTEGRATION_READS: Partial<Record<Action, Scope>> = Object.fromEntries(Object.entries(READS).filter(([action]) => action !== "token.manage"));

/**
 * What an organisation API token may do, by its scope. It acts for the organisation, not a person: it never manages
 * people, tokens, webhooks or the organisation itself, and "any" is its only scope since it owns and leads nothing.
 */
export const INTEGRATION_GRANTS: Record<"read" | "checkins_write" | "write", Partial<Record<Action, Scope>>> = {
  read: INTEGRATION_READS,
  checkins_write: { ...INTEGRATION_READS, "checkin.create": "any" },
  write: {
    ...INTEGRATION_READS,
    "team.manage": "any",
    "team.members.manage": "any",
    "cycle.manage": "any",
    "objective.create": "any",
    "objective.create_company": "any",
    "objective.update": "any",
    "keyresult.create": "any",
    "keyresult.update": "any",
    "initiative.manage": "any",
    "checkin.create": "any",
    "comment.create": "any",
    "score.update": "any",
    "retro.update": "any",
  },
};

/** Whether the role may change anything in the organisation at all. Viewers only look, so their tokens only read. */
export function mayWrite(subject: Pick<PermissionSubject, "role">): boolean {
  return Object.keys(GRANTS[subject.role]).some((action) => !(action in READS));
}

export interface PermissionSubject {
  userId: string;
  role: Role;
  /** Teams the actor leads, with every team nested beneath them. */
  ledTeamIds: ReadonlySet<string>;
  /** An organisation token's grants (INTEGRATION_GRANTS), which replace the role's. */
  grants?: Partial<Record<Action, Scope>>;
}

/** The grants that decide for this subject: an organisation token's own, or its role's. */
export function grantsOf(subject: Pick<PermissionSubject, "role" | "grants">): Partial<Record<Action, Scope>> {
  return subject.grants ?? GRANTS[subject.role];
}

export interface PermissionResource {
  /** People who own the thing: an objective's owner, or a key result's owner and its objective's owner. */
  ownerIds?: readonly string[];
  /** The team the thing belongs to; null for company-level things. */
  teamId?: string | null;
}

/** Whether the role holds the action at some scope: enough to show an entry point, not to act on a resource. */
export function hasGrant(subject: Pick<PermissionSubject, "role" | "grants">, action: Action): boolean {
  return grantsOf(subject)[action] !== undefined;
}

export function can(subject: PermissionSubject, action: Action, resource?: PermissionResource): boolean {
  const scope = grantsOf(subject)[action];
  if (!scope) return false;
  if (scope === "any") return true;
  if (!resource) return false;
  const isOwner = resource.ownerIds?.includes(subject.userId) ?? false;
  if (isOwner) return true;
  if (scope === "team") {
    return resource.teamId != null && subject.ledTeamIds.has(resource.teamId);
  }
  return false;
}

/** Refuses with 403. Callers that must hide existence answer 404 before they get here. */
export function assertCan(subject: PermissionSubject, action: Action, resource?: PermissionResource): void {
  if (!can(subject, action, resource)) {
    throw new AppError("forbidden", FORBIDDEN_MESSAGES[action] ?? "You are not allowed to do that");
  }
}

const FORBIDDEN_MESSAGES: Partial<Record<Action, string>> = {
  "objective.create": "You can create objectives you own, or for teams you lead",
  "objective.create_company": "Only admins can create company objectives",
  "objective.update": "Only the owner, a lead of its team or an admin can change this objective",
  "keyresult.create": "Only the objective's owner, a lead of its team or an admin can add key results",
  "keyresult.update": "Only the owner, a lead of its team or an admin can change this key result",
  "initiative.manage": "Only the initiative's owner, the key result's or objective's owner, a lead of its team or an admin can change initiatives",
  "checkin.create": "Only the key result's owner, a lead of its team or an admin can check in",
  "comment.create": "Viewers cannot comment",
  "score.update": "Only the key result's owner, the objective's owner, a lead of its team or an admin can score it",
  "retro.update": "Only the objective's owner, a lead of its team or an admin can write its retrospective",
  "cycle.manage": "Only admins can manage cycles",
  "team.manage": "Only admins can change teams",
  "team.members.manage": "Only admins and the team's leads can change its members",
  "member.invite": "Only admins can invite people",
  "member.update": "Only admins can change roles",
  "member.remove": "Only admins can remove people",
  "member.grant_owner": "Only owners can make someone an owner",
  "token.manage_all": "Only owners and admins can see the organisation's API tokens",
  "webhook.manage": "Only owners and admins can manage webhooks",
  "datasource.manage": "Only owners and admins can register data sources",
};
