import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { poolConfigFromUrl } from "@/lib/db/connection";
import { db } from "@/lib/db/prisma";
import { newSecret } from "@/lib/tokens";
import type { ActionState } from "@/lib/http/action";
import { addTeamMember, createApiToken, createCheckIn, createCycle, createKeyResult, createMember, createObjective, createOrganization, createTeam } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

import * as alignmentCandidates from "@/app/api/v1/alignment-candidates/route";
import * as checkIns from "@/app/api/v1/check-ins/route";
import * as checkIn from "@/app/api/v1/check-ins/[id]/route";
import * as cycles from "@/app/api/v1/cycles/route";
import * as cycle from "@/app/api/v1/cycles/[id]/route";
import * as cycleActivate from "@/app/api/v1/cycles/[id]/activate/route";
import * as cycleCarry from "@/app/api/v1/cycles/[id]/carry-forward/route";
import * as cycleClose from "@/app/api/v1/cycles/[id]/close/route";
import * as cycleScores from "@/app/api/v1/cycles/[id]/scores/route";
import * as cycleSummary from "@/app/api/v1/cycles/[id]/summary/route";
import * as cycleTree from "@/app/api/v1/cycles/[id]/tree/route";
import * as keyResults from "@/app/api/v1/key-results/route";
import * as keyResult from "@/app/api/v1/key-results/[id]/route";
import * as keyResultMove from "@/app/api/v1/key-results/[id]/move/route";
import * as keyResultInitiatives from "@/app/api/v1/key-results/[id]/initiatives/route";
import * as initiatives from "@/app/api/v1/initiatives/route";
import * as initiative from "@/app/api/v1/initiatives/[id]/route";
import * as keyResultDependencies from "@/app/api/v1/key-results/[id]/dependencies/route";
import * as keyResultDependency from "@/app/api/v1/key-results/[id]/dependencies/[dependsOnId]/route";
import * as objectiveSupports from "@/app/api/v1/objectives/[id]/supports/route";
import * as objectiveSupport from "@/app/api/v1/objectives/[id]/supports/[supportId]/route";
import * as members from "@/app/api/v1/members/route";
import * as member from "@/app/api/v1/members/[userId]/route";
import * as objectives from "@/app/api/v1/objectives/route";
import * as objective from "@/app/api/v1/objectives/[id]/route";
import * as objectiveAbandon from "@/app/api/v1/objectives/[id]/abandon/route";
import * as objectiveAlign from "@/app/api/v1/objectives/[id]/alignment/route";
import * as objectiveMove from "@/app/api/v1/objectives/[id]/move/route";
import * as objectiveRetro from "@/app/api/v1/objectives/[id]/retrospective/route";
import * as teams from "@/app/api/v1/teams/route";
import * as team from "@/app/api/v1/teams/[id]/route";
import * as teamMembers from "@/app/api/v1/teams/[id]/members/route";
import * as teamMember from "@/app/api/v1/teams/[id]/members/[userId]/route";
import * as reviewExport from "@/app/(app)/review/export/route";
import * as me from "@/app/api/v1/me/route";
import * as search from "@/app/api/v1/search/route";
import * as imports from "@/app/api/v1/imports/route";
import * as cyclePlanning from "@/app/api/v1/cycles/[id]/planning/route";
import * as organizationExport from "@/app/api/v1/organization/export/route";
import * as organizationImport from "@/app/api/v1/organization/import/route";
import * as exportDownload from "@/app/(app)/settings/organization/export/download/route";
import * as importTemplate from "@/app/(app)/settings/organization/import/template/route";

import * as cycleActions from "@/app/(app)/cycles/actions";
import * as closeActions from "@/app/(app)/cycles/[id]/close/actions";
import * as summaryActions from "@/app/(app)/cycles/[id]/summary/actions";
import * as objectiveActions from "@/app/(app)/objectives/actions";
import * as teamActions from "@/app/(app)/teams/actions";
import * as nudgeActions from "@/app/(app)/teams/[id]/check-ins/actions";
import * as memberActions from "@/app/(app)/members/actions";
import * as tokenActions from "@/app/(app)/settings/tokens/actions";
import * as orgTokenActions from "@/app/(app)/settings/organization/tokens/actions";
import * as orgActions from "@/app/(app)/settings/organization/actions";
import * as myWeekActions from "@/app/(app)/my-week/actions";
import * as appActions from "@/app/(app)/actions";
import * as webhookActions from "@/app/(app)/settings/organization/webhooks/actions";
import * as dataSourceActions from "@/app/(app)/settings/organization/data-sources/actions";
import * as feedActions from "@/app/(app)/key-results/[id]/feed/actions";
import * as slackActions from "@/app/(app)/settings/organization/slack/actions";
import * as importActions from "@/app/(app)/settings/organization/import/actions";
import * as exportActions from "@/app/(app)/settings/organization/export/actions";

/**
 * The tenant-isolation suite: every API route and every organisation-scoped server action, called by a member of
 * another organisation with the ids of this one, answers 404 (or 403) and changes nothing in either organisation;
 * called anonymously it answers 401. Reads are also tried as this organisation's member and viewer (allowed), and
 * writes as its viewer (refused). The last tests fail when a route or action is added without a row here.
 */

type Handler = Parameters<typeof callApi>[0];
interface RouteCase {
  name: string;
  file: string;
  handler: Handler;
  method: string;
  params?: Record<string, string>;
  path?: string;
  body?: unknown;
  /** Collection reads answer 200 to another organisation, with none of this organisation's data. */
  isCollection?: boolean;
  isRead?: boolean;
  /** Creates in the caller's own organisation and names nothing of another: it must succeed there and leave A alone. */
  isOwnOrganization?: boolean;
}

