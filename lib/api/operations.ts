import { z } from "zod";
import { CarryForwardSchema } from "@/lib/carry-forward/schemas";
import { CheckInListQuerySchema, CreateCheckInSchema, IdempotencyKeySchema } from "@/lib/checkins/schemas";
import { CreateCycleSchema, CustomCycleSchema, QuarterCycleSchema, UpdateCycleSchema } from "@/lib/cycles/schemas";
import { PaginationSchema } from "@/lib/http/pagination";
import { IdParamsSchema, idSchema, safeString } from "@/lib/http/schemas";
import { CreateKeyResultSchema, ListKeyResultsQuerySchema, UpdateKeyResultSchema } from "@/lib/key-results/schemas";
import { CreateInitiativeSchema, DeleteInitiativeSchema, UpdateInitiativeSchema } from "@/lib/initiatives/schemas";
import { AddDependencySchema, AddSupportSchema, DependencyParamsSchema, SupportParamsSchema } from "@/lib/dependencies/schemas";
import { ListMembersQuerySchema, MemberParamsSchema } from "@/lib/members/schemas";
import { AbandonObjectiveSchema, AlignObjectiveSchema, CreateObjectiveSchema, ListObjectivesQuerySchema, MoveSchema, UpdateObjectiveSchema } from "@/lib/objectives/schemas";
import { CloseCycleSchema, CycleSummaryQuerySchema, RetrospectiveSchema as RetrospectiveBodySchema, ScoreKeyResultsSchema } from "@/lib/scoring/schemas";
import { SearchQuerySchema } from "@/lib/search/schemas";
import { AddTeamMemberSchema, CreateTeamSchema, ListTeamsQuerySchema, SetTeamMemberRoleSchema, TeamMemberParamsSchema, UpdateTeamSchema } from "@/lib/teams/schemas";
import { importOkrs } from "@/lib/import/operation";
import { exportOrganizationOperation as exportOrganization, importOrganizationOperation as importOrganization } from "@/lib/export/operation";
import { cyclePlanning } from "@/lib/planning/operation";
import { operation } from "./contract";
import {
  AlignmentCandidatesSchema,
  CarryForwardResultSchema,
  CheckInSchema,
  CheckInWithVersionsSchema,
  CycleSchema,
  CycleSummarySchema,
  DependencySchema,
  InitiativeSchema,
  KeyResultDependenciesSchema,
  ObjectiveSupportSchema,
  ObjectiveSupportsSchema,
  KeyResultSchema,
  MeSchema,
  MemberSchema,
  MemberWithTeamsSchema,
  ObjectiveSchema,
  pageOf,
  RecordedCheckInSchema,
  RetrospectiveSchema,
  ScoresSchema,
  SearchResultsSchema,
  TeamMemberSchema,
  TeamSchema,
  TreePayloadSchema,
} from "./responses";

const ListCyclesQuerySchema = PaginationSchema.extend({ state: z.enum(["planning", "active", "closed"]).optional() });
const AlignmentCandidatesQuerySchema = z.object({
  cycleId: idSchema("cycleId must be a cycle id"),
  q: safeString().trim().max(100, "q is at most 100 characters").default(""),
  exclude: idSchema("exclude must be an objective id").optional(),
});

export const me = operation({
  operationId: "getMe",
  method: "GET",
  path: "/me",
  tag: "Me",
  summary: "Who is asking",
  description: "The person a session or API token acts as, their role and the organisation they act in. Lets a script check its token before it writes anything.",
  permission: "org.read",
  response: MeSchema,
});

export const listCycles = operation({
  operationId: "listCycles",
  method: "GET",
  path: "/cycles",
  tag: "Cycles",
  summary: "List cycles",
  permission: "cycle.read",
  query: ListCyclesQuerySchema,
  response: pageOf(CycleSchema, "Cycle"),
});

