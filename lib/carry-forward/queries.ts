import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { listCycles } from "@/lib/cycles/queries";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can, grantsOf } from "@/lib/permissions";
import { dec, weightedMean } from "@/lib/progress";
import { SCORED_STATES, type UnknownTeamHandling } from "@/lib/scoring/queries";
import { findTeamSubtreeIds } from "@/lib/teams/queries";

export const CARRY_PAGE_SIZE = 25;

export interface CarryCandidate {
  id: string;
  title: string;
  teamName: string;
  ownerName: string;
  state: string;
  progress: number;
  /** Weighted mean of the scored key results, two decimals; null before any is scored. */
  score: string | null;
  /** Unfinished objectives are offered first: scored below 0.7, or not scored and not done. */
  isUnfinished: boolean;
  carriedInto: { id: string; name: string }[];
}

/**
 * One page of the objectives the viewer may carry out of a cycle (admins: all; others: those they own or whose
 * team they lead), optionally for one team and its sub-teams, with the cycles each was already carried into.
 * Another organisation's team is not found, or with `unknownTeam: "ignore"` filters nothing (`isTeamUnknown`).
 */
export async function listCarryCandidates(actor: Actor, cycleId: string, filters: { teamId?: string; unknownTeam?: UnknownTeamHandling; cursor?: string } = {}) {
  const teamIds = filters.teamId ? await findTeamSubtreeIds(actor.orgId, filters.teamId) : null;
  const isTeamUnknown = teamIds !== null && teamIds.length === 0;
  if (isTeamUnknown && filters.unknownTeam !== "ignore") throw notFound("That team");
  const mayCarryAny = grantsOf(actor)["objective.create"] === "any";
  const scope: Prisma.ObjectiveWhereInput = mayCarryAny
    ? {}
    : { level: { not: "company" }, OR: [{ ownerId: actor.userId }, ...(actor.ledTeamIds.size ? [{ teamId: { in: [...actor.ledTeamIds] } }] : [])] };
  const rows = await db.objective.findMany({
    where: {
      organizationId: actor.orgId,
      cycleId,
      state: { in: [...SCORED_STATES] },
      ...(filters.cursor ? { id: { gt: filters.cursor } } : {}),
      ...(teamIds?.length ? { teamId: { in: teamIds } } : {}),
      ...scope,
    },
    orderBy: { id: "asc" },
    take: CARRY_PAGE_SIZE + 1,
    select: {
      id: true,
      title: true,
      level: true,
      state: true,
      progress: true,
      ownerId: true,
      teamId: true,
      team: { select: { name: true } },
      owner: { select: { name: true } },
      keyResults: { select: { score: true, weight: true } },
      carriedTo: { where: { organizationId: actor.orgId }, select: { cycle: { select: { id: true, name: true } } } },
    },
  });
  const hasMore = rows.length > CARRY_PAGE_SIZE;
  const page = hasMore ? rows.slice(0, CARRY_PAGE_SIZE) : rows;
  const candidates: CarryCandidate[] = page
    .filter((o) => (o.level === "company" ? can(actor, "objective.create_company") : can(actor, "objective.create", { ownerIds: [o.ownerId], teamId: o.teamId })))
    .map((o) => {
      const scored = o.keyResults.filter((kr) => kr.score !== null).map((kr) => ({ progress: kr.score!, weight: kr.weight }));
      const hasScore = scored.some((kr) => dec(kr.weight).greaterThan(0));
      const score = hasScore ? weightedMean(scored) : null;
      return {
        id: o.id,
        title: o.title,
        teamName: o.team?.name ?? "Company",
        ownerName: o.owner.name,
        state: o.state,
        progress: Number(o.progress),
        score: score ? score.toDecimalPlaces(2).toFixed(2) : null,
        isUnfinished: score ? score.lessThan("0.7") : o.state !== "done",
        carriedInto: o.carriedTo.map((c) => c.cycle),
      };
    });
  return { candidates, nextCursor: hasMore ? (page[page.length - 1]?.id ?? null) : null, isTeamUnknown };
}

/**
 * Cycles objectives can be carried into: planning or active ones other than the source. Those that start after
 * the source come first, soonest first, so the form preselects the cycle that follows.
 */
export async function listCarryTargets(orgId: string, fromCycleId: string) {
  const { cycles } = await listCycles(orgId);
  const source = cycles.find((c) => c.id === fromCycleId);
  const isLater = (c: { startDate: Date }) => !source || c.startDate > source.startDate;
  return cycles
    .filter((c) => c.id !== fromCycleId && c.state !== "closed")
    .sort((a, b) => Number(isLater(b)) - Number(isLater(a)) || a.startDate.getTime() - b.startDate.getTime())
    .map((c) => ({ id: c.id, name: c.name, state: c.state }));
}