type AnyAction = (state: ActionState<unknown>, input: FormData | object) => Promise<ActionState<unknown>>;
interface ActionCase {
  name: string;
  action: AnyAction;
  /** Form fields, as the page's form sends them; or `object` for actions their page calls with an object. */
  fields: Record<string, string | string[]> | { object: object };
}

const PLANTED_CSV = "Objective,Key result,Target\nPlanted objective,Planted key result,10\n";

let A: World;
let B: { orgId: string; admin: { id: string }; token: string };
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let pool: pg.Pool;

const TENANT_TABLES = [
  "memberships", "teams", "team_memberships", "cycles", "objectives", "key_results", "check_ins", "check_in_versions", "comments",
  "audit_events", "api_tokens", "invitations", "idempotency_keys", "email_messages", "reminder_deliveries", "nudges",
  "webhook_endpoints", "webhook_events", "webhook_deliveries", "data_sources", "key_result_feeds", "slack_installations", "slack_user_links",
  "slack_digest_posts", "initiatives", "key_result_dependencies", "objective_supports",
];

/** A checksum of everything an organisation owns (and its members' user rows): equal before and after means nothing was written. */
async function fingerprint(orgId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TENANT_TABLES) {
    const { rows } = await pool.query(
      // last_used_at moves on every authenticated API call by design; it is not a change to the organisation's data.
      `SELECT count(*)::int AS n, md5(string_agg((to_jsonb(t) - 'last_used_at')::text, '' ORDER BY t.id)) AS sum FROM ${table} t WHERE organization_id = $1`,
      [orgId],
    );
    out[table] = `${rows[0].n}:${rows[0].sum}`;
  }
  const { rows } = await pool.query(
    "SELECT md5(string_agg(to_jsonb(u)::text, '' ORDER BY u.id)) AS sum FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.organization_id = $1",
    [orgId],
  );
  out.users = rows[0].sum;
  const org = await pool.query("SELECT to_jsonb(o)::text AS row FROM organizations o WHERE id = $1", [orgId]);
  out.organization = org.rows[0].row;
  return out;
}