export const createCycle = operation({
  operationId: "createCycle",
  method: "POST",
  path: "/cycles",
  tag: "Cycles",
  summary: "Create a cycle",
  description: "Name it and give its dates, or a quarter such as `2027-Q1`. It starts in planning.",
  permission: "cycle.manage",
  body: CreateCycleSchema,
  bodyDocumentedAs: z.union([QuarterCycleSchema, CustomCycleSchema]),
  response: CycleSchema,
  status: 201,
  conflicts: true,
});

export const getCycle = operation({
  operationId: "getCycle",
  method: "GET",
  path: "/cycles/{id}",
  tag: "Cycles",
  summary: "Get a cycle",
  permission: "cycle.read",
  params: IdParamsSchema,
  response: CycleSchema,
});

export const updateCycle = operation({
  operationId: "updateCycle",
  method: "PATCH",
  path: "/cycles/{id}",
  tag: "Cycles",
  summary: "Rename a cycle or change its dates",
  permission: "cycle.manage",
  params: IdParamsSchema,
  body: UpdateCycleSchema,
  response: CycleSchema,
  conflicts: true,
});

export const activateCycle = operation({
  operationId: "activateCycle",
  method: "POST",
  path: "/cycles/{id}/activate",
  tag: "Cycles",
  summary: "Start a cycle",
  description: "Moves a cycle in planning to active; check-ins and scoring open.",
  permission: "cycle.manage",
  params: IdParamsSchema,
  response: CycleSchema,
  conflicts: true,
});

export const closeCycle = operation({
  operationId: "closeCycle",
  method: "POST",
  path: "/cycles/{id}/close",
  tag: "Cycles",
  summary: "Close a cycle",
  description: "`{ summary?, force? }`: refused (409) while key results are unscored, unless `force` is true.",
  permission: "cycle.manage",
  params: IdParamsSchema,
  body: CloseCycleSchema,
  response: CycleSchema,
  conflicts: true,
});

export const scoreKeyResults = operation({
  operationId: "scoreKeyResults",
  method: "POST",
  path: "/cycles/{id}/scores",
  tag: "Cycles",
  summary: "Score key results",
  description: "Scores key results of an active cycle, all or nothing. A key result of another cycle is not found here; scores outside 0.0-1.0 are refused naming `scores.<i>.score`.",
  permission: "score.update",
  params: IdParamsSchema,
  body: ScoreKeyResultsSchema,
  response: ScoresSchema,
  conflicts: true,
});

export const carryForward = operation({
  operationId: "carryForward",
  method: "POST",
  path: "/cycles/{id}/carry-forward",
  tag: "Cycles",
  summary: "Carry objectives into another cycle",
  description: "Copies objectives of this cycle into a cycle in planning or active. The answer lists each copy and whether it kept its alignment.",
  permission: "objective.create",
  params: IdParamsSchema,
  body: CarryForwardSchema,
  response: CarryForwardResultSchema,
  status: 201,
  conflicts: true,
});

export const cycleSummary = operation({
  operationId: "getCycleSummary",
  method: "GET",
  path: "/cycles/{id}/summary",
  tag: "Cycles",
  summary: "A cycle's scores and retrospectives",
  description: "Scores, averages by team and kind, retrospectives (paged by `cursor`, filtered by `teamId`) and abandoned objectives.",
  permission: "cycle.read",
  params: IdParamsSchema,
  query: CycleSummaryQuerySchema,
  response: CycleSummarySchema,
});

export const cycleTree = operation({
  operationId: "getAlignmentTree",
  method: "GET",
  path: "/cycles/{id}/tree",
  tag: "Cycles",
  summary: "The cycle's whole alignment tree",
  description:
    "Every team, objective and key result of the cycle in a compact column form, pre-compressed (gzip or brotli, as `Accept-Encoding` allows). Send the `ETag` back in `If-None-Match`: the answer is 304 while nothing changed.",
  permission: "objective.read",
  params: IdParamsSchema,
  response: TreePayloadSchema,
  alsoAnswers: { 304: "Not modified: the tree is still the version named in If-None-Match" },
});

