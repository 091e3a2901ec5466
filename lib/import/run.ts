import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCycleOpen } from "@/lib/cycles/mutations";
import { db, type DbOrTx, type Tx } from "@/lib/db/prisma";
import { uuidv7 } from "@/lib/db/uuid";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CycleState } from "@/lib/generated/prisma/enums";
import { unsafeTextProblem } from "@/lib/http/schemas";
import { KEY_RESULT_SNAPSHOT } from "@/lib/key-results/insert";
import { storedProgress } from "@/lib/key-results/progress-sync";
import { OBJECTIVE_SNAPSHOT } from "@/lib/objectives/mutations";
import { assertCan } from "@/lib/permissions";
import { round4, weightedMean } from "@/lib/progress";
import type { ImportField, Mapping } from "./mapping";
import type { Sheet } from "./parse";
import { validateImport, type ImportContext, type ImportPreview, type PreviewObjective } from "./validate";

export interface ImportRequest {
  cycleId: string;
  sheet: Sheet;
  mapping: Mapping;
}

export type ImportOutcome =
  | { status: "invalid"; preview: ImportPreview }
  | { status: "imported"; preview: ImportPreview; cycleId: string; objectiveIds: string[]; keyResultIds: string[] };

/**
 * Importing writes objectives for anyone and at the company level, into a cycle: an admin's work. It is no new
 * permission: managing cycles and creating company objectives are exactly what owners and admins (and organisation
 * tokens with write scope) hold.
 */
export function assertMayImport(actor: Actor): void {
  assertCan(actor, "cycle.manage");
  assertCan(actor, "objective.create_company");
}

/** What the file would create in the cycle, with every problem; writes nothing. */
export async function previewImport(actor: Actor, request: ImportRequest): Promise<ImportPreview> {
  assertMayImport(actor);
  const cycle = await db.cycle.findFirst({ where: { id: request.cycleId, organizationId: actor.orgId }, select: { id: true, name: true, state: true } });
  if (!cycle) throw notFound("That cycle");
  assertCycleOpen(cycle);
  return validateImport(request.sheet, request.mapping, await loadContext(db, actor, cycle, request));
}

/**
 * Validates the file again inside the transaction (a preview may be stale, and its sender is never trusted) and, when
 * it holds no problem, creates every objective and key result in that one transaction: all of the file or none of it.
 */
