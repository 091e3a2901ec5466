import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { createIntegrationIdentity } from "@/lib/auth/integration-identity";
import { seal } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/prisma";
import { AppError, conflict, notFound } from "@/lib/errors";
import { assertCan } from "@/lib/permissions";
import type { Extracted } from "./extract";
import { loadFeed, previewFeed, runFeed, type FeedOutcome } from "./run";
import type { CreateDataSourceInput, SetFeedInput } from "./schemas";

const MAX_SOURCES = 50;

/**
 * Registers a data source with an identity of its own ("Data source: <name>") that authors its check-ins. Its headers
 * or connection string are sealed before they are stored, and no query or page ever reads them back out.
 */
export async function createDataSource(actor: Actor, input: CreateDataSourceInput) {
  assertCan(actor, "datasource.manage");
  return db.$transaction(async (tx) => {
    if ((await tx.dataSource.count({ where: { organizationId: actor.orgId } })) >= MAX_SOURCES) throw conflict(`An organisation has at most ${MAX_SOURCES} data sources`);
    if (await tx.dataSource.findFirst({ where: { organizationId: actor.orgId, name: input.name }, select: { id: true } })) {
      throw new AppError("validation", "A data source already has that name", { name: ["A data source already has that name"] });
    }
    const identityId = await createIntegrationIdentity(tx, `Data source: ${input.name}`);
    const source = await tx.dataSource.create({
      data: { organizationId: actor.orgId, name: input.name, kind: input.kind, url: input.url, secretsSealed: seal(JSON.stringify(input.secrets)), identityId },
      select: { id: true, name: true, kind: true, url: true },
    });
    await recordAudit(tx, actor, { entityType: "data_source", entityId: source.id, action: "data_source.created", after: { name: source.name, kind: source.kind, url: source.url } });
    return source;
  });
}

/** Deletes a source and stops its feeds; the check-ins it recorded stay, authored by it. */
export async function deleteDataSource(actor: Actor, dataSourceId: string) {
  assertCan(actor, "datasource.manage");
  return db.$transaction(async (tx) => {
    const source = await tx.dataSource.findFirst({ where: { id: dataSourceId, organizationId: actor.orgId }, select: { id: true, name: true, kind: true } });
    if (!source) throw notFound("That data source");
    await tx.dataSource.delete({ where: { id: source.id } });
    await recordAudit(tx, actor, { entityType: "data_source", entityId: source.id, action: "data_source.deleted", before: { name: source.name, kind: source.kind } });
    return source;
  });
}

/** The key result, with what decides who may feed it: the same people who may change it. */
async function feedableKeyResult(actor: Actor, keyResultId: string) {
  const kr = await db.keyResult.findFirst({
    where: { id: keyResultId, organizationId: actor.orgId },
    select: { id: true, title: true, ownerId: true, objective: { select: { id: true, ownerId: true, teamId: true } } },
  });
  if (!kr) throw notFound("That key result");
  assertCan(actor, "keyresult.update", { ownerIds: [kr.ownerId, kr.objective.ownerId], teamId: kr.objective.teamId });
  return kr;
}

async function sourceOf(actor: Actor, dataSourceId: string) {
  const source = await db.dataSource.findFirst({ where: { id: dataSourceId, organizationId: actor.orgId }, select: { id: true, name: true, kind: true, url: true, secretsSealed: true } });
  if (!source) throw new AppError("not_found", "That data source was not found", { dataSourceId: ["Choose one of the organisation's data sources"] });
  return source;
}

function checkExpression(kind: string, input: { expression: string }) {
  if (kind !== "http_json" && !input.expression) {
    const message = kind === "prometheus" ? "Enter the PromQL query, like sum(rate(orders_total[1d]))" : "Enter the SELECT that returns the number";
    throw new AppError("validation", message, { expression: [message] });
  }
}

/** What the feed would record right now, without recording anything. */
export async function testKeyResultFeed(actor: Actor, input: Omit<SetFeedInput, "schedule">): Promise<Extracted> {
  await feedableKeyResult(actor, input.keyResultId);
  const source = await sourceOf(actor, input.dataSourceId);
  checkExpression(source.kind, input);
  return previewFeed(source, input.expression, input.pointer);
}

/** Feeds a key result from a source on a schedule; the first read is due at once. */
export async function setKeyResultFeed(actor: Actor, input: SetFeedInput, now: Date = new Date()) {
  const kr = await feedableKeyResult(actor, input.keyResultId);
  const source = await sourceOf(actor, input.dataSourceId);
  checkExpression(source.kind, input);
  return db.$transaction(async (tx) => {
    const data = { dataSourceId: source.id, expression: input.expression, pointer: input.pointer, schedule: input.schedule, nextRunAt: now, lastError: null, failingSince: null };
    const feed = await tx.keyResultFeed.upsert({
      where: { keyResultId: kr.id },
      create: { organizationId: actor.orgId, keyResultId: kr.id, ...data },
      update: data,
      select: { id: true, schedule: true },
    });
    await recordAudit(tx, actor, { entityType: "key_result", entityId: kr.id, action: "keyresult.feed_set", after: { dataSource: source.name, expression: input.expression, pointer: input.pointer, schedule: input.schedule } });
    return { ...feed, keyResultTitle: kr.title, sourceName: source.name };
  });
}

export async function removeKeyResultFeed(actor: Actor, keyResultId: string) {
  const kr = await feedableKeyResult(actor, keyResultId);
  return db.$transaction(async (tx) => {
    const removed = await tx.keyResultFeed.deleteMany({ where: { organizationId: actor.orgId, keyResultId: kr.id } });
    if (!removed.count) throw notFound("That key result's feed");
    await recordAudit(tx, actor, { entityType: "key_result", entityId: kr.id, action: "keyresult.feed_removed" });
    return { keyResultTitle: kr.title };
  });
}

/** Reads the feed now instead of at its next run, and records what it read. */
export async function runKeyResultFeedNow(actor: Actor, keyResultId: string, now: Date = new Date()): Promise<FeedOutcome> {
  const kr = await feedableKeyResult(actor, keyResultId);
  const row = await db.keyResultFeed.findFirst({ where: { organizationId: actor.orgId, keyResultId: kr.id }, select: { id: true } });
  if (!row) throw notFound("That key result's feed");
  const feed = await loadFeed(actor.orgId, row.id);
  if (!feed) throw notFound("That key result's feed");
  return runFeed(feed, now);
}