export const listObjectives = operation({
  operationId: "listObjectives",
  method: "GET",
  path: "/objectives",
  tag: "Objectives",
  summary: "List objectives",
  description: "Filter by cycle, team, owner, level, state or title; `expand=keyResults` includes each one's key results.",
  permission: "objective.read",
  query: ListObjectivesQuerySchema.extend(PaginationSchema.shape),
  response: pageOf(ObjectiveSchema, "Objective"),
});

export const createObjective = operation({
  operationId: "createObjective",
  method: "POST",
  path: "/objectives",
  tag: "Objectives",
  summary: "Create an objective",
  permission: "objective.create",
  body: CreateObjectiveSchema,
  response: ObjectiveSchema,
  status: 201,
  conflicts: true,
});

export const getObjective = operation({
  operationId: "getObjective",
  method: "GET",
  path: "/objectives/{id}",
  tag: "Objectives",
  summary: "Get an objective with its key results",
  permission: "objective.read",
  params: IdParamsSchema,
  response: ObjectiveSchema,
});

export const updateObjective = operation({
  operationId: "updateObjective",
  method: "PATCH",
  path: "/objectives/{id}",
  tag: "Objectives",
  summary: "Change an objective",
  description: "Send the `version` you read: if someone saved in between, the answer is 409 and nothing changes.",
  permission: "objective.update",
  params: IdParamsSchema,
  body: UpdateObjectiveSchema,
  response: ObjectiveSchema,
  conflicts: true,
});

export const abandonObjective = operation({
  operationId: "abandonObjective",
  method: "POST",
  path: "/objectives/{id}/abandon",
  tag: "Objectives",
  summary: "Abandon an objective, with a reason",
  permission: "objective.update",
  params: IdParamsSchema,
  body: AbandonObjectiveSchema,
  response: ObjectiveSchema,
  conflicts: true,
});

export const alignObjective = operation({
  operationId: "alignObjective",
  method: "PUT",
  path: "/objectives/{id}/alignment",
  tag: "Objectives",
  summary: "Align an objective beneath another, or a key result",
  description: "`{ version, parentObjectiveId }`, `{ version, parentKeyResultId }`, or both null to unalign. A loop is refused.",
  permission: "objective.update",
  params: IdParamsSchema,
  body: AlignObjectiveSchema,
  response: ObjectiveSchema,
  conflicts: true,
});

export const moveObjective = operation({
  operationId: "moveObjective",
  method: "POST",
  path: "/objectives/{id}/move",
  tag: "Objectives",
  summary: "Move an objective up or down its list",
  permission: "objective.update",
  params: IdParamsSchema,
  body: MoveSchema,
  response: ObjectiveSchema,
});

export const saveRetrospective = operation({
  operationId: "saveRetrospective",
  method: "PUT",
  path: "/objectives/{id}/retrospective",
  tag: "Objectives",
  summary: "Write an objective's retrospective",
  description: "Replaces it: `{ wentWell, learned }` (an answer left out or empty is cleared).",
  permission: "retro.update",
  params: IdParamsSchema,
  body: RetrospectiveBodySchema,
  response: RetrospectiveSchema,
  conflicts: true,
});

export const alignmentCandidates = operation({
  operationId: "listAlignmentCandidates",
  method: "GET",
  path: "/alignment-candidates",
  tag: "Objectives",
  summary: "What an objective can align to",
  description: "Objectives and key results of the cycle that match a search, for an alignment picker.",
  permission: "objective.read",
  query: AlignmentCandidatesQuerySchema,
  response: AlignmentCandidatesSchema,
});

export const listKeyResults = operation({
  operationId: "listKeyResults",
  method: "GET",
  path: "/key-results",
  tag: "Key results",
  summary: "List key results",
  permission: "objective.read",
  query: ListKeyResultsQuerySchema.extend(PaginationSchema.shape),
  response: pageOf(KeyResultSchema, "KeyResult"),
});

export const createKeyResult = operation({
  operationId: "createKeyResult",
  method: "POST",
  path: "/key-results",
  tag: "Key results",
  summary: "Add a key result to an objective",
  permission: "keyresult.create",
  body: CreateKeyResultSchema,
  response: KeyResultSchema,
  status: 201,
  conflicts: true,
});