function routeCases(): RouteCase[] {
  const v1 = (p: string) => `app/api/v1/${p}/route.ts`;
  return [
    { name: "GET /cycles", file: v1("cycles"), handler: cycles.GET as Handler, method: "GET", isCollection: true, isRead: true },
    { name: "POST /cycles", file: v1("cycles"), handler: cycles.POST as Handler, method: "POST", body: { quarter: "2029-Q1" }, isOwnOrganization: true },
    { name: "GET /cycles/:id", file: v1("cycles/[id]"), handler: cycle.GET as Handler, method: "GET", params: { id: ids.cycle! }, isRead: true },
    { name: "PATCH /cycles/:id", file: v1("cycles/[id]"), handler: cycle.PATCH as Handler, method: "PATCH", params: { id: ids.cycle! }, body: { name: "Renamed" } },
    { name: "POST /cycles/:id/activate", file: v1("cycles/[id]/activate"), handler: cycleActivate.POST as Handler, method: "POST", params: { id: ids.planningCycle! } },
    { name: "POST /cycles/:id/close", file: v1("cycles/[id]/close"), handler: cycleClose.POST as Handler, method: "POST", params: { id: ids.cycle! }, body: { force: true } },
    { name: "POST /cycles/:id/scores", file: v1("cycles/[id]/scores"), handler: cycleScores.POST as Handler, method: "POST", params: { id: ids.cycle! }, body: { scores: [{ keyResultId: ids.keyResult!, score: "0.5" }] } },
    { name: "GET /cycles/:id/summary", file: v1("cycles/[id]/summary"), handler: cycleSummary.GET as Handler, method: "GET", params: { id: ids.cycle! }, isRead: true },
    { name: "POST /cycles/:id/carry-forward", file: v1("cycles/[id]/carry-forward"), handler: cycleCarry.POST as Handler, method: "POST", params: { id: ids.cycle! }, body: { toCycleId: ids.planningCycle!, objectiveIds: [ids.objective!] } },
    { name: "GET /cycles/:id/tree", file: v1("cycles/[id]/tree"), handler: cycleTree.GET as Handler, method: "GET", params: { id: ids.cycle! }, isRead: true },
    { name: "GET /cycles/:id/planning", file: v1("cycles/[id]/planning"), handler: cyclePlanning.GET as Handler, method: "GET", params: { id: ids.cycle! }, isRead: true },
    // An organisation's export holds only its own rows: another organisation's owner gets theirs, nothing of A's.
    { name: "GET /organization/export", file: v1("organization/export"), handler: organizationExport.GET as Handler, method: "GET", isCollection: true },
    { name: "GET export download", file: "app/(app)/settings/organization/export/download/route.ts", handler: exportDownload.GET as Handler, method: "GET", path: "/settings/organization/export/download", isCollection: true },
    { name: "POST /organization/import", file: v1("organization/import"), handler: organizationImport.POST as Handler, method: "POST", body: { format: "keel-organization" } },
    { name: "GET /objectives", file: v1("objectives"), handler: objectives.GET as Handler, method: "GET", path: `/api/v1/objectives?cycleId=${ids.cycle}`, isCollection: true, isRead: true },
    { name: "POST /objectives", file: v1("objectives"), handler: objectives.POST as Handler, method: "POST", body: { cycleId: ids.cycle, level: "personal", title: "Planted objective", parentObjectiveId: ids.objective } },
    { name: "GET /objectives/:id", file: v1("objectives/[id]"), handler: objective.GET as Handler, method: "GET", params: { id: ids.objective! }, isRead: true },
    { name: "PATCH /objectives/:id", file: v1("objectives/[id]"), handler: objective.PATCH as Handler, method: "PATCH", params: { id: ids.objective! }, body: { version: 1, whyItMatters: "Hijacked" } },
    { name: "PUT /objectives/:id/alignment", file: v1("objectives/[id]/alignment"), handler: objectiveAlign.PUT as Handler, method: "PUT", params: { id: ids.childObjective! }, body: { version: 1, parentObjectiveId: null } },
    { name: "POST /objectives/:id/abandon", file: v1("objectives/[id]/abandon"), handler: objectiveAbandon.POST as Handler, method: "POST", params: { id: ids.objective! }, body: { version: 1, reason: "Sabotage attempt" } },
    { name: "POST /objectives/:id/move", file: v1("objectives/[id]/move"), handler: objectiveMove.POST as Handler, method: "POST", params: { id: ids.childObjective! }, body: { direction: "up" } },
    { name: "PUT /objectives/:id/retrospective", file: v1("objectives/[id]/retrospective"), handler: objectiveRetro.PUT as Handler, method: "PUT", params: { id: ids.objective! }, body: { wentWell: "x", learned: "y" } },
    { name: "GET /alignment-candidates", file: v1("alignment-candidates"), handler: alignmentCandidates.GET as Handler, method: "GET", path: `/api/v1/alignment-candidates?cycleId=${ids.cycle}`, isCollection: true, isRead: true },
    { name: "GET /key-results", file: v1("key-results"), handler: keyResults.GET as Handler, method: "GET", path: `/api/v1/key-results?objectiveId=${ids.objective}`, isCollection: true, isRead: true },
    { name: "POST /key-results", file: v1("key-results"), handler: keyResults.POST as Handler, method: "POST", body: { objectiveId: ids.objective, title: "Planted measure", targetValue: "10" } },
    { name: "GET /key-results/:id", file: v1("key-results/[id]"), handler: keyResult.GET as Handler, method: "GET", params: { id: ids.keyResult! }, isRead: true },
    { name: "PATCH /key-results/:id", file: v1("key-results/[id]"), handler: keyResult.PATCH as Handler, method: "PATCH", params: { id: ids.keyResult! }, body: { version: 1, targetValue: "999", reason: "Hijack" } },
    { name: "POST /key-results/:id/move", file: v1("key-results/[id]/move"), handler: keyResultMove.POST as Handler, method: "POST", params: { id: ids.keyResult! }, body: { direction: "down" } },
    { name: "GET /key-results/:id/initiatives", file: v1("key-results/[id]/initiatives"), handler: keyResultInitiatives.GET as Handler, method: "GET", params: { id: ids.keyResult! }, isRead: true },
    { name: "POST /initiatives", file: v1("initiatives"), handler: initiatives.POST as Handler, method: "POST", body: { keyResultId: ids.keyResult, title: "Planted initiative" } },
    { name: "GET /initiatives/:id", file: v1("initiatives/[id]"), handler: initiative.GET as Handler, method: "GET", params: { id: ids.initiative! }, isRead: true },
    { name: "PATCH /initiatives/:id", file: v1("initiatives/[id]"), handler: initiative.PATCH as Handler, method: "PATCH", params: { id: ids.initiative! }, body: { version: 1, status: "dropped" } },
    { name: "DELETE /initiatives/:id", file: v1("initiatives/[id]"), handler: initiative.DELETE as Handler, method: "DELETE", params: { id: ids.initiative! }, path: "/x?version=1" },
    { name: "GET /key-results/:id/dependencies", file: v1("key-results/[id]/dependencies"), handler: keyResultDependencies.GET as Handler, method: "GET", params: { id: ids.keyResult! }, isRead: true },
    { name: "POST /key-results/:id/dependencies", file: v1("key-results/[id]/dependencies"), handler: keyResultDependencies.POST as Handler, method: "POST", params: { id: ids.keyResult! }, body: { dependsOnId: ids.childKeyResult } },
    { name: "DELETE /key-results/:id/dependencies/:dependsOnId", file: v1("key-results/[id]/dependencies/[dependsOnId]"), handler: keyResultDependency.DELETE as Handler, method: "DELETE", params: { id: ids.childKeyResult!, dependsOnId: ids.keyResult! } },
    { name: "GET /objectives/:id/supports", file: v1("objectives/[id]/supports"), handler: objectiveSupports.GET as Handler, method: "GET", params: { id: ids.objective! }, isRead: true },
    { name: "POST /objectives/:id/supports", file: v1("objectives/[id]/supports"), handler: objectiveSupports.POST as Handler, method: "POST", params: { id: ids.childObjective! }, body: { supportsKeyResultId: ids.keyResult } },
    { name: "DELETE /objectives/:id/supports/:supportId", file: v1("objectives/[id]/supports/[supportId]"), handler: objectiveSupport.DELETE as Handler, method: "DELETE", params: { id: ids.childObjective!, supportId: ids.support! } },
    { name: "GET /check-ins", file: v1("check-ins"), handler: checkIns.GET as Handler, method: "GET", path: `/api/v1/check-ins?keyResultId=${ids.keyResult}`, isCollection: true, isRead: true },
    { name: "POST /check-ins", file: v1("check-ins"), handler: checkIns.POST as Handler, method: "POST", body: { keyResultId: ids.keyResult, value: "99", confidence: "on_track", note: "planted" } },
    { name: "GET /check-ins/:id", file: v1("check-ins/[id]"), handler: checkIn.GET as Handler, method: "GET", params: { id: ids.checkIn! }, isRead: true },
    { name: "GET /teams", file: v1("teams"), handler: teams.GET as Handler, method: "GET", isCollection: true, isRead: true },
    { name: "POST /teams", file: v1("teams"), handler: teams.POST as Handler, method: "POST", body: { name: "Planted team", parentId: A.team.id } },
    { name: "GET /teams/:id", file: v1("teams/[id]"), handler: team.GET as Handler, method: "GET", params: { id: A.team.id }, isRead: true },
    { name: "PATCH /teams/:id", file: v1("teams/[id]"), handler: team.PATCH as Handler, method: "PATCH", params: { id: A.team.id }, body: { name: "Hijacked" } },
    { name: "GET /teams/:id/members", file: v1("teams/[id]/members"), handler: teamMembers.GET as Handler, method: "GET", params: { id: A.team.id }, isRead: true },
    { name: "POST /teams/:id/members", file: v1("teams/[id]/members"), handler: teamMembers.POST as Handler, method: "POST", params: { id: A.team.id }, body: { userId: A.viewer.id, role: "member" } },
    { name: "PATCH /teams/:id/members/:userId", file: v1("teams/[id]/members/[userId]"), handler: teamMember.PATCH as Handler, method: "PATCH", params: { id: A.team.id, userId: A.member.id }, body: { role: "lead" } },
    { name: "DELETE /teams/:id/members/:userId", file: v1("teams/[id]/members/[userId]"), handler: teamMember.DELETE as Handler, method: "DELETE", params: { id: A.team.id, userId: A.member.id } },
    { name: "GET /members", file: v1("members"), handler: members.GET as Handler, method: "GET", isCollection: true, isRead: true },
    { name: "GET /members/:userId", file: v1("members/[userId]"), handler: member.GET as Handler, method: "GET", params: { userId: A.member.id }, isRead: true },
    // Another organisation's member is told who they are, in their own organisation: nothing of A's.
    { name: "GET /me", file: v1("me"), handler: me.GET as Handler, method: "GET", isCollection: true, isRead: true },
    { name: "GET /search", file: v1("search"), handler: search.GET as Handler, method: "GET", path: `/api/v1/search?q=A&cycleId=${ids.cycle}&limit=20`, isCollection: true, isRead: true },
    { name: "GET /search (default cycle)", file: v1("search"), handler: search.GET as Handler, method: "GET", path: "/api/v1/search?q=A&limit=20", isCollection: true, isRead: true },
    { name: "POST /imports", file: v1("imports"), handler: imports.POST as Handler, method: "POST", body: { cycleId: ids.cycle, format: "csv", content: PLANTED_CSV } },
    // The blank template holds nothing of any organisation: another organisation's admin may download it too.
    { name: "GET import template", file: "app/(app)/settings/organization/import/template/route.ts", handler: importTemplate.GET as Handler, method: "GET", path: "/settings/organization/import/template?format=csv", isCollection: true },
    { name: "GET /review/export", file: "app/(app)/review/export/route.ts", handler: reviewExport.GET as Handler, method: "GET", path: `/review/export?cycle=${ids.cycle}`, isRead: true },
  ];
}

