import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/prisma";
import { AppError, type FieldErrors } from "@/lib/errors";
import { normaliseError } from "@/lib/http/problem";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/permissions";
import { depths, findReferenceProblems, MAX_PROBLEMS, type FileProblem } from "./check";
import { EXPORT_FORMAT, EXPORT_SCHEMA_VERSION, ExportDocumentSchema, ExportHeaderSchema, ROW_KEYS, type ExportDocument, type ImportCounts } from "./document";
import { isUuid, orderedIds } from "./ids";
import { IMPORT_MAX_BYTES, IMPORT_MAX_MEGABYTES, IMPORT_MAX_ROWS } from "./limits";

/** Rows per INSERT: well under Postgres's 65,535 parameters for the widest table. */
const BATCH = 1000;
/** The 400,000 check-ins of a large organisation take a few minutes; past this the import rolls back. */
const IMPORT_TIMEOUT_MS = 15 * 60_000;

/** The file's text as JSON, refused with a reason when it is too big or not JSON at all. */
export function parseImportText(text: string): unknown {
  if (Buffer.byteLength(text, "utf8") > IMPORT_MAX_BYTES) throw tooBig();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request", "The file is not valid JSON: choose the file Keel's export downloaded, unchanged");
  }
}

/** Reads a request body up to the import's size limit, without holding more than that in memory. */
export async function readImportBody(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) throw new AppError("bad_request", "Send the export as JSON with 'Content-Type: application/json'");
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > IMPORT_MAX_BYTES) throw tooBig();
  if (!req.body) throw new AppError("bad_request", "Send the export as the body");
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > IMPORT_MAX_BYTES) {
      await reader.cancel();
      throw tooBig();
    }
    chunks.push(value);
  }
  if (declared > 0 && size < declared) {
    // Next's proxy passes on only the first part of a large body (proxyClientMaxBodySize); say so rather than "not JSON".
    throw new AppError("bad_request", `Only ${size} of the body's ${declared} bytes reached Keel: a limit in front of it cut the rest off. Ask the operator to raise it`);
  }
  return parseImportText(Buffer.concat(chunks).toString("utf8"));
}

function tooBig(): AppError {
  return new AppError("bad_request", `The file is larger than ${IMPORT_MAX_MEGABYTES} MB, the most one import takes`);
}

/**
 * Recreates an export in the actor's organisation, which must be empty (only the importing owner in it): people matched
 * by address or created without a password, then every table in dependency order with new ids, in one transaction
 * with one audit event. The whole file is judged before anything is written, and any failure writes nothing.
 */