export const getKeyResult = operation({
  operationId: "getKeyResult",
  method: "GET",
  path: "/key-results/{id}",
  tag: "Key results",
  summary: "Get a key result",
  permission: "objective.read",
  params: IdParamsSchema,
  response: KeyResultSchema,
});

export const updateKeyResult = operation({
  operationId: "updateKeyResult",
  method: "PATCH",
  path: "/key-results/{id}",
  tag: "Key results",
  summary: "Change a key result",
  description: "A new target during an active cycle needs `reason`; send the `version` you read (409 if stale).",
  permission: "keyresult.update",
  params: IdParamsSchema,
  body: UpdateKeyResultSchema,
  response: KeyResultSchema,
  conflicts: true,
});

export const moveKeyResult = operation({
  operationId: "moveKeyResult",
  method: "POST",
  path: "/key-results/{id}/move",
  tag: "Key results",
  summary: "Move a key result up or down its objective",
  permission: "keyresult.update",
  params: IdParamsSchema,
  body: MoveSchema,
  response: KeyResultSchema,
});

export const listInitiatives = operation({
  operationId: "listInitiatives",
  method: "GET",
  path: "/key-results/{id}/initiatives",
  tag: "Initiatives",
  summary: "List a key result's initiatives",
  description: "In their order. Another organisation's key result is 404, never an empty list.",
  permission: "objective.read",
  params: IdParamsSchema,
  response: z.object({ data: z.array(InitiativeSchema) }),
});

export const createInitiative = operation({
  operationId: "createInitiative",
  method: "POST",
  path: "/initiatives",
  tag: "Initiatives",
  summary: "Add an initiative under a key result",
  description: "The owner defaults to the key result's owner. Under an `initiatives` key result, its value, target and progress follow at once.",
  permission: "initiative.manage",
  body: CreateInitiativeSchema,
  response: InitiativeSchema,
  status: 201,
  conflicts: true,
});

export const getInitiative = operation({
  operationId: "getInitiative",
  method: "GET",
  path: "/initiatives/{id}",
  tag: "Initiatives",
  summary: "Get an initiative",
  permission: "objective.read",
  params: IdParamsSchema,
  response: InitiativeSchema,
});

export const updateInitiative = operation({
  operationId: "updateInitiative",
  method: "PATCH",
  path: "/initiatives/{id}",
  tag: "Initiatives",
  summary: "Change an initiative",
  description: "Status, title, owner, due date or link; send the `version` you read (409 if stale). `null` clears the due date or link.",
  permission: "initiative.manage",
  params: IdParamsSchema,
  body: UpdateInitiativeSchema,
  response: InitiativeSchema,
  conflicts: true,
});

export const deleteInitiative = operation({
  operationId: "deleteInitiative",
  method: "DELETE",
  path: "/initiatives/{id}",
  tag: "Initiatives",
  summary: "Remove an initiative",
  description: "Send the `version` you read as a query parameter (409 if stale).",
  permission: "initiative.manage",
  params: IdParamsSchema,
  query: DeleteInitiativeSchema,
  conflicts: true,
});

export const listKeyResultDependencies = operation({
  operationId: "listKeyResultDependencies",
  method: "GET",
  path: "/key-results/{id}/dependencies",
  tag: "Dependencies",
  summary: "What a key result depends on, what depends on it, and its blast radius",
  permission: "objective.read",
  params: IdParamsSchema,
  response: KeyResultDependenciesSchema,
});

export const addKeyResultDependency = operation({
  operationId: "addKeyResultDependency",
  method: "POST",
  path: "/key-results/{id}/dependencies",
  tag: "Dependencies",
  summary: "Say a key result depends on another",
  description:
    "The other key result must be in the same cycle and another objective, and must not already depend on this one through any chain (422). When it goes at risk or off track, this key result's owner is mailed.",
  permission: "keyresult.update",
  params: IdParamsSchema,
  body: AddDependencySchema,
  response: DependencySchema,
  status: 201,
  conflicts: true,
});