function actionCases(): ActionCase[] {
  const a = <T,>(fn: T) => fn as unknown as AnyAction;
  return [
    { name: "cycles.updateCycleAction", action: a(cycleActions.updateCycleAction), fields: { cycleId: ids.cycle!, name: "Hijacked" } },
    { name: "cycles.activateCycleAction", action: a(cycleActions.activateCycleAction), fields: { cycleId: ids.planningCycle! } },
    { name: "cycles.setDefaultCycleAction", action: a(cycleActions.setDefaultCycleAction), fields: { cycleId: ids.planningCycle! } },
    { name: "close.saveObjectiveClosingAction", action: a(closeActions.saveObjectiveClosingAction), fields: { objectiveId: ids.objective!, [`scores.${ids.keyResult}`]: "0.5" } },
    { name: "close.closeCycleWithSummaryAction", action: a(closeActions.closeCycleWithSummaryAction), fields: { cycleId: ids.cycle!, force: "true" } },
    { name: "summary.carryForwardAction", action: a(summaryActions.carryForwardAction), fields: { fromCycleId: ids.cycle!, toCycleId: ids.planningCycle!, "objectiveIds[]": [ids.objective!] } },
    { name: "objectives.createObjectiveAction", action: a(objectiveActions.createObjectiveAction), fields: { cycleId: ids.cycle!, level: "personal", title: "Planted", parent: `objective:${ids.objective}` } },
    { name: "objectives.updateObjectiveAction", action: a(objectiveActions.updateObjectiveAction), fields: { objectiveId: ids.objective!, version: "1", whyItMatters: "Hijacked" } },
    { name: "objectives.alignObjectiveAction", action: a(objectiveActions.alignObjectiveAction), fields: { objectiveId: ids.childObjective!, version: "1", parent: "" } },
    { name: "objectives.abandonObjectiveAction", action: a(objectiveActions.abandonObjectiveAction), fields: { objectiveId: ids.objective!, version: "1", reason: "Sabotage attempt" } },
    { name: "objectives.moveObjectiveAction", action: a(objectiveActions.moveObjectiveAction), fields: { objectiveId: ids.childObjective!, direction: "up" } },
    { name: "objectives.createKeyResultAction", action: a(objectiveActions.createKeyResultAction), fields: { objectiveId: ids.objective!, title: "Planted", targetValue: "10" } },
    { name: "objectives.updateKeyResultAction", action: a(objectiveActions.updateKeyResultAction), fields: { keyResultId: ids.keyResult!, version: "1", title: "Hijacked" } },
    { name: "objectives.moveKeyResultAction", action: a(objectiveActions.moveKeyResultAction), fields: { keyResultId: ids.keyResult!, direction: "down" } },
    { name: "objectives.createInitiativeAction", action: a(objectiveActions.createInitiativeAction), fields: { keyResultId: ids.keyResult!, title: "Planted initiative" } },
    { name: "objectives.updateInitiativeAction", action: a(objectiveActions.updateInitiativeAction), fields: { initiativeId: ids.initiative!, version: "1", status: "dropped" } },
    { name: "objectives.deleteInitiativeAction", action: a(objectiveActions.deleteInitiativeAction), fields: { initiativeId: ids.initiative!, version: "1" } },
    { name: "objectives.addDependencyAction", action: a(objectiveActions.addDependencyAction), fields: { keyResultId: ids.keyResult!, dependsOn: `key_result:${ids.childKeyResult}` } },
    { name: "objectives.removeDependencyAction", action: a(objectiveActions.removeDependencyAction), fields: { keyResultId: ids.childKeyResult!, dependsOnId: ids.keyResult! } },
    { name: "objectives.addSupportAction", action: a(objectiveActions.addSupportAction), fields: { objectiveId: ids.childObjective!, target: `key_result:${ids.keyResult}` } },
    { name: "objectives.removeSupportAction", action: a(objectiveActions.removeSupportAction), fields: { objectiveId: ids.childObjective!, supportId: ids.support! } },
    { name: "objectives.addCommentAction", action: a(objectiveActions.addCommentAction), fields: { objectiveId: ids.objective!, body: "Planted comment" } },
    { name: "objectives.deleteCommentAction", action: a(objectiveActions.deleteCommentAction), fields: { commentId: ids.comment! } },
    { name: "teams.createTeamAction", action: a(teamActions.createTeamAction), fields: { name: "Planted team", parentId: A.team.id } },
    { name: "teams.renameTeamAction", action: a(teamActions.renameTeamAction), fields: { teamId: A.team.id, name: "Hijacked" } },
    { name: "teams.moveTeamAction", action: a(teamActions.moveTeamAction), fields: { teamId: A.team.id, parentId: "" } },
    { name: "teams.archiveTeamAction", action: a(teamActions.archiveTeamAction), fields: { teamId: A.team.id } },
    { name: "teams.unarchiveTeamAction", action: a(teamActions.unarchiveTeamAction), fields: { teamId: ids.archivedTeam! } },
    { name: "teams.addTeamMemberAction", action: a(teamActions.addTeamMemberAction), fields: { teamId: A.team.id, userId: A.viewer.id, role: "member" } },
    { name: "teams.setTeamMemberRoleAction", action: a(teamActions.setTeamMemberRoleAction), fields: { teamId: A.team.id, userId: A.member.id, role: "lead" } },
    { name: "teams.removeTeamMemberAction", action: a(teamActions.removeTeamMemberAction), fields: { teamId: A.team.id, userId: A.member.id } },
    { name: "check-ins.nudgeAction", action: a(nudgeActions.nudgeAction), fields: { teamId: A.team.id, userId: A.member.id } },
    { name: "my-week.saveMyWeekAction", action: a(myWeekActions.saveMyWeekAction), fields: { object: { entries: [{ keyResultId: ids.keyResult!, value: "42", confidence: "on_track", note: "" }] } } },
    { name: "members.changeRoleAction", action: a(memberActions.changeRoleAction), fields: { userId: A.member.id, role: "admin" } },
    { name: "members.removeMemberAction", action: a(memberActions.removeMemberAction), fields: { userId: A.member.id } },
    { name: "members.revokeInvitationAction", action: a(memberActions.revokeInvitationAction), fields: { invitationId: ids.invitation! } },
    { name: "tokens.revokeApiTokenAction", action: a(tokenActions.revokeApiTokenAction), fields: { tokenId: ids.apiToken! } },
    { name: "orgTokens.revokeOrganizationApiTokenAction", action: a(orgTokenActions.revokeOrganizationApiTokenAction), fields: { tokenId: ids.apiToken! } },
    { name: "webhooks.setWebhookEnabledAction", action: a(webhookActions.setWebhookEnabledAction), fields: { endpointId: ids.webhook!, enabled: "false" } },
    { name: "webhooks.deleteWebhookAction", action: a(webhookActions.deleteWebhookAction), fields: { endpointId: ids.webhook! } },
    { name: "webhooks.redeliverWebhookAction", action: a(webhookActions.redeliverWebhookAction), fields: { deliveryId: ids.webhookDelivery! } },
    { name: "dataSources.deleteDataSourceAction", action: a(dataSourceActions.deleteDataSourceAction), fields: { dataSourceId: ids.dataSource! } },
    { name: "feed.testFeedAction", action: a(feedActions.testFeedAction), fields: { keyResultId: ids.keyResult!, dataSourceId: ids.dataSource!, expression: "SELECT 1" } },
    { name: "feed.setFeedAction", action: a(feedActions.setFeedAction), fields: { keyResultId: ids.keyResult!, dataSourceId: ids.dataSource!, expression: "SELECT 2" } },
    { name: "feed.runFeedNowAction", action: a(feedActions.runFeedNowAction), fields: { keyResultId: ids.keyResult! } },
    { name: "feed.removeFeedAction", action: a(feedActions.removeFeedAction), fields: { keyResultId: ids.keyResult! } },
    { name: "import.previewImportAction", action: a(importActions.previewImportAction), fields: { object: { cycleId: ids.cycle!, content: Buffer.from(PLANTED_CSV).toString("base64") } } },
    { name: "import.importSpreadsheetAction", action: a(importActions.importSpreadsheetAction), fields: { object: { cycleId: ids.cycle!, content: Buffer.from(PLANTED_CSV).toString("base64") } } },
    { name: "slack.disconnectSlackAction", action: a(slackActions.disconnectSlackAction), fields: {} },
    { name: "slack.setTeamDigestChannelAction", action: a(slackActions.setTeamDigestChannelAction), fields: { teamId: A.team.id, channelId: "C0HIJACKED" } },
  ];
}

