import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { isoDate } from "@/lib/dates/week";
import { db, type Tx } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { logUnexpected } from "@/lib/log";
import { assertCan } from "@/lib/permissions";
import { EXPORT_FORMAT, EXPORT_SCHEMA_VERSION, OMITTED_TABLES, WITHOUT_COLUMNS, type ExportDocument, type Person } from "./document";

/** Rows read per query: memory stays bounded by one page of one table, however large the organisation. */
const PAGE = 2000;
/** A slow download keeps the snapshot open this long at most; then the file is cut short and the error logged. */
const EXPORT_TIMEOUT_MS = 30 * 60_000;

const instant = (value: Date) => value.toISOString();
const maybeInstant = (value: Date | null) => (value ? value.toISOString() : null);
const decimal = (value: Prisma.Decimal) => value.toString();

/**
 * The organisation as one JSON document (lib/export/document.ts), for tests and callers that want the object. The
 * download and the API stream the same text through `streamOrganizationExport`.
 */
export async function exportOrganization(actor: Actor): Promise<ExportDocument> {
  assertCan(actor, "org.update");
  const parts: string[] = [];
  await inSnapshot((tx) => writeExport(tx, actor.orgId, async (chunk) => void parts.push(chunk)));
  return JSON.parse(parts.join("")) as ExportDocument;
}

/**
 * The export as a byte stream, read table by table and page by page inside one REPEATABLE READ transaction, so the
 * file is one consistent moment of the organisation and never held whole in memory. The reader's pace sets the pace
 * of the reads (backpressure); a reader that goes away ends the transaction.
 */
export function streamOrganizationExport(actor: Actor, requestId: string): ReadableStream<Uint8Array> {
  assertCan(actor, "org.update");
  const { readable, writable } = new TransformStream<string, string>(undefined, { highWaterMark: 4 });
  const writer = writable.getWriter();
  inSnapshot(async (tx) => {
    await writeExport(tx, actor.orgId, async (chunk) => {
      await writer.ready;
      await writer.write(chunk);
    });
  }).then(
    () => writer.close(),
    (error: unknown) => {
      logUnexpected(error, requestId, "organisation export");
      // The status line is long gone: aborting is how a reader learns the file is incomplete.
      writer.abort(error).catch(() => undefined);
    },
  );
  return readable.pipeThrough(new TextEncoderStream());
}

/** The download: the stream, saved as keel-<slug>-<date>.json, never kept by a cache. */
export function exportResponse(actor: Actor, requestId: string): Response {
  return new Response(streamOrganizationExport(actor, requestId), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${exportFileName(actor)}"`,
      "cache-control": "private, no-store",
      "x-request-id": requestId,
    },
  });
}

/** The name the download is saved under: keel-<slug>-<date>.json. */
export function exportFileName(actor: Pick<Actor, "orgSlug">, now = new Date()): string {
  return `keel-${actor.orgSlug}-${isoDate(now)}.json`;
}

function inSnapshot(work: (tx: Tx) => Promise<void>): Promise<void> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      await work(tx);
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: EXPORT_TIMEOUT_MS, maxWait: 10_000 },
  );
}

type Emit = (chunk: string) => Promise<void>;