export async function importOrganization(actor: Actor, raw: unknown): Promise<ImportCounts> {
  assertCan(actor, "member.grant_owner");
  const doc = validate(raw);
  const plan = planIds(doc, actor);

  try {
    return await db.$transaction(
      async (tx) => {
        // One import at a time per organisation; the second finds the first's rows and is refused as not empty.
        await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${actor.orgId}::uuid FOR UPDATE`;
        await assertEmpty(tx, actor);
        const newPeople = await importPeople(tx, actor, doc, plan);
        await importRows(tx, actor.orgId, doc, plan);
        const counts: ImportCounts = { ...(Object.fromEntries(ROW_KEYS.map((key) => [key, doc[key].length])) as Record<(typeof ROW_KEYS)[number], number>), newPeople };
        await recordAudit(tx, { orgId: actor.orgId, userId: actor.userId, apiTokenId: actor.apiTokenId }, {
          entityType: "organization",
          entityId: actor.orgId,
          action: "organization.imported",
          after: { ...counts, exportedAt: doc.exportedAt, from: { name: doc.organization.name, slug: doc.organization.slug } },
        });
        return counts;
      },
      { timeout: IMPORT_TIMEOUT_MS, maxWait: 10_000 },
    );
  } catch (error) {
    throw refusedByDatabase(error) ?? error;
  }
}

/**
 * A value the checks above let through but Postgres refused (a data exception or a broken constraint) is still the
 * file's fault: a 422 naming what Postgres said, not a 500. The transaction has rolled back.
 */
function refusedByDatabase(error: unknown): AppError | null {
  if (error instanceof AppError) return null;
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2028") {
    return new AppError("unavailable", `The import took longer than ${IMPORT_TIMEOUT_MS / 60_000} minutes and was rolled back, so nothing was imported. Try again when the server is less busy.`);
  }
  const known = normaliseError(error);
  if (known) return known;
  const e = error as { code?: unknown; cause?: { code?: unknown; originalCode?: unknown; originalMessage?: unknown }; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } } } } | null;
  const cause = e?.cause ?? e?.meta?.driverAdapterError?.cause;
  const code = [e?.code, e?.cause?.code, cause?.originalCode].find((c): c is string => typeof c === "string" && /^2[23][0-9A-Z]{3}$/.test(c));
  if (!code) return null;
  const said = typeof cause?.originalMessage === "string" ? cause.originalMessage : "a value was refused";
  return new AppError("validation", `The database refused a value of the file (${said}), so nothing was imported`);
}

function validate(raw: unknown): ExportDocument {
  const header = ExportHeaderSchema.safeParse(raw);
  if (!header.success || header.data.format !== EXPORT_FORMAT) {
    throw new AppError("validation", "This is not a Keel organisation export: its format is not keel-organization", { format: ["Expected keel-organization"] });
  }
  if (header.data.schemaVersion !== EXPORT_SCHEMA_VERSION) {
    const message = `This file was exported by another version of Keel (schema ${header.data.schemaVersion}); this one reads ${EXPORT_SCHEMA_VERSION}. Import it into a Keel of the version that exported it, or export it again from a Keel of this version.`;
    throw new AppError("validation", message, { schemaVersion: [message] });
  }
  const record = raw as Record<string, unknown>;
  const rows = ROW_KEYS.reduce((sum, key) => sum + (Array.isArray(record[key]) ? record[key].length : 0), 0);
  if (rows > IMPORT_MAX_ROWS) throw new AppError("validation", `The file has ${rows} rows; one import takes at most ${IMPORT_MAX_ROWS}`);

  const parsed = ExportDocumentSchema.safeParse(raw);
  if (!parsed.success) throw refusal(issuesToProblems(parsed.error));
  const problems = findReferenceProblems(parsed.data);
  if (problems.length) throw refusal(problems);
  return parsed.data;
}

function issuesToProblems(error: z.ZodError): FileProblem[] {
  return error.issues.slice(0, MAX_PROBLEMS).map((issue) => ({ path: issue.path.join(".") || "_file", message: issue.message }));
}

function refusal(problems: FileProblem[]): AppError {
  const fieldErrors: FieldErrors = {};
  for (const p of problems) (fieldErrors[p.path] ??= []).push(p.message);
  const first = problems[0]!;
  const more = problems.length >= MAX_PROBLEMS ? `at least ${MAX_PROBLEMS} problems` : problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return new AppError("validation", `The file has ${more}, so nothing was imported. The first: ${first.path}: ${first.message}`, fieldErrors);
}

/** An organisation is empty while nothing but its creator, its history and their tokens are in it. */
async function assertEmpty(tx: Tx, actor: Actor): Promise<void> {
  const [found] = await tx.$queryRaw<{ teams: number; cycles: number; objectives: number; members: number; webhooks: number; sources: number; slack: number }[]>`
    SELECT (SELECT count(*) FROM teams WHERE organization_id = ${actor.orgId}::uuid)::int AS teams,
           (SELECT count(*) FROM cycles WHERE organization_id = ${actor.orgId}::uuid)::int AS cycles,
           (SELECT count(*) FROM objectives WHERE organization_id = ${actor.orgId}::uuid)::int AS objectives,
           (SELECT count(*) FROM memberships WHERE organization_id = ${actor.orgId}::uuid AND user_id <> ${actor.userId}::uuid)::int AS members,
           (SELECT count(*) FROM webhook_endpoints WHERE organization_id = ${actor.orgId}::uuid)::int AS webhooks,
           (SELECT count(*) FROM data_sources WHERE organization_id = ${actor.orgId}::uuid)::int AS sources,
           (SELECT count(*) FROM slack_installations WHERE organization_id = ${actor.orgId}::uuid)::int AS slack`;
  if (!found) return;
  const parts = [
    plural(found.teams, "team"),
    plural(found.cycles, "cycle"),
    plural(found.objectives, "objective"),
    plural(found.members, "other member"),
    // Imported history would be announced to its webhooks as if it were happening now.
    plural(found.webhooks, "webhook"),
    plural(found.sources, "data source"),
    found.slack ? "a Slack connection" : null,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return;
  throw new AppError(
    "conflict",
    `${actor.orgName} is not empty: it has ${list(parts)}. Import only into a new organisation that you alone belong to; create one from the organisation menu.`,
  );
}

function plural(n: number, noun: string): string | null {
  return n === 0 ? null : `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function list(parts: string[]): string {
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

interface IdPlan {
  /** Old id (from the file) to new id, for every row of every table, the organisation and memberships. */
  ids: Map<string, string>;
  /** A new id for anything else an audit event names (a row deleted before the export): the same one every time. */
  resolve: (old: string) => string;
  /** The file's person who is the importing owner, if they are in it. */
  importer: ExportDocument["people"][number] | undefined;
}

/** New ids for every row, handed out in the file's order (see orderedIds); people are matched in the transaction. */
function planIds(doc: ExportDocument, actor: Actor): IdPlan {
  const next = orderedIds();
  const ids = new Map<string, string>([[doc.organization.id, actor.orgId]]);
  for (const p of doc.people) if (p.membership) ids.set(p.membership.id, next());
  for (const key of ROW_KEYS) {
    if (key === "people") continue;
    for (const row of doc[key]) ids.set(row.id, next());
  }
  const resolve = (old: string) => {
    let id = ids.get(old);
    if (!id) {
      id = next();
      ids.set(old, id);
    }
    return id;
  };
  const importer = doc.people.find((p) => !p.isIntegration && p.email === actor.email.toLowerCase());
  return { ids, resolve, importer };
}

/**
 * People with an address this instance knows are that account (its own name and settings stay); the others are new
 * accounts without a password or a verified address, who sign in by resetting their password. Integration
 * identities are always new: each belongs to one organisation.
 */
async function importPeople(tx: Tx, actor: Actor, doc: ExportDocument, plan: IdPlan): Promise<number> {
  const emails = doc.people.flatMap((p) => (p.isIntegration ? [] : [p.email]));
  const existing = new Map<string, { id: string; isIntegration: boolean }>();
  for (let i = 0; i < emails.length; i += 10_000) {
    const found = await tx.user.findMany({ where: { email: { in: emails.slice(i, i + 10_000) } }, select: { id: true, email: true, isIntegration: true } });
    for (const u of found) existing.set(u.email, u);
  }
  // An existing account becomes a member only if it already shares an organisation with the importer: a file must not
  // be a way to make any account on the instance a member without an invitation it accepted. (Someone who only wrote
  // history and has no membership in the file joins nothing.)
  const acquainted = new Set(
    (
      await tx.$queryRaw<{ user_id: string }[]>`
        SELECT DISTINCT m.user_id::text AS user_id FROM memberships m
         WHERE m.user_id = ANY(${[...existing.values()].map((u) => u.id)}::uuid[])
           AND m.organization_id IN (SELECT organization_id FROM memberships WHERE user_id = ${actor.userId}::uuid AND organization_id <> ${actor.orgId}::uuid)`
    ).map((r) => r.user_id),
  );
  const problems: FileProblem[] = [];
  const next = orderedIds();
  const created: Prisma.UserCreateManyInput[] = [];
  doc.people.forEach((p, i) => {
    const match = p.isIntegration ? undefined : existing.get(p.email);
    if (match?.isIntegration) {
      problems.push({ path: `people.${i}.email`, message: "This address belongs to an integration's identity on this instance, not to a person" });
      return;
    }
    if (match && p.membership && match.id !== actor.userId && !acquainted.has(match.id)) {
      problems.push({ path: `people.${i}.email`, message: "This address belongs to an account on this instance that shares no organisation with you: invite them instead, or remove them from the file" });
      return;
    }
    if (match) {
      plan.ids.set(p.id, match.id);
      return;
    }
    const id = next();
    plan.ids.set(p.id, id);
    created.push({
      id,
      email: p.isIntegration ? `integration-${randomUUID()}@integrations.keel.invalid` : p.email,
      name: p.name,
      timeZone: p.timeZone,
      remindersEnabled: p.remindersEnabled,
      isIntegration: p.isIntegration,
      lastOrganizationId: p.isIntegration ? null : actor.orgId,
    });
  });
  if (problems.length) throw refusal(problems);
  await insert(created, (data) => tx.user.createMany({ data }));
  await analyze(tx, "users");

  const memberships: Prisma.MembershipCreateManyInput[] = [];
  for (const p of doc.people) {
    if (!p.membership) continue;
    const userId = plan.ids.get(p.id)!;
    if (userId === actor.userId) {
      // The importer keeps their role; when they joined and whether they hid the guide come from the file.
      await tx.membership.update({
        where: { organizationId_userId: { organizationId: actor.orgId, userId } },
        data: { createdAt: new Date(p.membership.createdAt), guideDismissedAt: p.membership.guideDismissedAt ? new Date(p.membership.guideDismissedAt) : null },
      });
      plan.ids.set(p.membership.id, (await tx.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId: actor.orgId, userId } }, select: { id: true } })).id);
      continue;
    }
    memberships.push({
      id: plan.ids.get(p.membership.id)!,
      organizationId: actor.orgId,
      userId,
      role: p.membership.role,
      createdAt: new Date(p.membership.createdAt),
      guideDismissedAt: p.membership.guideDismissedAt ? new Date(p.membership.guideDismissedAt) : null,
    });
  }
  await insert(memberships, (data) => tx.membership.createMany({ data }));
  await analyze(tx, "memberships");
  return created.length;
}

async function importRows(tx: Tx, orgId: string, doc: ExportDocument, plan: IdPlan): Promise<void> {
  const id = (old: string) => plan.ids.get(old)!;
  const maybe = (old: string | null) => (old === null ? null : id(old));
  const at = (value: string) => new Date(value);
  const maybeAt = (value: string | null) => (value === null ? null : new Date(value));
  const day = (value: string) => new Date(`${value}T00:00:00.000Z`);
  const organizationId = orgId;

  // Parents before children: the team tree's trigger looks each new team's parent up as it is inserted.
  const teamsById = new Map(doc.teams.map((t) => [t.id, t]));
  const depth = depths(doc.teams.map((t) => t.id), (t) => teamsById.get(t)?.parentId ?? null);
  const levels = Math.max(-1, ...depth.values()) + 1;
  for (let level = 0; level < levels; level++) {
    const teams = doc.teams.filter((t) => depth.get(t.id) === level);
    await insert(
      teams.map((t) => ({ id: id(t.id), organizationId, parentId: maybe(t.parentId), name: t.name, archivedAt: maybeAt(t.archivedAt), slackChannelId: t.slackChannelId, createdAt: at(t.createdAt), updatedAt: at(t.updatedAt) })),
      (data) => tx.team.createMany({ data }),
    );
  }
  await analyze(tx, "teams");
  await insert(
    doc.teamMemberships.map((m) => ({ id: id(m.id), organizationId, teamId: id(m.teamId), userId: id(m.userId), role: m.role, createdAt: at(m.createdAt) })),
    (data) => tx.teamMembership.createMany({ data }),
  );
  await insert(
    doc.cycles.map((c) => ({
      id: id(c.id),
      organizationId,
      name: c.name,
      startDate: day(c.startDate),
      endDate: day(c.endDate),
      state: c.state,
      summary: c.summary,
      closedAt: maybeAt(c.closedAt),
      createdAt: at(c.createdAt),
      updatedAt: at(c.updatedAt),
    })),
    (data) => tx.cycle.createMany({ data }),
  );
  await analyze(tx, "cycles");

  // Objectives point at each other and at key results, which point at objectives: rows first, links after.
  await insert(
    doc.objectives.map((x) => ({
      id: id(x.id),
      organizationId,
      cycleId: id(x.cycleId),
      level: x.level,
      teamId: maybe(x.teamId),
      ownerId: id(x.ownerId),
      title: x.title,
      whyItMatters: x.whyItMatters,
      kind: x.kind,
      state: x.state,
      position: x.position,
      progress: x.progress,
      abandonReason: x.abandonReason,
      retroWentWell: x.retroWentWell,
      retroLearned: x.retroLearned,
      version: x.version,
      createdAt: at(x.createdAt),
      updatedAt: at(x.updatedAt),
    })),
    (data) => tx.objective.createMany({ data }),
  );
  await analyze(tx, "objectives");
  await insert(
    doc.keyResults.map((k) => ({
      id: id(k.id),
      organizationId,
      cycleId: id(k.cycleId),
      objectiveId: id(k.objectiveId),
      ownerId: id(k.ownerId),
      title: k.title,
      type: k.type,
      direction: k.direction,
      startValue: k.startValue,
      targetValue: k.targetValue,
      currentValue: k.currentValue,
      unit: k.unit,
      milestones: k.milestones,
      weight: k.weight,
      position: k.position,
      progress: k.progress,
      confidence: k.confidence,
      lastCheckInAt: maybeAt(k.lastCheckInAt),
      score: k.score,
      version: k.version,
      createdAt: at(k.createdAt),
      updatedAt: at(k.updatedAt),
    })),
    (data) => tx.keyResult.createMany({ data }),
  );
  await analyze(tx, "key_results");
  const linked = doc.objectives.filter((x) => x.parentObjectiveId || x.parentKeyResultId || x.carriedFromId);
  for (let i = 0; i < linked.length; i += BATCH) {
    const batch = linked.slice(i, i + BATCH);
    // A raw UPDATE leaves updated_at as the file has it.
    await tx.$executeRaw`
      UPDATE objectives AS o
         SET parent_objective_id = v.parent_objective_id, parent_key_result_id = v.parent_key_result_id, carried_from_id = v.carried_from_id
        FROM unnest(${batch.map((x) => id(x.id))}::uuid[], ${batch.map((x) => maybe(x.parentObjectiveId))}::uuid[],
                    ${batch.map((x) => maybe(x.parentKeyResultId))}::uuid[], ${batch.map((x) => maybe(x.carriedFromId))}::uuid[])
             AS v(id, parent_objective_id, parent_key_result_id, carried_from_id)
       WHERE o.organization_id = ${orgId}::uuid AND o.id = v.id`;
  }

  await insert(
    doc.initiatives.map((t) => ({
      id: id(t.id),
      organizationId,
      keyResultId: id(t.keyResultId),
      ownerId: id(t.ownerId),
      title: t.title,
      status: t.status,
      dueDate: t.dueDate === null ? null : day(t.dueDate),
      url: t.url,
      position: t.position,
      version: t.version,
      createdAt: at(t.createdAt),
      updatedAt: at(t.updatedAt),
    })),
    (data) => tx.initiative.createMany({ data }),
  );
  await insert(
    doc.objectiveSupports.map((s) => ({
      id: id(s.id),
      organizationId,
      objectiveId: id(s.objectiveId),
      supportsObjectiveId: maybe(s.supportsObjectiveId),
      supportsKeyResultId: maybe(s.supportsKeyResultId),
      createdAt: at(s.createdAt),
    })),
    (data) => tx.objectiveSupport.createMany({ data }),
  );
  await insert(
    doc.keyResultDependencies.map((d) => ({ id: id(d.id), organizationId, keyResultId: id(d.keyResultId), dependsOnId: id(d.dependsOnId), createdAt: at(d.createdAt) })),
    (data) => tx.keyResultDependency.createMany({ data }),
  );
  const importedAt = new Date();
  await insert(
    doc.apiTokens.map((t) => ({
      id: id(t.id),
      organizationId,
      userId: id(t.userId),
      name: t.name,
      // Nobody knows a secret that hashes to random bytes: the token exists as a record and can never authenticate.
      tokenHash: randomBytes(32).toString("hex"),
      prefix: t.prefix,
      scope: t.scope,
      kind: t.kind,
      createdById: maybe(t.createdById),
      expiresAt: maybeAt(t.expiresAt),
      lastUsedAt: maybeAt(t.lastUsedAt),
      revokedAt: maybeAt(t.revokedAt) ?? importedAt,
      createdAt: at(t.createdAt),
    })),
    (data) => tx.apiToken.createMany({ data }),
  );
  await analyze(tx, "api_tokens");
  await insert(
    doc.checkIns.map((c) => ({
      id: id(c.id),
      organizationId,
      keyResultId: id(c.keyResultId),
      authorId: id(c.authorId),
      week: day(c.week),
      value: c.value,
      confidence: c.confidence,
      note: c.note,
      version: c.version,
      apiTokenId: maybe(c.apiTokenId),
      channel: c.channel,
      createdAt: at(c.createdAt),
      updatedAt: at(c.updatedAt),
    })),
    (data) => tx.checkIn.createMany({ data }),
  );
  await analyze(tx, "check_ins");
  await insert(
    doc.checkInVersions.map((v) => ({
      id: id(v.id),
      organizationId,
      checkInId: id(v.checkInId),
      authorId: id(v.authorId),
      version: v.version,
      value: v.value,
      confidence: v.confidence,
      note: v.note,
      apiTokenId: maybe(v.apiTokenId),
      channel: v.channel,
      createdAt: at(v.createdAt),
    })),
    (data) => tx.checkInVersion.createMany({ data }),
  );
  await insert(
    doc.comments.map((c) => ({ id: id(c.id), organizationId, objectiveId: id(c.objectiveId), authorId: id(c.authorId), body: c.body, createdAt: at(c.createdAt), updatedAt: at(c.updatedAt) })),
    (data) => tx.comment.createMany({ data }),
  );
  await insert(
    doc.nudges.map((n) => ({ id: id(n.id), organizationId, teamId: id(n.teamId), fromUserId: id(n.fromUserId), toUserId: id(n.toUserId), week: day(n.week), createdAt: at(n.createdAt) })),
    (data) => tx.nudge.createMany({ data }),
  );
  await insert(
    doc.auditEvents.map((e) => ({
      id: id(e.id),
      organizationId,
      actorId: maybe(e.actorId),
      apiTokenId: e.apiTokenId === null ? null : plan.resolve(e.apiTokenId),
      entityType: e.entityType,
      entityId: plan.resolve(e.entityId),
      action: e.action,
      before: e.before === null ? undefined : (remapIds(e.before, plan) as Prisma.InputJsonValue),
      after: e.after === null ? undefined : (remapIds(e.after, plan) as Prisma.InputJsonValue),
      reason: e.reason,
      createdAt: at(e.createdAt),
    })),
    (data) => tx.auditEvent.createMany({ data }),
  );
  // Last: every row above checks its organisation by foreign key, and Postgres checks a row this transaction already
  // changed far more slowly than one it has not.
  const o = doc.organization;
  await tx.organization.update({
    where: { id: orgId },
    data: {
      // The slug stays: it is this organisation's address, unique on the instance, and may be the source's still.
      name: o.name,
      maxObjectivesPerTeam: o.maxObjectivesPerTeam,
      maxKeyResultsPerObjective: o.maxKeyResultsPerObjective,
      maxKeyResultsPerPerson: o.maxKeyResultsPerPerson,
      disabledQualityRules: o.disabledQualityRules,
      defaultCycleId: maybe(o.defaultCycleId),
      createdAt: at(o.createdAt),
      updatedAt: at(o.updatedAt),
    },
  });
}

/**
 * The ids inside an audit event's before and after, translated like every other id, so history keeps pointing at the
 * imported rows and no id of the exporting organisation stays behind. A uuid naming nothing in the file still gets one
 * new id, the same wherever it appears.
 */
function remapIds(value: unknown, plan: IdPlan): unknown {
  if (typeof value === "string") return plan.ids.get(value) ?? (isUuid(value) ? plan.resolve(value) : value);
  if (Array.isArray(value)) return value.map((item) => remapIds(item, plan));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remapIds(v, plan)]));
  return value;
}

async function insert<T>(rows: T[], write: (data: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/** Tables later rows point at, so their foreign keys are checked against them. */
type Referenced = "users" | "memberships" | "teams" | "cycles" | "objectives" | "key_results" | "api_tokens" | "check_ins";

/**
 * Fresh statistics for a table this transaction just filled. Every row inserted after it checks its foreign keys with
 * a lookup whose plan Postgres made while the table looked empty (a new instance's always does): a sequential scan,
 * which made the import quadratic (8,000 check-in versions took 8 s, growing with every batch). ANALYZE counts this
 * transaction's own rows and invalidates those plans.
 */
async function analyze(tx: Tx, table: Referenced): Promise<void> {
  await tx.$executeRawUnsafe(`ANALYZE ${table}`);
}