/**
 * Actions that touch only the caller's own organisation or account: nothing of another organisation can be named
 * in them, so the matrix checks that they leave organisation A alone instead.
 */
/**
 * Actions that act before or across organisations, so they take no organisation's ids from the caller's session;
 * each has its own tests of who may do what.
 */
const OUTSIDE_AN_ORGANISATION = new Map([
  ["signUpAction", "tests/auth/sign-up.test.ts"],
  ["signUpForInvitationAction", "tests/auth/sign-up.test.ts"],
  ["acceptInvitationAction", "tests/invitations/invitations.test.ts"],
  ["createOrganizationAction", "tests/organizations/organization-actions.test.ts"],
  ["switchOrganizationAction", "tests/organizations/organization-actions.test.ts"],
  ["requestPasswordResetAction", "tests/auth/recovery.test.ts"],
  ["resetPasswordAction", "tests/auth/recovery.test.ts"],
  ["verifyEmailAction", "tests/auth/recovery.test.ts"],
  ["changePasswordAction", "tests/auth/sessions.test.ts"],
  ["signOutEverywhereAction", "tests/auth/sessions.test.ts"],
  ["resendVerificationAction", "tests/auth/recovery.test.ts"],
]);

const SELF_SCOPED_ACTIONS = new Set([
  "cycles.createCycleAction",
  "members.createInvitationAction",
  "tokens.createApiTokenAction",
  // An organisation token of the caller's own organisation; tests/api-tokens/organization-tokens.test.ts covers who may.
  "orgTokens.createOrganizationApiTokenAction",
  // Registers in the caller's own organisation; tests/webhooks covers who may and what it refuses.
  "webhooks.createWebhookAction",
  // Registers in the caller's own organisation; tests/data-sources covers who may and what it refuses.
  "dataSources.createDataSourceAction",
  "organization.updateOrganizationSettingsAction",
  // The organisation's own quality rules; tests/quality/settings.test.ts covers who may.
  "organization.updateQualityRulesAction",
  // Imports into the caller's own, empty organisation, naming nothing of another; tests/export covers who may and what it refuses.
  "export.importOrganizationAction",
  "profile.updateProfileAction",
  "app.dismissGuideAction",
]);

