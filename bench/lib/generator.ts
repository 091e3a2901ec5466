import { createHash } from "node:crypto";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { poolConfigFromUrl } from "../../lib/db/connection";
import { applyMigrationFiles, listMigrations } from "../../scripts/lib/migrations";
import { BENCH_PASSWORD, type Size } from "../sizes";
import { copyRows, day, deferIndexesAndForeignKeys, restoreIndexesAndForeignKeys, type Cell } from "./copy";
import { recreateDatabase } from "./database";
import type { Manifest, ManifestUser } from "./manifest";
import { checkInsOf, planOrganization, plainDecimal, type KeyResult, type Objective, type Person, type Plan } from "./plan";
import { prng, streamSeed, uuidV7 } from "./random";

export interface GenerateOptions {
  /** postgresql:// URL of the server; the database is (re)created there. */
  serverUrl: string;
  database: string;
  size: Size;
  seed: number;
  today: string;
  log?: (line: string) => void;
}

export interface GenerateResult {
  manifest: Manifest;
  /** Seconds per step ("users", "check_ins", "indexes", ...) and in total. */
  timings: { step: string; rows: number | null; seconds: number }[];
  totalSeconds: number;
}

/** In foreign-key order, which is also the order the tables are loaded in. */
export const TABLES = [
  "organizations",
  "users",
  "memberships",
  "teams",
  "team_memberships",
  "cycles",
  "objectives",
  "key_results",
  "check_ins",
  "check_in_versions",
  "comments",
  "audit_events",
] as const;

// The app's hashing options (lib/auth/password.ts, which only the server may import).
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Generates one organisation at the given size into a fresh database: migrations, then every table streamed in with
 * COPY, then indexes, foreign keys and statistics. The same seed, size and today give the same rows, byte for byte.
 */