export async function runImport(actor: Actor, request: ImportRequest): Promise<ImportOutcome> {
  assertMayImport(actor);
  return db.$transaction(
    async (tx) => {
      const cycle = await shareLockCycle(tx, actor.orgId, request.cycleId);
      assertCycleOpen(cycle);
      await lockPlannedOrder(tx, actor.orgId, cycle.id);
      const preview = validateImport(request.sheet, request.mapping, await loadContext(tx, actor, cycle, request));
      if (preview.problems.length) return { status: "invalid", preview };
      const created = await insertPreview(tx, actor, cycle.id, preview);
      return { status: "imported", preview, cycleId: cycle.id, ...created };
    },
    // Ten thousand rows take seconds, not the default five; meanwhile the cycle cannot close, and objectives created
    // in it elsewhere wait for the planned-order lock.
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/**
 * The cycle, share-locked for the import: closing or editing a cycle locks its row for update, so the import lands
 * before a close or finds the cycle closed. A share lock rather than lockCycle's update lock, because every objective
 * and key result written meanwhile (by the import and by anyone else) key-share-locks the cycle through its foreign
 * key, which an update lock would make wait for the whole import. Another organisation's id is not found.
 */
async function shareLockCycle(tx: Tx, orgId: string, cycleId: string) {
  const rows = await tx.$queryRaw<{ id: string; name: string; state: CycleState }[]>`
    SELECT id::text, name, state::text AS state FROM cycles WHERE id = ${cycleId}::uuid AND organization_id = ${orgId}::uuid FOR SHARE`;
  const cycle = rows[0];
  if (!cycle) throw notFound("That cycle");
  return cycle;
}

/**
 * The same advisory lock createObjective takes (lib/objectives/mutations.ts, lockPlannedOrder) so an objective created
 * during the import does not take a position the import hands out. The key must stay in step with that one.
 */
async function lockPlannedOrder(tx: Tx, orgId: string, cycleId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`keel:objective-order:${orgId}:${cycleId}`}, 0))`;
}

/** The distinct, storable values of the given columns: what the context queries look up, in one query each. */
function columnValues(request: ImportRequest, fields: readonly ImportField[], lower: boolean): string[] {
  const out = new Set<string>();
  for (const field of fields) {
    const index = request.mapping[field];
    if (index === null) continue;
    for (const row of request.sheet.rows) {
      const value = (row.cells[index] ?? "").trim();
      if (value && value.length <= 320 && !unsafeTextProblem(value)) out.add(lower ? value.toLowerCase() : value);
    }
  }
  return [...out];
}

/** Members, teams and objectives the file names, each in one query scoped to the actor's organisation. */
async function loadContext(client: DbOrTx, actor: Actor, cycle: { id: string; name: string }, request: ImportRequest): Promise<ImportContext> {
  const emails = [...new Set([...columnValues(request, ["owner", "keyResultOwner"], true), actor.email.toLowerCase()])];
  const teamNames = columnValues(request, ["team"], false);
  const titles = columnValues(request, ["objective", "parent"], false);
  const [memberships, teams, objectives] = await Promise.all([
    client.membership.findMany({ where: { organizationId: actor.orgId, user: { email: { in: emails } } }, select: { userId: true, role: true, user: { select: { email: true } } } }),
    teamNames.length
      ? client.team.findMany({ where: { organizationId: actor.orgId, name: { in: teamNames, mode: "insensitive" } }, select: { id: true, name: true, archivedAt: true } })
      : Promise.resolve([]),
    titles.length
      ? client.objective.findMany({ where: { organizationId: actor.orgId, cycleId: cycle.id, title: { in: titles, mode: "insensitive" } }, select: { id: true, title: true, state: true } })
      : Promise.resolve([]),
  ]);
  const members = new Map(memberships.map((m) => [m.user.email.toLowerCase(), { userId: m.userId, role: m.role }]));
  const self = members.get(actor.email.toLowerCase());
  return {
    cycleId: cycle.id,
    cycleName: cycle.name,
    importer: self && self.userId === actor.userId && self.role !== "viewer" ? { userId: actor.userId, email: actor.email } : null,
    members,
    teams: groupBy(teams, (t) => t.name, (t) => ({ id: t.id, name: t.name, isArchived: t.archivedAt !== null })),
    objectives: groupBy(objectives, (o) => o.title, (o) => o),
  };
}

function groupBy<T, V>(items: readonly T[], name: (item: T) => string, value: (item: T) => V): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const item of items) {
    const k = name(item).trim().toLowerCase();
    const list = out.get(k) ?? [];
    list.push(value(item));
    out.set(k, list);
  }
  return out;
}

/** Parents before their children, so a batch never names an objective that a later batch inserts. */
function parentsFirst(objectives: readonly PreviewObjective[]): PreviewObjective[] {
  const out: PreviewObjective[] = [];
  const placed = new Set<number>();
  const place = (o: PreviewObjective) => {
    // Iterative, so a chain of thousands of parents cannot overflow the stack; validation has refused loops.
    const chain: PreviewObjective[] = [];
    let at: PreviewObjective | undefined = o;
    while (at && !placed.has(at.index)) {
      chain.push(at);
      placed.add(at.index);
      at = at.parent?.kind === "file" ? objectives[at.parent.index] : undefined;
    }
    out.push(...chain.reverse());
  };
  objectives.forEach(place);
  return out;
}

const BATCH = 1_000;

/**
 * Writes the preview in a few statements per thousand rows rather than a few per row: ids are made here (UUID v7, as
 * Prisma's default) so children can name their parents before the parents are read back. Each objective's progress
 * is the weighted mean of its key results, as syncObjectiveProgress keeps it, computed from the values written.
 * Every objective and key result gets its created event in the audit log, which also feeds webhooks.
 */
async function insertPreview(tx: Tx, actor: Actor, cycleId: string, preview: ImportPreview): Promise<{ objectiveIds: string[]; keyResultIds: string[] }> {
  const last = await tx.objective.aggregate({ where: { organizationId: actor.orgId, cycleId }, _max: { position: true } });
  const firstPosition = (last._max.position ?? -1) + 1;
  const ids = preview.objectives.map(() => uuidv7());

  const keyResultRows: Prisma.KeyResultCreateManyInput[] = [];
  const progressOf = new Map<number, string>();
  for (const objective of preview.objectives) {
    const rows = objective.keyResults.map((kr, position) => ({
      id: uuidv7(),
      organizationId: actor.orgId,
      cycleId,
      objectiveId: ids[objective.index]!,
      ownerId: kr.ownerId!,
      title: kr.title,
      type: kr.type,
      direction: kr.direction,
      startValue: kr.startValue,
      targetValue: kr.targetValue,
      currentValue: kr.currentValue,
      unit: kr.unit,
      milestones: [],
      weight: "1",
      position,
      progress: storedProgress(kr, kr.currentValue),
    }));
    keyResultRows.push(...rows);
    progressOf.set(objective.index, round4(weightedMean(rows)));
  }

  const objectiveRows: Prisma.ObjectiveCreateManyInput[] = parentsFirst(preview.objectives).map((o) => ({
    id: ids[o.index]!,
    organizationId: actor.orgId,
    cycleId,
    level: o.level,
    teamId: o.teamId,
    ownerId: o.ownerId!,
    title: o.title,
    whyItMatters: o.whyItMatters,
    parentObjectiveId: o.parent?.kind === "file" ? ids[o.parent.index]! : o.parent?.kind === "cycle" ? o.parent.id : null,
    position: firstPosition + o.index,
    progress: progressOf.get(o.index) ?? "0",
  }));

  for (let i = 0; i < objectiveRows.length; i += BATCH) {
    const created = await tx.objective.createManyAndReturn({ data: objectiveRows.slice(i, i + BATCH), select: OBJECTIVE_SNAPSHOT });
    await tx.auditEvent.createMany({ data: created.map((o) => auditRow(actor, "objective", o.id, "objective.created", o)) });
  }
  for (let i = 0; i < keyResultRows.length; i += BATCH) {
    const created = await tx.keyResult.createManyAndReturn({ data: keyResultRows.slice(i, i + BATCH), select: KEY_RESULT_SNAPSHOT });
    await tx.auditEvent.createMany({ data: created.map((k) => auditRow(actor, "key_result", k.id, "keyresult.created", k)) });
  }
  return { objectiveIds: ids, keyResultIds: keyResultRows.map((k) => k.id!) };
}

/** The row recordAudit (lib/audit.ts) writes for a creation, built here so thousands go in one statement. */
function auditRow(actor: Actor, entityType: string, entityId: string, action: string, after: unknown): Prisma.AuditEventCreateManyInput {
  return {
    organizationId: actor.orgId,
    actorId: actor.userId,
    apiTokenId: actor.apiTokenId ?? null,
    entityType,
    entityId,
    action,
    // Decimals and dates become strings, as recordAudit stores them.
    after: JSON.parse(JSON.stringify(after)) as Prisma.InputJsonValue,
  };
}