function formOf(fields: ActionCase["fields"]): FormData | object {
  if ("object" in fields && typeof fields.object === "object" && !Array.isArray(fields.object)) return fields.object;
  const form = new FormData();
  for (const [key, value] of Object.entries(fields as Record<string, string | string[]>)) {
    if (Array.isArray(value)) value.forEach((v) => form.append(key, v));
    else form.set(key, value);
  }
  return form;
}

/** Arranged before the cases are listed, because each case names the rows it aims at. */
async function arrange() {
  pool = new pg.Pool(poolConfigFromUrl(process.env.DATABASE_URL!, { max: 2 }));
  A = await createWorld();
  const planning = await createCycle(db, A.org.id, { state: "planning" });
  const parent = await createObjective(db, A.org.id, { cycleId: A.cycle.id, ownerId: A.admin.id, title: "A's company objective", position: 0 });
  const child = await createObjective(db, A.org.id, { cycleId: A.cycle.id, ownerId: A.member.id, teamId: A.team.id, title: "A's team objective", parentObjectiveId: parent.id, position: 1 });
  const kr = await createKeyResult(db, A.org.id, { objectiveId: parent.id, title: "A's key result", target: 100 });
  await createKeyResult(db, A.org.id, { objectiveId: parent.id, title: "A's second key result", target: 50, position: 1 });
  const week = new Date(Date.UTC(2026, 9, 5));
  const ci = await createCheckIn(db, A.org.id, { keyResultId: kr.id, authorId: A.admin.id, week, value: 10 });
  const initiativeOfA = await db.initiative.create({ data: { organizationId: A.org.id, keyResultId: kr.id, ownerId: A.member.id, title: "A's initiative" } });
  Object.assign(ids, { initiative: initiativeOfA.id });
  const childKr = await createKeyResult(db, A.org.id, { objectiveId: child.id, title: "A's team key result", target: 20 });
  await db.keyResultDependency.create({ data: { organizationId: A.org.id, keyResultId: childKr.id, dependsOnId: kr.id } });
  const support = await db.objectiveSupport.create({ data: { organizationId: A.org.id, objectiveId: child.id, supportsObjectiveId: parent.id } });
  Object.assign(ids, { childKeyResult: childKr.id, support: support.id });
  const comment = await db.comment.create({ data: { organizationId: A.org.id, objectiveId: parent.id, authorId: A.member.id, body: "A's comment" } });
  const archived = await createTeam(db, A.org.id, { name: "A's archived team" });
  await db.team.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
  await addTeamMember(db, A.org.id, archived.id, A.member.id);
  const invitation = await db.invitation.create({ data: { organizationId: A.org.id, role: "member", tokenHash: newSecret("keel_inv_").hash, invitedById: A.admin.id, expiresAt: new Date(Date.now() + 86_400_000) } });
  const aToken = await createApiToken(db, A.org.id, A.member.id, "A's token");
  const webhook = await db.webhookEndpoint.create({ data: { organizationId: A.org.id, url: "https://hooks.example.test/a", events: ["check_in.created"], secretCiphertext: "v1:a:b:c", secretPrefix: "whsec_aaaa" } });
  const webhookEvent = await db.webhookEvent.create({ data: { id: randomUUID(), organizationId: A.org.id, type: "check_in.created", payload: { secret: "A's event" } } });
  const webhookDelivery = await db.webhookDelivery.create({ data: { organizationId: A.org.id, endpointId: webhook.id, eventId: webhookEvent.id, state: "delivered", retryUntil: new Date() } });
  Object.assign(ids, { webhook: webhook.id, webhookDelivery: webhookDelivery.id });
  const identity = await db.user.create({ data: { email: `source-${randomUUID()}@integrations.keel.invalid`, name: "Data source: A's DB", isIntegration: true } });
  const dataSource = await db.dataSource.create({ data: { organizationId: A.org.id, name: "A's DB", kind: "postgres", secretsSealed: "v1:a:b:c", identityId: identity.id } });
  await db.keyResultFeed.create({ data: { organizationId: A.org.id, keyResultId: kr.id, dataSourceId: dataSource.id, expression: "SELECT 1", nextRunAt: new Date("2999-01-01T00:00:00Z") } });
  Object.assign(ids, { dataSource: dataSource.id });
  await db.slackInstallation.create({ data: { organizationId: A.org.id, slackTeamId: `T-${randomUUID()}`, slackTeamName: "A's workspace", botUserId: "UBOT", botTokenSealed: "v1:a:b:c" } });
  Object.assign(ids, { cycle: A.cycle.id, planningCycle: planning.id, objective: parent.id, childObjective: child.id, keyResult: kr.id, checkIn: ci.id, comment: comment.id, archivedTeam: archived.id, invitation: invitation.id, apiToken: aToken.token.id });
  for (const role of ["member", "viewer"] as const) tokens[role] = (await createApiToken(db, A.org.id, A[role].id)).secret;

  const orgB = await createOrganization(db);
  const adminB = await createMember(db, orgB.id, "owner");
  await createCycle(db, orgB.id);
  B = { orgId: orgB.id, admin: adminB, token: (await createApiToken(db, orgB.id, adminB.id)).secret };
  // Token use stamps last_used_at once a minute; make that happen before any fingerprint is taken.
  for (const token of [B.token, tokens.member!, tokens.viewer!]) await callApi(cycles.GET as Handler, { path: "/api/v1/cycles", token });
}
await arrange();