/** Writes the document's text in order: header, organisation, people, then each table's rows by id. */
async function writeExport(tx: Tx, orgId: string, emit: Emit): Promise<void> {
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: orgId } });
  const header = {
    format: EXPORT_FORMAT,
    schemaVersion: EXPORT_SCHEMA_VERSION,
    exportedAt: new Date().toISOString(),
    omitted: OMITTED_TABLES,
    withoutColumns: WITHOUT_COLUMNS,
    organization: {
      id: organization.id,
      name: organization.name,
      slug: organization.slug,
      maxObjectivesPerTeam: organization.maxObjectivesPerTeam,
      maxKeyResultsPerObjective: organization.maxKeyResultsPerObjective,
      maxKeyResultsPerPerson: organization.maxKeyResultsPerPerson,
      defaultCycleId: organization.defaultCycleId,
      disabledQualityRules: organization.disabledQualityRules,
      createdAt: instant(organization.createdAt),
      updatedAt: instant(organization.updatedAt),
    },
    people: await readPeople(tx, orgId),
  };
  await emit(JSON.stringify(header).slice(0, -1));

  const where = (after: string | undefined) => ({ organizationId: orgId, ...(after ? { id: { gt: after } } : {}) });
  const page = { orderBy: { id: "asc" as const }, take: PAGE };

  await writeTable(emit, "teams", (after) => tx.team.findMany({ where: where(after), ...page }), (t) => ({
    id: t.id,
    parentId: t.parentId,
    name: t.name,
    archivedAt: maybeInstant(t.archivedAt),
    slackChannelId: t.slackChannelId,
    createdAt: instant(t.createdAt),
    updatedAt: instant(t.updatedAt),
  }));
  await writeTable(emit, "teamMemberships", (after) => tx.teamMembership.findMany({ where: where(after), ...page }), (m) => ({
    id: m.id,
    teamId: m.teamId,
    userId: m.userId,
    role: m.role,
    createdAt: instant(m.createdAt),
  }));
  await writeTable(emit, "cycles", (after) => tx.cycle.findMany({ where: where(after), ...page }), (c) => ({
    id: c.id,
    name: c.name,
    startDate: isoDate(c.startDate),
    endDate: isoDate(c.endDate),
    state: c.state,
    summary: c.summary,
    closedAt: maybeInstant(c.closedAt),
    createdAt: instant(c.createdAt),
    updatedAt: instant(c.updatedAt),
  }));
  await writeTable(emit, "objectives", (after) => tx.objective.findMany({ where: where(after), ...page }), (o) => ({
    id: o.id,
    cycleId: o.cycleId,
    level: o.level,
    teamId: o.teamId,
    ownerId: o.ownerId,
    title: o.title,
    whyItMatters: o.whyItMatters,
    kind: o.kind,
    state: o.state,
    parentObjectiveId: o.parentObjectiveId,
    parentKeyResultId: o.parentKeyResultId,
    position: o.position,
    progress: decimal(o.progress),
    abandonReason: o.abandonReason,
    retroWentWell: o.retroWentWell,
    retroLearned: o.retroLearned,
    carriedFromId: o.carriedFromId,
    version: o.version,
    createdAt: instant(o.createdAt),
    updatedAt: instant(o.updatedAt),
  }));
  await writeTable(emit, "keyResults", (after) => tx.keyResult.findMany({ where: where(after), ...page }), (k) => ({
    id: k.id,
    cycleId: k.cycleId,
    objectiveId: k.objectiveId,
    ownerId: k.ownerId,
    title: k.title,
    type: k.type,
    direction: k.direction,
    startValue: decimal(k.startValue),
    targetValue: decimal(k.targetValue),
    currentValue: decimal(k.currentValue),
    unit: k.unit,
    milestones: k.milestones,
    weight: decimal(k.weight),
    position: k.position,
    progress: decimal(k.progress),
    confidence: k.confidence,
    lastCheckInAt: maybeInstant(k.lastCheckInAt),
    score: k.score ? decimal(k.score) : null,
    version: k.version,
    createdAt: instant(k.createdAt),
    updatedAt: instant(k.updatedAt),
  }));
  await writeTable(emit, "initiatives", (after) => tx.initiative.findMany({ where: where(after), ...page }), (i) => ({
    id: i.id,
    keyResultId: i.keyResultId,
    ownerId: i.ownerId,
    title: i.title,
    status: i.status,
    dueDate: i.dueDate ? isoDate(i.dueDate) : null,
    url: i.url,
    position: i.position,
    version: i.version,
    createdAt: instant(i.createdAt),
    updatedAt: instant(i.updatedAt),
  }));
  await writeTable(emit, "objectiveSupports", (after) => tx.objectiveSupport.findMany({ where: where(after), ...page }), (s) => ({
    id: s.id,
    objectiveId: s.objectiveId,
    supportsObjectiveId: s.supportsObjectiveId,
    supportsKeyResultId: s.supportsKeyResultId,
    createdAt: instant(s.createdAt),
  }));
  await writeTable(emit, "keyResultDependencies", (after) => tx.keyResultDependency.findMany({ where: where(after), ...page }), (d) => ({
    id: d.id,
    keyResultId: d.keyResultId,
    dependsOnId: d.dependsOnId,
    createdAt: instant(d.createdAt),
  }));
  await writeTable(
    emit,
    "apiTokens",
    // The hash is never selected, so it cannot slip into the file.
    (after) =>
      tx.apiToken.findMany({
        where: where(after),
        ...page,
        select: { id: true, userId: true, name: true, prefix: true, scope: true, kind: true, createdById: true, expiresAt: true, lastUsedAt: true, revokedAt: true, createdAt: true },
      }),
    (t) => ({
      id: t.id,
      userId: t.userId,
      name: t.name,
      prefix: t.prefix,
      scope: t.scope,
      kind: t.kind,
      createdById: t.createdById,
      expiresAt: maybeInstant(t.expiresAt),
      lastUsedAt: maybeInstant(t.lastUsedAt),
      revokedAt: maybeInstant(t.revokedAt),
      createdAt: instant(t.createdAt),
    }),
  );
  await writeTable(emit, "checkIns", (after) => tx.checkIn.findMany({ where: where(after), ...page }), (c) => ({
    id: c.id,
    keyResultId: c.keyResultId,
    authorId: c.authorId,
    week: isoDate(c.week),
    value: decimal(c.value),
    confidence: c.confidence,
    note: c.note,
    version: c.version,
    apiTokenId: c.apiTokenId,
    channel: c.channel,
    createdAt: instant(c.createdAt),
    updatedAt: instant(c.updatedAt),
  }));
  await writeTable(emit, "checkInVersions", (after) => tx.checkInVersion.findMany({ where: where(after), ...page }), (v) => ({
    id: v.id,
    checkInId: v.checkInId,
    authorId: v.authorId,
    version: v.version,
    value: decimal(v.value),
    confidence: v.confidence,
    note: v.note,
    apiTokenId: v.apiTokenId,
    channel: v.channel,
    createdAt: instant(v.createdAt),
  }));
  await writeTable(
    emit,
    "comments",
    (after) => tx.comment.findMany({ where: where(after), ...page, select: { id: true, objectiveId: true, authorId: true, body: true, createdAt: true, updatedAt: true } }),
    (c) => ({ id: c.id, objectiveId: c.objectiveId, authorId: c.authorId, body: c.body, createdAt: instant(c.createdAt), updatedAt: instant(c.updatedAt) }),
  );
  await writeTable(emit, "nudges", (after) => tx.nudge.findMany({ where: where(after), ...page }), (n) => ({
    id: n.id,
    teamId: n.teamId,
    fromUserId: n.fromUserId,
    toUserId: n.toUserId,
    week: isoDate(n.week),
    createdAt: instant(n.createdAt),
  }));
  await writeTable(emit, "auditEvents", (after) => tx.auditEvent.findMany({ where: where(after), ...page }), (e) => ({
    id: e.id,
    actorId: e.actorId,
    apiTokenId: e.apiTokenId,
    entityType: e.entityType,
    entityId: e.entityId,
    action: e.action,
    before: e.before,
    after: e.after,
    reason: e.reason,
    createdAt: instant(e.createdAt),
  }));
  await emit("}");
}