export async function generateBenchData(options: GenerateOptions): Promise<GenerateResult> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const timings: GenerateResult["timings"] = [];
  const time = async <T>(step: string, work: () => Promise<T>, rowsOf: (result: T) => number | null = () => null): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    const seconds = (performance.now() - t0) / 1000;
    const rows = rowsOf(result);
    timings.push({ step, rows, seconds });
    log(`${step.padEnd(22)} ${rows === null ? "" : `${rows.toLocaleString("en-GB").padStart(10)} rows`.padEnd(16)} ${seconds.toFixed(2).padStart(7)} s`);
    return result;
  };

  const plan = await time("plan (in memory)", async () => planOrganization({ size: options.size, seed: options.seed, today: options.today }));
  // A salt derived from the seed keeps the hash, like every other column, identical between runs.
  const salt = createHash("sha256").update(`keel-bench-salt:${options.seed}`).digest().subarray(0, 16);
  const passwordHash = await hash(BENCH_PASSWORD, { ...ARGON2_OPTIONS, salt });

  const url = await time("create and migrate", async () => {
    const created = await recreateDatabase(options.serverUrl, options.database);
    await applyMigrationFiles(created);
    return created;
  });

  const clients = [new pg.Client(poolConfigFromUrl(url)), new pg.Client(poolConfigFromUrl(url))];
  await Promise.all(clients.map((c) => c.connect()));
  const [client] = clients as [pg.Client, pg.Client];
  try {
    await client.query("SET synchronous_commit = off");
    const deferred = await deferIndexesAndForeignKeys(client);
    const rows = tableRows(plan, passwordHash);
    for (const table of TABLES) {
      const { columns, rows: source } = rows[table];
      await time(table, () => copyRows(client, table, columns, source()), (n) => n);
    }
    await time("indexes and keys", () => restoreIndexesAndForeignKeys(clients, deferred));
    await time("analyze", () => client.query("ANALYZE"));
    const counts: Record<string, number> = {};
    for (const table of TABLES) counts[table] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
    const totalSeconds = (performance.now() - started) / 1000;
    log(`${"total".padEnd(22)} ${"".padEnd(16)} ${totalSeconds.toFixed(2).padStart(7)} s`);
    return { manifest: buildManifest(plan, options, counts), timings, totalSeconds };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

type TableSource = { columns: readonly string[]; rows: () => Iterable<Cell[]> };

function tableRows(plan: Plan, passwordHash: string): Record<(typeof TABLES)[number], TableSource> {
  const org = plan.organization;
  const person = (index: number) => plan.people[index]!;
  const objective = (index: number) => plan.objectives[index]!;
  const keyResult = (index: number) => plan.keyResults[index]!;
  const cycle = (kr: KeyResult | Objective) => plan.cycles[kr.cycle];
  const byId = <T extends { id: string }>(items: readonly T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  return {
    organizations: {
      columns: ["id", "name", "slug", "max_objectives_per_team", "max_key_results_per_objective", "max_key_results_per_person", "default_cycle_id", "created_at", "updated_at"],
      rows: () => [[org.id, org.name, org.slug, 5, 5, 8, plan.cycles.active.id, org.createdAt, org.updatedAt]],
    },
    users: {
      columns: ["id", "email", "name", "password_hash", "time_zone", "reminders_enabled", "last_organization_id", "created_at", "updated_at"],
      rows: () => plan.people.map((p) => [p.id, p.email, p.name, passwordHash, p.timeZone, p.remindersEnabled, org.id, p.createdAt, p.createdAt]),
    },
    memberships: {
      columns: ["id", "organization_id", "user_id", "role", "created_at"],
      rows: function* () {
        const random = prng(streamSeed(plan.seed, "membership-ids"));
        for (const p of plan.people) {
          const at = new Date(p.createdAt.getTime() + 60_000);
          yield [uuidV7(random, at), org.id, p.id, p.role, at];
        }
      },
    },
    teams: {
      columns: ["id", "organization_id", "parent_id", "name", "archived_at", "created_at", "updated_at"],
      rows: () => plan.teams.map((t) => [t.id, org.id, t.parentIndex === null ? null : plan.teams[t.parentIndex]!.id, t.name, null, t.createdAt, t.createdAt]),
    },
    team_memberships: {
      columns: ["id", "organization_id", "team_id", "user_id", "role", "created_at"],
      rows: () => plan.teamMembers.map((m) => [m.id, org.id, plan.teams[m.teamIndex]!.id, person(m.personIndex).id, m.role, m.createdAt]),
    },
    cycles: {
      columns: ["id", "organization_id", "name", "start_date", "end_date", "state", "summary", "closed_at", "created_at", "updated_at"],
      rows: () => [plan.cycles.closed, plan.cycles.active].map((c) => [c.id, org.id, c.name, day(c.startDate), day(c.endDate), c.state, c.summary, c.closedAt, c.createdAt, c.updatedAt]),
    },
    objectives: {
      columns: ["id", "organization_id", "cycle_id", "level", "team_id", "owner_id", "title", "why_it_matters", "kind", "state", "parent_objective_id", "parent_key_result_id", "position", "progress", "abandon_reason", "retro_went_well", "retro_learned", "carried_from_id", "version", "created_at", "updated_at"],
      rows: function* () {
        for (const o of plan.objectives) {
          yield [
            o.id, org.id, cycle(o).id, o.level, o.teamIndex === null ? null : plan.teams[o.teamIndex]!.id, person(o.ownerIndex).id, o.title, o.whyItMatters, o.kind, o.state,
            o.parentObjectiveIndex === null ? null : objective(o.parentObjectiveIndex).id,
            o.parentKeyResultIndex === null ? null : keyResult(o.parentKeyResultIndex).id,
            o.position, o.progress, o.abandonReason, o.retroWentWell, o.retroLearned,
            o.carriedFromIndex === null ? null : objective(o.carriedFromIndex).id,
            o.version, o.createdAt, o.updatedAt,
          ];
        }
      },
    },
    key_results: {
      columns: ["id", "organization_id", "cycle_id", "objective_id", "owner_id", "title", "type", "direction", "start_value", "target_value", "current_value", "unit", "milestones", "weight", "position", "progress", "confidence", "last_check_in_at", "score", "version", "created_at", "updated_at"],
      rows: function* () {
        for (const kr of plan.keyResults) {
          yield [
            kr.id, org.id, cycle(kr).id, objective(kr.objectiveIndex).id, person(kr.ownerIndex).id, kr.title, kr.type, kr.direction,
            kr.startValue, kr.targetValue, kr.currentValue, kr.unit, kr.milestones, kr.weight, kr.position, kr.progress, kr.confidence,
            kr.lastCheckInAt, kr.score, kr.version, kr.createdAt, kr.updatedAt,
          ];
        }
      },
    },
    check_ins: {
      columns: ["id", "organization_id", "key_result_id", "author_id", "week", "value", "confidence", "note", "version", "created_at", "updated_at"],
      rows: function* () {
        for (const kr of plan.keyResults) {
          const author = person(kr.ownerIndex).id;
          for (const c of checkInsOf(kr, cycle(kr), objective(kr.objectiveIndex))) yield [c.id, org.id, kr.id, author, day(c.week), c.value, c.confidence, c.note, 1, c.at, c.at];
        }
      },
    },
    check_in_versions: {
      columns: ["id", "organization_id", "check_in_id", "author_id", "version", "value", "confidence", "note", "created_at"],
      rows: function* () {
        for (const kr of plan.keyResults) {
          const author = person(kr.ownerIndex).id;
          for (const c of checkInsOf(kr, cycle(kr), objective(kr.objectiveIndex))) yield [c.versionId, org.id, c.id, author, 1, c.value, c.confidence, c.note, c.at];
        }
      },
    },
    comments: {
      columns: ["id", "organization_id", "objective_id", "author_id", "body", "created_at", "updated_at"],
      rows: () => plan.comments.map((c) => [c.id, org.id, objective(c.objectiveIndex).id, person(c.authorIndex).id, c.body, c.createdAt, c.createdAt]),
    },
    audit_events: {
      columns: ["id", "organization_id", "actor_id", "api_token_id", "entity_type", "entity_id", "action", "before", "after", "reason", "created_at"],
      rows: function* () {
        const random = prng(streamSeed(plan.seed, "audit-ids"));
        const event = (at: Date, actor: Person, entityType: string, entityId: string, action: string, before: unknown, after: unknown, reason: string | null = null): Cell[] => [
          uuidV7(random, at), org.id, actor.id, null, entityType, entityId, action, before === null ? null : JSON.stringify(before), after === null ? null : JSON.stringify(after), reason, at,
        ];
        const owner = person(0);
        for (const c of [plan.cycles.closed, plan.cycles.active]) {
          yield event(c.createdAt, owner, "cycle", c.id, "cycle.created", null, { id: c.id, name: c.name, startDate: day(c.startDate), endDate: day(c.endDate), state: "planning" });
          yield event(c.activatedAt, owner, "cycle", c.id, "cycle.activated", { state: "planning" }, { state: "active" });
          if (c.closedAt) yield event(c.closedAt, owner, "cycle", c.id, "cycle.closed", { state: "active" }, { state: "closed" });
        }
        for (const o of byId(plan.objectives)) {
          yield event(o.createdAt, person(o.ownerIndex), "objective", o.id, "objective.created", null, objectiveSnapshot(plan, o));
          for (const k of o.keyResults) {
            const kr = keyResult(k);
            yield event(kr.createdAt, person(o.ownerIndex), "key_result", kr.id, "keyresult.created", null, keyResultSnapshot(plan, kr));
            if (kr.targetChange) {
              const change = kr.targetChange;
              yield event(change.at, person(change.actorIndex), "key_result", kr.id, "keyresult.target_changed", { targetValue: plainDecimal(change.before) }, { targetValue: plainDecimal(kr.targetValue) }, change.reason);
            }
          }
          if (o.abandonedAt) yield event(o.abandonedAt, person(o.ownerIndex), "objective", o.id, "objective.abandoned", { state: "active" }, { state: "abandoned" }, o.abandonReason);
        }
        for (const c of plan.comments) yield event(c.createdAt, person(c.authorIndex), "comment", c.id, "comment.created", null, { objectiveId: objective(c.objectiveIndex).id, body: c.body });
      },
    },
  };
}

/** The objective as the app's `objective.created` event records it: as it was when created. */
function objectiveSnapshot(plan: Plan, o: Objective) {
  return {
    id: o.id,
    cycleId: plan.cycles[o.cycle].id,
    level: o.level,
    teamId: o.teamIndex === null ? null : plan.teams[o.teamIndex]!.id,
    ownerId: plan.people[o.ownerIndex]!.id,
    title: o.title,
    whyItMatters: o.whyItMatters,
    kind: o.kind,
    state: "active",
    parentObjectiveId: o.parentObjectiveIndex === null ? null : plan.objectives[o.parentObjectiveIndex]!.id,
    parentKeyResultId: o.parentKeyResultIndex === null ? null : plan.keyResults[o.parentKeyResultIndex]!.id,
    position: o.position,
    progress: "0",
    abandonReason: null,
    version: 1,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.createdAt.toISOString(),
  };
}

/** The key result as `keyresult.created` records it: its first target, nothing checked in yet. */
function keyResultSnapshot(plan: Plan, kr: KeyResult) {
  return {
    id: kr.id,
    objectiveId: plan.objectives[kr.objectiveIndex]!.id,
    cycleId: plan.cycles[kr.cycle].id,
    ownerId: plan.people[kr.ownerIndex]!.id,
    title: kr.title,
    type: kr.type,
    direction: kr.direction,
    startValue: plainDecimal(kr.startValue),
    targetValue: plainDecimal(kr.targetChange?.before ?? kr.targetValue),
    currentValue: plainDecimal(kr.startValue),
    unit: kr.unit,
    milestones: kr.milestones,
    weight: kr.weight,
    position: kr.position,
    progress: "0",
    confidence: null,
    lastCheckInAt: null,
    score: null,
    version: 1,
    createdAt: kr.createdAt.toISOString(),
    updatedAt: kr.createdAt.toISOString(),
  };
}

function buildManifest(plan: Plan, options: GenerateOptions, counts: Record<string, number>): Manifest {
  const user = (index: number): ManifestUser => ({ id: plan.people[index]!.id, email: plan.people[index]!.email, name: plan.people[index]!.name });
  const active = plan.objectives.filter((o) => o.cycle === "active" && o.state === "active");
  const ofTier = (tier: Objective["tier"], extra: (o: Objective) => boolean = () => true) => active.filter((o) => o.tier === tier && extra(o)).slice(0, 3).map((o) => o.id);
  const teamsAt = (depth: number) => plan.teams.filter((t) => t.depth === depth).slice(0, 3).map((t) => t.id);

  const parentOf = (o: Objective): Objective | null =>
    o.parentObjectiveIndex !== null ? plan.objectives[o.parentObjectiveIndex]! : o.parentKeyResultIndex !== null ? plan.objectives[plan.keyResults[o.parentKeyResultIndex]!.objectiveIndex]! : null;
  const chainOf = (o: Objective) => {
    const chain = [o];
    for (let p = parentOf(o); p; p = parentOf(p)) chain.push(p);
    return chain;
  };
  // Deepest first; among the deepest, one that passes through a key result shows both kinds of link.
  const deep = active
    .filter((o) => o.tier === 4)
    .map((o) => ({ o, chain: chainOf(o) }))
    .filter(({ chain }) => chain[chain.length - 1]!.tier === 1)
    .sort((a, b) => b.chain.length - a.chain.length || Number(b.chain.some((c) => c.parentKeyResultIndex !== null)) - Number(a.chain.some((c) => c.parentKeyResultIndex !== null)) || a.o.index - b.o.index)[0];
  if (!deep) throw new Error("no personal objective reaches a company objective");

  const lead = plan.teams.find((t) => t.depth === 3 && plan.teams.some((c) => c.parentIndex === t.index))!;
  const ten = plan.tenKeyResultsPersonIndex;
  const find = (role: Person["role"], from = 0) => plan.people.find((p) => p.role === role && p.index >= from)!.index;
  const cycleInfo = (c: Plan["cycles"]["active"]) => ({ id: c.id, name: c.name, startDate: day(c.startDate), endDate: day(c.endDate) });

  return {
    size: plan.size.name,
    seed: plan.seed,
    today: options.today,
    database: options.database,
    migrations: listMigrations(),
    organizationId: plan.organization.id,
    organizationName: plan.organization.name,
    password: BENCH_PASSWORD,
    cycles: { active: cycleInfo(plan.cycles.active), closed: cycleInfo(plan.cycles.closed) },
    users: {
      owner: user(0),
      admin: user(find("admin", 1)),
      teamLead: { ...user(lead.leads[0]!), teamId: lead.id },
      tenKeyResults: { ...user(ten), keyResultIds: plan.keyResults.filter((kr) => kr.cycle === "active" && kr.ownerIndex === ten).map((kr) => kr.id) },
      member: user(plan.teams.flatMap((t) => (t.depth === 3 ? t.members : [])).find((p) => plan.people[p]!.role === "member")!),
      viewer: user(find("viewer")),
    },
    objectives: {
      company: ofTier(1),
      department: ofTier(2, (o) => plan.teams[o.teamIndex!]!.depth === 1),
      team: ofTier(3),
      personal: ofTier(4),
      deepWhyChain: { id: deep.o.id, chain: deep.chain.map((c) => c.id) },
    },
    teams: { department: teamsAt(1), group: teamsAt(2), team: teamsAt(3), squad: teamsAt(4), pod: teamsAt(5) },
    counts,
  };
}