afterAll(async () => {
  await pool.end();
});

const secretsOfA = () => [ids.objective!, ids.childObjective!, ids.keyResult!, ids.checkIn!, A.team.id, A.member.id, "A's company objective", "A's key result", A.team.name];

describe("API routes across organisations", () => {
  it.each(routeCases().map((c) => [c.name, c] as const))("%s: another organisation's member is refused and nothing changes", async (_name, route) => {
    const beforeA = await fingerprint(A.org.id);
    const beforeB = await fingerprint(B.orgId);
    const res = await callApi(route.handler, { method: route.method, path: route.path ?? "/x", token: B.token, params: route.params, body: route.body });
    if (route.isOwnOrganization) {
      expect(res.status).toBe(201);
      expect(await fingerprint(A.org.id)).toEqual(beforeA);
      return;
    }
    if (route.isCollection) {
      // A filter naming another organisation's row finds nothing: an empty page, or 404 for the row itself.
      expect([200, 404]).toContain(res.status);
      const text = JSON.stringify(res.json);
      for (const secret of secretsOfA()) expect(text).not.toContain(secret);
    } else if (route.method === "POST" && !route.params && route.body && !route.isRead) {
      // Creating in B's own organisation with A's ids inside the body: those ids are not found there.
      expect([403, 404, 422]).toContain(res.status);
      expect(JSON.stringify(res.json)).not.toContain("A's");
    } else {
      expect([403, 404]).toContain(res.status);
      for (const secret of secretsOfA().slice(6)) expect(JSON.stringify(res.json)).not.toContain(secret);
    }
    expect(await fingerprint(A.org.id)).toEqual(beforeA);
    expect(await fingerprint(B.orgId)).toEqual(beforeB);
  });

  it.each(routeCases().map((c) => [c.name, c] as const))("%s: anonymous callers get 401", async (_name, route) => {
    const before = await fingerprint(A.org.id);
    const res = await callApi(route.handler, { method: route.method, path: route.path ?? "/x", params: route.params, body: route.body });
    expect(res.status).toBe(401);
    expect(res.contentType).toContain("application/problem+json");
    expect(await fingerprint(A.org.id)).toEqual(before);
  });

  it.each(routeCases().filter((c) => c.isRead).map((c) => [c.name, c] as const))("%s: this organisation's member and viewer may read", async (_name, route) => {
    for (const role of ["member", "viewer"] as const) {
      const res = await callApi(route.handler, { method: route.method, path: route.path ?? "/x", token: tokens[role], params: route.params });
      expect(res.status, role).toBe(200);
    }
  });

  it.each(routeCases().filter((c) => !c.isRead).map((c) => [c.name, c] as const))("%s: this organisation's viewer may not write", async (_name, route) => {
    const before = await fingerprint(A.org.id);
    const res = await callApi(route.handler, { method: route.method, path: route.path ?? "/x", token: tokens.viewer, params: route.params, body: route.body });
    expect(res.status).toBe(403);
    expect(await fingerprint(A.org.id)).toEqual(before);
  });
});

