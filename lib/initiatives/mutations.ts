import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { assertCycleOpen } from "@/lib/cycles/mutations";
import { db, type Tx } from "@/lib/db/prisma";
import { AppError, conflict, notFound } from "@/lib/errors";
import { lockKeyResult } from "@/lib/key-results/mutations";
import { storedProgress, syncObjectiveProgress } from "@/lib/key-results/progress-sync";
import { assertMemberOf } from "@/lib/objectives/guards";
import { assertCan } from "@/lib/permissions";
import type { CreateInitiativeInput, UpdateInitiativeInput } from "./schemas";
import { initiativesMeasure } from "./tally";

export const INITIATIVE_SNAPSHOT = {
  id: true,
  keyResultId: true,
  ownerId: true,
  title: true,
  status: true,
  dueDate: true,
  url: true,
  position: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

export const STALE_INITIATIVE = "Someone else changed this initiative since you opened it. Reload to see their changes, then try again.";

type Locked = Awaited<ReturnType<typeof lockKeyResult>>;

/** Who may change an initiative: its owner, the key result's and the objective's owners, a lead of the team, an admin. */
function initiativeResource({ keyResult, objective }: Locked, initiativeOwnerId?: string) {
  return { ownerIds: [keyResult.ownerId, objective.ownerId, ...(initiativeOwnerId ? [initiativeOwnerId] : [])], teamId: objective.teamId };
}

function assertWritable({ objective }: Locked) {
  assertCycleOpen(objective.cycle);
  if (objective.state === "abandoned") throw conflict("This objective was abandoned; its key results take no more changes");
}

/**
 * Keeps an "initiatives done" key result's value, target and progress (and its objective's) equal to its initiatives,
 * in the transaction that changed them. Other key results only list their initiatives.
 */
async function recount(tx: Tx, orgId: string, { keyResult, objective }: Locked): Promise<void> {
  if (keyResult.type !== "initiatives") return;
  const initiatives = await tx.initiative.findMany({ where: { organizationId: orgId, keyResultId: keyResult.id }, select: { status: true } });
  const { current, target } = initiativesMeasure(initiatives);
  await tx.keyResult.update({
    where: { id: keyResult.id },
    data: {
      currentValue: String(current),
      targetValue: String(target),
      progress: storedProgress({ type: keyResult.type, direction: keyResult.direction, startValue: "0", targetValue: String(target) }, String(current)),
    },
  });
  await syncObjectiveProgress(tx, orgId, objective.id);
}

/** The key result an initiative hangs under, then the initiative, locked in that order (as check-ins lock). */
async function lockInitiative(tx: Tx, orgId: string, initiativeId: string, expectedVersion?: number) {
  const found = await tx.initiative.findFirst({ where: { id: initiativeId, organizationId: orgId }, select: { keyResultId: true } });
  if (!found) throw notFound("That initiative");
  const locked = await lockKeyResult(tx, orgId, found.keyResultId);
  await tx.$queryRaw`SELECT id FROM initiatives WHERE id = ${initiativeId}::uuid AND organization_id = ${orgId}::uuid FOR UPDATE`;
  const initiative = await tx.initiative.findFirst({ where: { id: initiativeId, organizationId: orgId }, select: INITIATIVE_SNAPSHOT });
  if (!initiative) throw notFound("That initiative");
  if (expectedVersion !== undefined && initiative.version !== expectedVersion) throw conflict(STALE_INITIATIVE);
  return { ...locked, initiative };
}

export async function createInitiative(actor: Actor, input: CreateInitiativeInput) {
  return db.$transaction(async (tx) => {
    const locked = await lockKeyResult(tx, actor.orgId, input.keyResultId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") {
        throw new AppError("not_found", "That key result was not found in this organisation", { keyResultId: ["That key result was not found in this organisation"] });
      }
      throw error;
    });
    assertCan(actor, "initiative.manage", initiativeResource(locked));
    assertWritable(locked);
    const ownerId = input.ownerId ?? locked.keyResult.ownerId;
    if (ownerId !== locked.keyResult.ownerId) await assertMemberOf(tx, actor.orgId, ownerId);
    const last = await tx.initiative.aggregate({ where: { organizationId: actor.orgId, keyResultId: input.keyResultId }, _max: { position: true } });
    const initiative = await tx.initiative.create({
      data: {
        organizationId: actor.orgId,
        keyResultId: input.keyResultId,
        ownerId,
        title: input.title,
        status: input.status,
        dueDate: input.dueDate ?? null,
        url: input.url ?? null,
        position: (last._max.position ?? -1) + 1,
      },
      select: INITIATIVE_SNAPSHOT,
    });
    await recount(tx, actor.orgId, locked);
    await recordAudit(tx, actor, { entityType: "initiative", entityId: initiative.id, action: "initiative.created", after: initiative });
    return initiative;
  });
}

export async function updateInitiative(actor: Actor, initiativeId: string, input: UpdateInitiativeInput) {
  return db.$transaction(async (tx) => {
    const { initiative: current, ...locked } = await lockInitiative(tx, actor.orgId, initiativeId, input.version);
    assertCan(actor, "initiative.manage", initiativeResource(locked, current.ownerId));
    assertWritable(locked);
    const next = {
      title: input.title ?? current.title,
      ownerId: input.ownerId ?? current.ownerId,
      status: input.status ?? current.status,
      dueDate: input.dueDate === undefined ? current.dueDate : input.dueDate,
      url: input.url === undefined ? current.url : input.url,
    };
    if (next.ownerId !== current.ownerId) await assertMemberOf(tx, actor.orgId, next.ownerId);
    const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
    const before: Record<string, unknown> = { keyResultId: current.keyResultId };
    const after: Record<string, unknown> = { keyResultId: current.keyResultId, title: next.title };
    let changed = false;
    const note = (key: string, old: unknown, value: unknown) => {
      if (old === value) return;
      changed = true;
      before[key] = old;
      after[key] = value;
    };
    note("title", current.title, next.title);
    note("ownerId", current.ownerId, next.ownerId);
    note("status", current.status, next.status);
    note("dueDate", day(current.dueDate), day(next.dueDate));
    note("url", current.url, next.url);
    if (!changed) return current;
    const updated = await tx.initiative.update({ where: { id: initiativeId }, data: { ...next, version: { increment: 1 } }, select: INITIATIVE_SNAPSHOT });
    if (next.status !== current.status) await recount(tx, actor.orgId, locked);
    await recordAudit(tx, actor, { entityType: "initiative", entityId: initiativeId, action: "initiative.updated", before, after });
    return updated;
  });
}

export async function deleteInitiative(actor: Actor, initiativeId: string, version: number) {
  return db.$transaction(async (tx) => {
    const { initiative, ...locked } = await lockInitiative(tx, actor.orgId, initiativeId, version);
    assertCan(actor, "initiative.manage", initiativeResource(locked, initiative.ownerId));
    assertWritable(locked);
    await tx.initiative.delete({ where: { id: initiativeId } });
    await recount(tx, actor.orgId, locked);
    await recordAudit(tx, actor, { entityType: "initiative", entityId: initiativeId, action: "initiative.deleted", before: initiative });
    return initiative;
  });
}