export const removeKeyResultDependency = operation({
  operationId: "removeKeyResultDependency",
  method: "DELETE",
  path: "/key-results/{id}/dependencies/{dependsOnId}",
  tag: "Dependencies",
  summary: "Remove a dependency",
  permission: "keyresult.update",
  params: DependencyParamsSchema,
});

export const listObjectiveSupports = operation({
  operationId: "listObjectiveSupports",
  method: "GET",
  path: "/objectives/{id}/supports",
  tag: "Dependencies",
  summary: "What an objective also supports, and what supports it",
  permission: "objective.read",
  params: IdParamsSchema,
  response: ObjectiveSupportsSchema,
});

export const addObjectiveSupport = operation({
  operationId: "addObjectiveSupport",
  method: "POST",
  path: "/objectives/{id}/supports",
  tag: "Dependencies",
  summary: "Say an objective also supports another objective or key result",
  description: "Besides the one it is aligned beneath: drawn dashed, never counted in progress. Same cycle only; not itself, its own key results or its parent.",
  permission: "objective.update",
  params: IdParamsSchema,
  body: AddSupportSchema,
  response: ObjectiveSupportSchema,
  status: 201,
  conflicts: true,
});

export const removeObjectiveSupport = operation({
  operationId: "removeObjectiveSupport",
  method: "DELETE",
  path: "/objectives/{id}/supports/{supportId}",
  tag: "Dependencies",
  summary: "Stop listing something an objective supports",
  permission: "objective.update",
  params: SupportParamsSchema,
});

export const listCheckIns = operation({
  operationId: "listCheckIns",
  method: "GET",
  path: "/check-ins",
  tag: "Check-ins",
  summary: "List check-ins",
  description: "Filter by `keyResultId`, `teamId` or `week` (a Monday, YYYY-MM-DD); at least one of them.",
  permission: "objective.read",
  query: CheckInListQuerySchema,
  response: pageOf(CheckInSchema, "CheckIn"),
});

export const createCheckIn = operation({
  operationId: "createCheckIn",
  method: "POST",
  path: "/check-ins",
  tag: "Check-ins",
  summary: "Check in on a key result",
  description:
    "Records this week's value, confidence and note. A second check-in the same week updates it, keeping the earlier version. With an `Idempotency-Key` header a retried request returns the first answer and writes nothing (`Idempotent-Replayed: true`).",
  permission: "checkin.create",
  body: CreateCheckInSchema,
  response: RecordedCheckInSchema,
  status: 201,
  alsoAnswers: { 200: "This week's check-in already existed and was updated" },
  headers: [{ name: "Idempotency-Key", description: "Any printable ASCII up to 200 characters (a UUID is typical); a retry with the same key writes nothing", schema: IdempotencyKeySchema }],
  conflicts: true,
});

export const getCheckIn = operation({
  operationId: "getCheckIn",
  method: "GET",
  path: "/check-ins/{id}",
  tag: "Check-ins",
  summary: "Get a check-in with every version saved that week",
  permission: "objective.read",
  params: IdParamsSchema,
  response: CheckInWithVersionsSchema,
});

export const listTeams = operation({
  operationId: "listTeams",
  method: "GET",
  path: "/teams",
  tag: "Teams",
  summary: "List teams",
  permission: "team.read",
  query: ListTeamsQuerySchema,
  response: pageOf(TeamSchema, "Team"),
});

export const createTeam = operation({
  operationId: "createTeam",
  method: "POST",
  path: "/teams",
  tag: "Teams",
  summary: "Create a team",
  permission: "team.manage",
  body: CreateTeamSchema,
  response: TeamSchema,
  status: 201,
  conflicts: true,
});

export const getTeam = operation({
  operationId: "getTeam",
  method: "GET",
  path: "/teams/{id}",
  tag: "Teams",
  summary: "Get a team",
  permission: "team.read",
  params: IdParamsSchema,
  response: TeamSchema,
});