describe("server actions across organisations", () => {
  it.each(actionCases().map((c) => [c.name, c] as const))("%s: another organisation's admin is refused and nothing changes", async (_name, { action, fields }) => {
    const beforeA = await fingerprint(A.org.id);
    const beforeB = await fingerprint(B.orgId);
    signInAs(B.admin.id);
    const state = await action({ status: "idle" }, formOf(fields));
    expect(state.status).toBe("error");
    if (state.status === "error") expect(["not_found", "forbidden"]).toContain(state.code);
    expect(await fingerprint(A.org.id)).toEqual(beforeA);
    expect(await fingerprint(B.orgId)).toEqual(beforeB);
  });

  it.each(actionCases().map((c) => [c.name, c] as const))("%s: signed-out callers are refused", async (_name, { action, fields }) => {
    const before = await fingerprint(A.org.id);
    signInAs(null);
    expect(await action({ status: "idle" }, formOf(fields))).toMatchObject({ status: "error", code: "unauthenticated" });
    expect(await fingerprint(A.org.id)).toEqual(before);
  });

  it.each(actionCases().map((c) => [c.name, c] as const))("%s: this organisation's viewer is refused", async (_name, { action, fields }) => {
    const before = await fingerprint(A.org.id);
    signInAs(A.viewer.id);
    const state = await action({ status: "idle" }, formOf(fields));
    expect(state.status).toBe("error");
    // Refused for the role, or, for things only their owner may see (someone else's token), not found.
    if (state.status === "error") expect(["forbidden", "not_found"]).toContain(state.code);
    expect(await fingerprint(A.org.id)).toEqual(before);
  });
});

describe("the matrix is complete", () => {
  function files(dir: string, name: string): string[] {
    const out: string[] = [];
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) out.push(...files(full, name));
      else if (entry === name) out.push(full);
    }
    return out;
  }

  // The catch-all answers 404 to every caller for addresses no route serves: it reads and writes nothing, so there
  // is nothing to keep apart (e2e/fuzz-api.spec.ts checks its answers).
  const READS_NOTHING = new Set([path.join("app/api/v1", "[[...path]]", "route.ts")]);

  it("covers every exported handler of every API route", () => {
    const covered = new Set(routeCases().map((c) => `${c.file} ${c.method}`));
    const missing: string[] = [];
    for (const file of [...files("app/api/v1", "route.ts"), ...files("app/(app)", "route.ts")].filter((f) => !READS_NOTHING.has(f))) {
      for (const [, method] of readFileSync(file, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) {
        if (!covered.has(`${file} ${method}`)) missing.push(`${method} ${file}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("covers every server action of the app, or names the tests of those that act outside an organisation", () => {
    const covered = new Set([...actionCases().map((c) => c.name.split(".")[1]), ...[...SELF_SCOPED_ACTIONS].map((n) => n.split(".")[1])]);
    const missing: string[] = [];
    for (const file of files("app", "actions.ts")) {
      for (const [, name] of readFileSync(file, "utf8").matchAll(/export (?:const|async function|function) (\w+Action)\b/g)) {
        if (!name || covered.has(name)) continue;
        const elsewhere = OUTSIDE_AN_ORGANISATION.get(name);
        if (!elsewhere) missing.push(`${name} in ${file}`);
        else if (!readFileSync(elsewhere, "utf8").includes(name)) missing.push(`${name}: not tested in ${elsewhere}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("keeps self-scoped actions inside the caller's organisation", async () => {
    const beforeA = await fingerprint(A.org.id);
    signInAs(B.admin.id);
    await cycleActions.createCycleAction({ status: "idle" }, { quarter: "2029-Q2" });
    await memberActions.createInvitationAction({ status: "idle" }, { role: "member" });
    await tokenActions.createApiTokenAction({ status: "idle" }, { name: "B's script" });
    await orgActions.updateOrganizationSettingsAction({ status: "idle" }, { name: "B renamed", maxObjectivesPerTeam: "3", maxKeyResultsPerObjective: "3", maxKeyResultsPerPerson: "6" });
    expect(await appActions.dismissGuideAction({ status: "idle" }, {})).toMatchObject({ status: "success" });
    const qualityRules = new FormData();
    qualityRules.append("enabledRules[]", "missing_why");
    await orgActions.updateQualityRulesAction({ status: "idle" }, qualityRules);
    // B is not empty, so its owner's import of A's export is refused, and nothing of A's is touched either way.
    const exportOfA = JSON.stringify({ format: "keel-organization", organization: { id: A.org.id } });
    expect(await exportActions.importOrganizationAction({ status: "idle" }, { document: exportOfA })).toMatchObject({ status: "error" });
    expect(await fingerprint(A.org.id)).toEqual(beforeA);
    expect((await db.membership.findFirstOrThrow({ where: { organizationId: B.orgId, userId: B.admin.id } })).guideDismissedAt).not.toBeNull();
    expect(await db.invitation.count({ where: { organizationId: B.orgId } })).toBe(1);
    expect((await db.organization.findUniqueOrThrow({ where: { id: B.orgId } })).name).toBe("B renamed");
  });
});
