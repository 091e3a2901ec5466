import { z } from "zod";
import { ApiTokenKind, ApiTokenScope, Confidence, CycleState, Direction, InitiativeStatus, KeyResultType, ObjectiveKind, ObjectiveLevel, ObjectiveState, Role, TeamRole } from "@/lib/generated/prisma/enums";

/**
 * What API v1 answers, as zod schemas. The route wrapper's types hold every handler to its operation's schema at
 * compile time, and the contract test (e2e/api-contract.spec.ts) checks real answers against the OpenAPI document
 * built from them, so the reference cannot drift from what the server sends.
 */

const id = z.string().meta({ format: "uuid" });
const timestamp = z.string().meta({ format: "date-time" });
const date = z.string().meta({ format: "date", description: "A calendar date, YYYY-MM-DD" });
/** Decimals travel as strings so no client rounds a target through a float. */
const decimal = z.string().meta({ description: "An exact decimal as a string, e.g. \"1250.5\"" });
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: "A URI naming the kind of problem, e.g. https://keel.dev/problems/not-found" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().meta({ description: "What went wrong, in a sentence a person can act on" }),
    requestId: z.string().optional().meta({ description: "The id in the X-Request-Id header and the server's log" }),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional().meta({ description: "Each invalid field and why" }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details (application/problem+json)" });

export const CycleSchema = z
  .object({
    id,
    name: z.string(),
    state: z.enum(CycleState),
    startDate: date,
    endDate: date,
    closedAt: nullable(timestamp),
    isDefault: z.boolean().meta({ description: "Whether this is the cycle pages open by default" }),
  })
  .meta({ id: "Cycle" });

export const KeyResultSchema = z
  .object({
    id,
    objectiveId: id,
    cycleId: id,
    ownerId: id,
    title: z.string(),
    type: z.enum(KeyResultType),
    direction: z.enum(Direction),
    startValue: decimal,
    targetValue: decimal,
    currentValue: decimal,
    unit: z.string(),
    milestones: z.array(z.string()),
    weight: decimal,
    position: z.number().int(),
    progress: decimal.meta({ description: "Percent of the way from start to target, 0-100" }),
    overAchievement: nullable(decimal).meta({ description: "Percent beyond the target, when there is any" }),
    thresholdMet: z.boolean().nullable().meta({ description: "For keep_above and keep_below: whether the threshold holds" }),
    margin: nullable(decimal).meta({ description: "For keep_above and keep_below: the distance from the threshold" }),
    confidence: z.enum(Confidence).nullable(),
    lastCheckInAt: nullable(timestamp),
    score: nullable(decimal).meta({ description: "The end-of-cycle score, 0.0-1.0" }),
    version: z.number().int().meta({ description: "Send it back when you change the key result; a stale one is refused with 409" }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "KeyResult" });

export const InitiativeSchema = z
  .object({
    id,
    keyResultId: id,
    ownerId: id,
    title: z.string(),
    status: z.enum(InitiativeStatus),
    dueDate: nullable(date),
    url: nullable(z.string().meta({ format: "uri" })),
    position: z.number().int(),
    version: z.number().int().meta({ description: "Send it back when you change the initiative; a stale one is refused with 409" }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({
    id: "Initiative",
    description: "Work meant to move a key result. It counts toward progress only under a key result of type `initiatives` (done out of those not dropped).",
  });

export const LinkedKeyResultSchema = z
  .object({
    id,
    title: z.string(),
    confidence: z.enum(Confidence).nullable(),
    progress: decimal,
    objectiveId: id,
    objectiveTitle: z.string(),
    teamName: z.string().nullable().meta({ description: "null for company objectives" }),
    ownerName: z.string(),
  })
  .meta({ id: "LinkedKeyResult", description: "A key result on the other side of a dependency, with how it is doing" });

export const KeyResultDependenciesSchema = z
  .object({
    dependsOn: z.array(LinkedKeyResultSchema).meta({ description: "Key results this one cannot succeed without" }),
    dependents: z.array(LinkedKeyResultSchema).meta({ description: "Key results that depend on this one" }),
    blastRadius: z
      .object({
        keyResults: z.array(LinkedKeyResultSchema).meta({ description: "Everything depending on it, directly or through others, nearest first" }),
        objectives: z.array(z.object({ id, title: z.string(), level: z.enum(ObjectiveLevel) })).meta({ description: "Their objectives and every objective above them" }),
      })
      .nullable()
      .meta({ description: "Only while this key result is at risk or off track; null otherwise" }),
  })
  .meta({ id: "KeyResultDependencies" });

export const DependencySchema = z.object({ id, keyResultId: id, dependsOnId: id, createdAt: timestamp }).meta({ id: "Dependency" });

export const ObjectiveSupportSchema = z
  .object({ id, objectiveId: id, supportsObjectiveId: nullable(id), supportsKeyResultId: nullable(id), createdAt: timestamp })
  .meta({ id: "ObjectiveSupport", description: "The objective also supports this objective or key result, besides its parent; never counted in progress" });

export const ObjectiveSupportsSchema = z
  .object({
    supports: z.array(ObjectiveSupportSchema).meta({ description: "What this objective supports" }),
    supportedBy: z.array(ObjectiveSupportSchema).meta({ description: "What supports this objective or one of its key results" }),
  })
  .meta({ id: "ObjectiveSupports" });

export const ObjectiveSchema = z
  .object({
    id,
    cycleId: id,
    level: z.enum(ObjectiveLevel),
    teamId: nullable(id),
    ownerId: id,
    title: z.string(),
    whyItMatters: z.string(),
    kind: z.enum(ObjectiveKind),
    state: z.enum(ObjectiveState),
    parentObjectiveId: nullable(id),
    parentKeyResultId: nullable(id),
    position: z.number().int(),
    progress: decimal.meta({ description: "Weighted progress of its key results, percent 0-100" }),
    abandonReason: z.string().nullable(),
    version: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
    keyResults: z.array(KeyResultSchema).optional().meta({ description: "With ?expand=keyResults on lists, and always on one objective" }),
  })
  .meta({ id: "Objective" });

export const CheckInSchema = z
  .object({
    id,
    keyResultId: id,
    authorId: id,
    week: date.meta({ description: "The Monday of the week the check-in is for" }),
    value: decimal,
    confidence: z.enum(Confidence),
    note: z.string(),
    version: z.number().int().meta({ description: "How many times it was saved that week" }),
    apiTokenId: nullable(id).meta({ description: "The API token the latest save came through; null when it was saved in Keel's pages" }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "CheckIn" });

export const CheckInVersionSchema = z
  .object({ version: z.number().int(), authorId: id, value: decimal, confidence: z.enum(Confidence), note: z.string(), createdAt: timestamp })
  .meta({ id: "CheckInVersion" });

export const CheckInWithVersionsSchema = CheckInSchema.extend({ versions: z.array(CheckInVersionSchema) }).meta({ id: "CheckInWithVersions" });

export const RecordedCheckInSchema = CheckInSchema.extend({
  keyResult: z.object({ id, currentValue: decimal, progress: decimal, confidence: z.enum(Confidence) }),
  objective: z.object({ id, progress: decimal }),
}).meta({ id: "RecordedCheckIn", description: "The check-in, and where its key result and objective now stand" });

export const TeamSchema = z
  .object({
    id,
    name: z.string(),
    parentId: nullable(id),
    archived: z.boolean(),
    archivedAt: nullable(timestamp),
    createdAt: timestamp,
    updatedAt: timestamp,
    memberCount: z.number().int().optional(),
    path: z.array(z.object({ id, name: z.string() })).optional().meta({ description: "The teams above it, from the top" }),
  })
  .meta({ id: "Team" });

export const TeamMemberSchema = z
  .object({ userId: id, name: z.string(), email: z.string(), role: z.enum(TeamRole), since: timestamp })
  .meta({ id: "TeamMember" });

export const MemberSchema = z
  .object({ userId: id, name: z.string(), email: z.string(), role: z.enum(Role), joinedAt: timestamp })
  .meta({ id: "Member" });

export const MemberWithTeamsSchema = MemberSchema.extend({
  teams: z.array(z.object({ id, name: z.string(), role: z.enum(TeamRole) })),
}).meta({ id: "MemberWithTeams" });

export const MeSchema = z
  .object({
    data: z.object({
      id,
      name: z.string(),
      email: z.string(),
      role: z.enum(Role).meta({ description: "For an organisation token, the nearest role; its scope is what decides" }),
      organization: z.object({ id, name: z.string(), slug: z.string() }),
      token: z
        .object({ id, kind: z.enum(ApiTokenKind), scope: z.enum(ApiTokenScope).meta({ description: "checkins_write is check-ins:write" }) })
        .nullable()
        .meta({ description: "The API token of this request; null for a browser session" }),
    }),
  })
  .meta({ id: "Me" });

/** A page of a list: pass `nextCursor` as `cursor` for the next one; null on the last page. */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ data: z.array(item), nextCursor: nullable(id) }).meta({ id: `${name}Page` });
}

export const ScoresSchema = z.object({
  scores: z.array(z.object({ keyResultId: id, score: decimal, isChanged: z.boolean() })),
});

export const CarryForwardResultSchema = z.object({
  toCycle: z.object({ id, name: z.string() }),
  carried: z.array(
    z.object({
      fromObjectiveId: id,
      objectiveId: id,
      title: z.string(),
      keyResultCount: z.number().int(),
      alignment: z.enum(["kept", "lost", "none"]).meta({ description: "kept: aligned to the copy of its parent; lost: its parent has no usable copy; none: it was not aligned" }),
      lostAlignmentReason: z.string().nullable(),
      isOwnerChanged: z.boolean(),
    }),
  ),
});

export const RetrospectiveSchema = z.object({ objectiveId: id, wentWell: z.string(), learned: z.string() });

const score = nullable(decimal);
const SummaryRetrospectiveSchema = z.object({
  objectiveId: id,
  title: z.string(),
  state: z.enum(ObjectiveState),
  ownerName: z.string(),
  score,
  wentWell: z.string(),
  learned: z.string(),
});

export const CycleSummarySchema = z
  .object({
    cycle: z.object({ id, name: z.string(), state: z.enum(CycleState), startDate: date, endDate: date, closedAt: nullable(timestamp), summary: z.string() }),
    averageScore: score,
    objectiveCount: z.number().int(),
    scoredObjectiveCount: z.number().int(),
    keyResults: z.object({
      total: z.number().int(),
      scored: z.number().int(),
      unscored: z.number().int(),
      bands: z.object({ low: z.number().int(), mid: z.number().int(), high: z.number().int() }),
    }),
    byKind: z.object({
      committed: z.object({ averageScore: score, objectiveCount: z.number().int() }),
      aspirational: z.object({ averageScore: score, objectiveCount: z.number().int() }),
    }),
    teams: z.array(z.object({ teamId: id, name: z.string(), depth: z.number().int(), averageScore: score, objectiveCount: z.number().int() })),
    retrospectives: z.object({
      groups: z.array(z.object({ teamId: nullable(id), teamName: z.string(), items: z.array(SummaryRetrospectiveSchema) })),
      nextCursor: nullable(id),
    }),
    abandoned: z.object({
      items: z.array(z.object({ objectiveId: id, title: z.string(), reason: z.string(), teamName: z.string(), ownerName: z.string() })),
      total: z.number().int(),
    }),
  })
  .meta({ id: "CycleSummary" });

export const SearchResultsSchema = z.object({
  data: z.object({
    cycle: z.object({ id, name: z.string() }).nullable(),
    objectives: z.array(z.object({ id, title: z.string(), level: z.enum(ObjectiveLevel), teamName: z.string().nullable(), state: z.enum(ObjectiveState) })),
    keyResults: z.array(z.object({ id, title: z.string(), objectiveId: id, objectiveTitle: z.string() })),
    teams: z.array(z.object({ id, name: z.string() })),
    people: z.array(z.object({ id, name: z.string(), email: z.string() })),
  }),
});

export const AlignmentCandidatesSchema = z.object({
  data: z.array(
    z.object({
      objectiveId: id,
      title: z.string(),
      teamName: z.string().nullable(),
      level: z.enum(ObjectiveLevel),
      keyResults: z.array(z.object({ id, title: z.string() })),
    }),
  ),
});

const column = <T extends z.ZodType>(item: T, description?: string) => (description ? z.array(item).meta({ description }) : z.array(item));

/** lib/tree/payload.ts: columns of equal length, references as indexes into them. */
export const TreePayloadSchema = z
  .object({
    cycle: z.object({ id, name: z.string(), state: z.enum(CycleState), startDate: date, endDate: date }),
    limits: z.object({ maxObjectivesPerTeam: z.number().int(), maxKeyResultsPerObjective: z.number().int(), maxKeyResultsPerPerson: z.number().int() }),
    teams: z.object({ id: column(id), name: column(z.string()), parent: column(z.number().int(), "Index into teams, -1 for none"), archived: column(z.boolean()) }),
    people: z.object({ id: column(id), name: column(z.string()) }),
    objectives: z.object({
      id: column(id),
      title: column(z.string()),
      level: column(z.number().int(), "0 company, 1 team, 2 personal"),
      team: column(z.number().int(), "Index into teams, -1 for none"),
      owner: column(z.number().int(), "Index into people"),
      state: column(z.number().int(), "0 draft, 1 active, 2 done, 3 abandoned"),
      kind: column(z.number().int(), "0 committed, 1 aspirational"),
      progress: column(z.number(), "Percent, 0-100"),
      parent: column(z.number().int(), "Index of the parent objective, -1 for none"),
      parentKr: column(z.number().int(), "Index of the parent key result, -1 for none"),
    }),
    keyResults: z.object({
      objective: column(z.number().int(), "Index of the objective it measures"),
      title: column(z.string()),
      progress: column(z.number(), "Percent, 0-100"),
      confidence: column(z.number().int(), "-1 no check-in yet, 0 on track, 1 at risk, 2 off track"),
      owner: column(z.number().int(), "Index into people"),
    }),
  })
  .meta({ id: "AlignmentTree", description: "The cycle's whole alignment tree as columns: every array of a group has the same length" });