export const updateTeam = operation({
  operationId: "updateTeam",
  method: "PATCH",
  path: "/teams/{id}",
  tag: "Teams",
  summary: "Rename, move or archive a team",
  permission: "team.manage",
  params: IdParamsSchema,
  body: UpdateTeamSchema,
  response: TeamSchema,
  conflicts: true,
});

export const listTeamMembers = operation({
  operationId: "listTeamMembers",
  method: "GET",
  path: "/teams/{id}/members",
  tag: "Teams",
  summary: "List a team's members",
  permission: "team.read",
  params: IdParamsSchema,
  query: PaginationSchema,
  response: pageOf(TeamMemberSchema, "TeamMember"),
});

export const addTeamMember = operation({
  operationId: "addTeamMember",
  method: "POST",
  path: "/teams/{id}/members",
  tag: "Teams",
  summary: "Add a member of the organisation to a team",
  permission: "team.members.manage",
  params: IdParamsSchema,
  body: AddTeamMemberSchema,
  response: TeamMemberSchema,
  status: 201,
  conflicts: true,
});

export const setTeamMemberRole = operation({
  operationId: "setTeamMemberRole",
  method: "PATCH",
  path: "/teams/{id}/members/{userId}",
  tag: "Teams",
  summary: "Make a team member a lead, or not",
  permission: "team.members.manage",
  params: TeamMemberParamsSchema,
  body: SetTeamMemberRoleSchema,
  response: TeamMemberSchema,
  conflicts: true,
});

export const removeTeamMember = operation({
  operationId: "removeTeamMember",
  method: "DELETE",
  path: "/teams/{id}/members/{userId}",
  tag: "Teams",
  summary: "Remove someone from a team",
  permission: "team.members.manage",
  params: TeamMemberParamsSchema,
  conflicts: true,
});

export const listMembers = operation({
  operationId: "listMembers",
  method: "GET",
  path: "/members",
  tag: "Members",
  summary: "List the organisation's members",
  permission: "member.read",
  query: ListMembersQuerySchema,
  response: pageOf(MemberSchema, "Member"),
});

export const getMember = operation({
  operationId: "getMember",
  method: "GET",
  path: "/members/{userId}",
  tag: "Members",
  summary: "Get a member and their teams",
  permission: "member.read",
  params: MemberParamsSchema,
  response: MemberWithTeamsSchema,
});

export const search = operation({
  operationId: "search",
  method: "GET",
  path: "/search",
  tag: "Search",
  summary: "Search objectives, key results, teams and people",
  description: "The command menu's search: objectives and key results of a cycle (the current one by default), teams and people.",
  permission: "objective.read",
  query: SearchQuerySchema,
  response: SearchResultsSchema,
});

// Defined beside the features they describe, listed here with the rest.
export { cyclePlanning, exportOrganization, importOkrs, importOrganization };

/** Every operation of API v1, in the order the reference lists them. */
export const OPERATIONS = [
  me,
  listCycles,
  createCycle,
  getCycle,
  updateCycle,
  activateCycle,
  closeCycle,
  scoreKeyResults,
  carryForward,
  cycleSummary,
  cycleTree,
  cyclePlanning,
  listObjectives,
  createObjective,
  getObjective,
  updateObjective,
  abandonObjective,
  alignObjective,
  moveObjective,
  saveRetrospective,
  alignmentCandidates,
  listKeyResults,
  createKeyResult,
  getKeyResult,
  updateKeyResult,
  moveKeyResult,
  listInitiatives,
  createInitiative,
  getInitiative,
  updateInitiative,
  deleteInitiative,
  listKeyResultDependencies,
  addKeyResultDependency,
  removeKeyResultDependency,
  listObjectiveSupports,
  addObjectiveSupport,
  removeObjectiveSupport,
  listCheckIns,
  createCheckIn,
  getCheckIn,
  listTeams,
  createTeam,
  getTeam,
  updateTeam,
  listTeamMembers,
  addTeamMember,
  setTeamMemberRole,
  removeTeamMember,
  listMembers,
  getMember,
  search,
  importOkrs,
  exportOrganization,
  importOrganization,
] as const;
