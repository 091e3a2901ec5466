import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type {
  Confidence,
  CycleState,
  Direction,
  KeyResultType,
  ObjectiveKind,
  ObjectiveLevel,
  ObjectiveState,
  Role,
  TeamRole,
} from "@/lib/generated/prisma/enums";
import { keyResultProgress, round4, weightedMean } from "@/lib/progress";

/**
 * Factories for rows, shared by the demo seed, the tests and the benchmark's small sizes. Every default name
 * is unique so tests can run in parallel against one database without stepping on each other.
 */
type Db = Pick<PrismaClient, "organization" | "user" | "membership" | "team" | "teamMembership" | "cycle" | "objective" | "keyResult" | "checkIn" | "checkInVersion" | "comment">;

const unique = () => randomUUID().slice(0, 8);

export async function createOrganization(db: Db, data: { id?: string; name?: string; slug?: string } = {}) {
  const suffix = unique();
  return db.organization.create({
    data: { id: data.id, name: data.name ?? `Org ${suffix}`, slug: data.slug ?? `org-${suffix}` },
  });
}

export async function createUser(db: Db, data: { id?: string; email?: string; name?: string; passwordHash?: string | null; timeZone?: string; lastOrganizationId?: string } = {}) {
  const suffix = unique();
  return db.user.create({
    data: {
      id: data.id,
      email: data.email ?? `person-${suffix}@example.test`,
      name: data.name ?? `Person ${suffix}`,
      passwordHash: data.passwordHash ?? null,
      timeZone: data.timeZone ?? "UTC",
      lastOrganizationId: data.lastOrganizationId,
    },
  });
}

export async function addMember(db: Db, organizationId: string, userId: string, role: Role = "member") {
  return db.membership.create({ data: { organizationId, userId, role } });
}

/** A user who is a member of the organisation with the given role. */
export async function createMember(db: Db, organizationId: string, role: Role = "member", data: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, { ...data, lastOrganizationId: organizationId });
  await addMember(db, organizationId, user.id, role);
  return user;
}

export async function createTeam(db: Db, organizationId: string, data: { id?: string; name?: string; parentId?: string | null } = {}) {
  return db.team.create({
    data: { id: data.id, organizationId, name: data.name ?? `Team ${unique()}`, parentId: data.parentId ?? null },
  });
}

export async function addTeamMember(db: Db, organizationId: string, teamId: string, userId: string, role: TeamRole = "member", id?: string) {
  return db.teamMembership.create({ data: { id, organizationId, teamId, userId, role } });
}

export async function createCycle(
  db: Db,
  organizationId: string,
  data: { id?: string; name?: string; startDate?: Date; endDate?: Date; state?: CycleState } = {},
) {
  const start = data.startDate ?? new Date(Date.UTC(2026, 9, 1));
  const end = data.endDate ?? new Date(Date.UTC(2026, 11, 31));
  return db.cycle.create({
    data: { id: data.id, organizationId, name: data.name ?? `Cycle ${unique()}`, startDate: start, endDate: end, state: data.state ?? "active" },
  });
}

export interface ObjectiveData {
  id?: string;
  cycleId: string;
  ownerId: string;
  level?: ObjectiveLevel;
  teamId?: string | null;
  title?: string;
  whyItMatters?: string;
  kind?: ObjectiveKind;
  state?: ObjectiveState;
  parentObjectiveId?: string | null;
  parentKeyResultId?: string | null;
  position?: number;
  createdAt?: Date;
  abandonReason?: string | null;
}

export async function createObjective(db: Db, organizationId: string, data: ObjectiveData) {
  const level = data.level ?? (data.teamId ? "team" : "company");
  return db.objective.create({
    data: {
      id: data.id,
      organizationId,
      cycleId: data.cycleId,
      ownerId: data.ownerId,
      level,
      teamId: data.teamId ?? null,
      title: data.title ?? `Objective ${unique()}`,
      whyItMatters: data.whyItMatters ?? "",
      kind: data.kind ?? "committed",
      state: data.state ?? "active",
      parentObjectiveId: data.parentObjectiveId ?? null,
      parentKeyResultId: data.parentKeyResultId ?? null,
      position: data.position ?? 0,
      abandonReason: data.abandonReason ?? null,
      ...(data.createdAt ? { createdAt: data.createdAt, updatedAt: data.createdAt } : {}),
    },
  });
}