async function writeTable<T extends { id: string }>(emit: Emit, key: string, read: (after: string | undefined) => Promise<T[]>, toJson: (row: T) => unknown): Promise<void> {
  await emit(`,${JSON.stringify(key)}:[`);
  let after: string | undefined;
  let isFirst = true;
  for (;;) {
    const rows = await read(after);
    if (rows.length === 0) break;
    const text = rows.map((row) => JSON.stringify(toJson(row))).join(",");
    await emit(isFirst ? text : `,${text}`);
    isFirst = false;
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  await emit("]");
}

/**
 * Everyone a row of the organisation names: members, and also people who left but still own, wrote or did something
 * here, and the identities of its integrations. Users are global, so only what recreates them travels.
 */
async function readPeople(tx: Tx, orgId: string): Promise<Person[]> {
  const referenced = await tx.$queryRaw<{ id: string }[]>`
    SELECT user_id AS id FROM memberships WHERE organization_id = ${orgId}::uuid
    UNION SELECT owner_id FROM objectives WHERE organization_id = ${orgId}::uuid
    UNION SELECT owner_id FROM key_results WHERE organization_id = ${orgId}::uuid
    UNION SELECT owner_id FROM initiatives WHERE organization_id = ${orgId}::uuid
    UNION SELECT author_id FROM check_ins WHERE organization_id = ${orgId}::uuid
    UNION SELECT author_id FROM check_in_versions WHERE organization_id = ${orgId}::uuid
    UNION SELECT author_id FROM comments WHERE organization_id = ${orgId}::uuid
    UNION SELECT actor_id FROM audit_events WHERE organization_id = ${orgId}::uuid AND actor_id IS NOT NULL
    UNION SELECT user_id FROM api_tokens WHERE organization_id = ${orgId}::uuid
    UNION SELECT created_by_id FROM api_tokens WHERE organization_id = ${orgId}::uuid AND created_by_id IS NOT NULL
    UNION SELECT from_user_id FROM nudges WHERE organization_id = ${orgId}::uuid
    UNION SELECT to_user_id FROM nudges WHERE organization_id = ${orgId}::uuid`;
  const ids = referenced.map((r) => r.id);
  const memberships = new Map((await tx.membership.findMany({ where: { organizationId: orgId } })).map((m) => [m.userId, m]));
  const people: Person[] = [];
  for (let i = 0; i < ids.length; i += 10_000) {
    const users = await tx.user.findMany({
      where: { id: { in: ids.slice(i, i + 10_000) } },
      select: { id: true, email: true, name: true, timeZone: true, remindersEnabled: true, emailVerifiedAt: true, isIntegration: true },
    });
    for (const u of users) {
      const m = memberships.get(u.id);
      const fields = {
        id: u.id,
        name: u.name,
        timeZone: u.timeZone,
        remindersEnabled: u.remindersEnabled,
        emailVerifiedAt: maybeInstant(u.emailVerifiedAt),
        membership: m ? { id: m.id, role: m.role, createdAt: instant(m.createdAt), guideDismissedAt: maybeInstant(m.guideDismissedAt) } : null,
      };
      people.push(u.isIntegration ? { ...fields, isIntegration: true, email: null } : { ...fields, isIntegration: false, email: u.email });
    }
  }
  // By address, then name: the same people come out in the same order from every instance the file passes through.
  return people.sort((a, b) => Number(a.isIntegration) - Number(b.isIntegration) || compare(a.email ?? "", b.email ?? "") || compare(a.name, b.name) || compare(a.id, b.id));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