export interface KeyResultData {
  id?: string;
  objectiveId: string;
  ownerId?: string;
  title?: string;
  type?: KeyResultType;
  direction?: Direction;
  start?: string | number;
  target?: string | number;
  current?: string | number;
  unit?: string;
  milestones?: string[];
  weight?: string | number;
  position?: number;
  createdAt?: Date;
}

/** Creates the key result with its progress computed, and keeps the objective's progress in step. */
export async function createKeyResult(db: Db, organizationId: string, data: KeyResultData) {
  const objective = await db.objective.findFirstOrThrow({ where: { id: data.objectiveId, organizationId }, select: { cycleId: true, ownerId: true } });
  const type = data.type ?? "number";
  const direction = data.direction ?? "increase";
  const start = String(data.start ?? 0);
  const target = String(data.target ?? (type === "milestone" ? (data.milestones?.length ?? 3) : type === "yes_no" ? 1 : 100));
  const current = String(data.current ?? start);
  const { progress } = keyResultProgress({ type, direction, start, target, current });
  const kr = await db.keyResult.create({
    data: {
      id: data.id,
      organizationId,
      cycleId: objective.cycleId,
      objectiveId: data.objectiveId,
      ownerId: data.ownerId ?? objective.ownerId,
      title: data.title ?? `Key result ${unique()}`,
      type,
      direction,
      startValue: start,
      targetValue: target,
      currentValue: current,
      unit: data.unit ?? "",
      milestones: data.milestones ?? [],
      weight: String(data.weight ?? 1),
      position: data.position ?? 0,
      progress: round4(progress),
      ...(data.createdAt ? { createdAt: data.createdAt, updatedAt: data.createdAt } : {}),
    },
  });
  await refreshObjectiveProgress(db, organizationId, data.objectiveId);
  return kr;
}

export async function refreshObjectiveProgress(db: Db, organizationId: string, objectiveId: string) {
  const krs = await db.keyResult.findMany({ where: { objectiveId, organizationId }, select: { progress: true, weight: true } });
  await db.objective.update({ where: { id: objectiveId }, data: { progress: round4(weightedMean(krs)) } });
}

export interface CheckInData {
  keyResultId: string;
  authorId: string;
  week: Date;
  value: string | number;
  confidence?: Confidence;
  note?: string;
  at?: Date;
}

/** A check-in with its first version, moving the key result (and its objective) to the new value. */
export async function createCheckIn(db: Db, organizationId: string, data: CheckInData) {
  const at = data.at ?? new Date();
  const kr = await db.keyResult.findFirstOrThrow({
    where: { id: data.keyResultId, organizationId },
    select: { type: true, direction: true, startValue: true, targetValue: true, objectiveId: true },
  });
  const value = String(data.value);
  const confidence = data.confidence ?? "on_track";
  const checkIn = await db.checkIn.create({
    data: {
      organizationId,
      keyResultId: data.keyResultId,
      authorId: data.authorId,
      week: data.week,
      value,
      confidence,
      note: data.note ?? "",
      createdAt: at,
      updatedAt: at,
      versions: {
        create: { authorId: data.authorId, version: 1, value, confidence, note: data.note ?? "", createdAt: at },
      },
    },
  });
  const { progress } = keyResultProgress({ type: kr.type, direction: kr.direction, start: kr.startValue, target: kr.targetValue, current: value });
  await db.keyResult.update({
    where: { id: data.keyResultId },
    data: { currentValue: value, confidence, progress: round4(progress), lastCheckInAt: at },
  });
  await refreshObjectiveProgress(db, organizationId, kr.objectiveId);
  return checkIn;
}

/** A personal API token for a member; returns the secret to send as `Authorization: Bearer <secret>`. */
export async function createApiToken(db: Pick<PrismaClient, "apiToken">, organizationId: string, userId: string, name = "test token") {
  const { createHash, randomBytes } = await import("node:crypto");
  const secret = `keel_${randomBytes(32).toString("base64url")}`;
  const token = await db.apiToken.create({
    data: { organizationId, userId, name, tokenHash: createHash("sha256").update(secret).digest("hex"), prefix: secret.slice(0, 11) },
  });
  return { secret, token };
}
