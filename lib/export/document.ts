import { z } from "zod";
import {
  ApiTokenKind,
  ApiTokenScope,
  Confidence,
  CycleState,
  Direction,
  InitiativeStatus,
  KeyResultType,
  ObjectiveKind,
  ObjectiveLevel,
  ObjectiveState,
  Role,
  TeamRole,
} from "@/lib/generated/prisma/enums";
import { safeString, unsafeTextProblem } from "@/lib/http/schemas";

export const EXPORT_FORMAT = "keel-organization";

/**
 * The latest migration when the export last matched the schema. tests/export checks it against prisma/migrations, so
 * a new migration fails that test until someone looks at what the export must now carry and bumps this.
 */
export const EXPORT_SCHEMA_VERSION = "20261204170503_supports_and_dependencies";

/**
 * Tenant tables the file leaves out, with the reason it says. With EXPORTED_TABLES this names every table that has an
 * organization_id; tests/export compares the two with the database's own list, so a new table cannot be forgotten.
 */
export const OMITTED_TABLES = {
  invitations: "Invitation links are secrets of the instance that sent them; send pending invitations again. Who joined is in people and the audit events.",
  idempotency_keys: "Remembered API answers for retried requests: meaningful only to the instance that answered them.",
  email_messages: "The instance's outgoing mail queue and development mailbox.",
  reminder_deliveries: "Which weekly reminders and digests this instance already sent; the importing instance keeps its own.",
  webhook_endpoints: "A webhook's signing secret is sealed with the exporting instance's key and never leaves it; add webhooks again (each gets a new secret).",
  webhook_events: "Outbox of webhook deliveries of the exporting instance.",
  webhook_deliveries: "Delivery attempts of the exporting instance's webhooks.",
  data_sources: "A data source's credentials are sealed with the exporting instance's key and never leave it; register sources again. The check-ins they made are kept, authored by the source's identity.",
  key_result_feeds: "Feeds read from data sources, which are not exported; attach them again once the sources are registered.",
  slack_installations: "The Slack bot token is sealed with the exporting instance's key and never leaves it; connect Slack again.",
  slack_user_links: "Slack users matched to people for one Slack installation; matched again on first use once Slack is connected.",
  slack_digest_posts: "Which team digests this instance already posted to Slack.",
} as const;

/** Tenant tables the file carries, and the key each is under. */
export const EXPORTED_TABLES = {
  memberships: "people",
  teams: "teams",
  team_memberships: "teamMemberships",
  cycles: "cycles",
  objectives: "objectives",
  key_results: "keyResults",
  initiatives: "initiatives",
  objective_supports: "objectiveSupports",
  key_result_dependencies: "keyResultDependencies",
  api_tokens: "apiTokens",
  check_ins: "checkIns",
  check_in_versions: "checkInVersions",
  comments: "comments",
  nudges: "nudges",
  audit_events: "auditEvents",
} as const;

/** Columns left out of tables the file carries, with the reason. */
export const WITHOUT_COLUMNS = {
  "users.password_hash": "Secrets never leave the instance: people new to the importing instance set a password by resetting it (which proves their address).",
  "users.session_version": "Sessions belong to the instance that issued them.",
  "users.last_organization_id": "Where a person lands after signing in, on this instance.",
  "api_tokens.token_hash": "A token's secret never leaves the instance, so tokens arrive revoked: they keep the record of which check-ins came through them.",
  "comments.submission_key": "Only matches a comment form sent twice on the exporting instance.",
} as const;

// Every id in the file is an opaque reference to another row of the file; Keel writes uuids, and gives new ones on import.
const ref = safeString().min(1, "An id cannot be empty").max(100, "An id is at most 100 characters");
const instant = z.iso.datetime({ offset: true, error: "Expected a date and time like 2026-12-04T09:30:00.000Z" });
const date = z.iso.date("Expected a date like 2026-12-04");
const text = (max: number, multiline = false) => safeString({ multiline }).max(max, `At most ${max} characters`);
const count = z.number().int("Expected a whole number").min(0).max(2_147_483_647);
const version = z.number().int("Expected a whole number").min(1).max(2_147_483_647);

/** Postgres numeric(precision, scale) as an exact decimal string, so nothing is rounded or refused by the database. */
function decimal(precision: number, scale: number) {
  const pattern = new RegExp(`^-?\\d{1,${precision - scale}}(\\.\\d{1,${scale}})?$`);
  return z.string().regex(pattern, `Expected a decimal number with at most ${precision - scale} digits before the point and ${scale} after, as a string`);
}

const MAX_JSON_DEPTH = 32;

/** An audit event's before/after: any JSON whose text Postgres can store (no NUL, no lone surrogates), not too deep. */
const auditJson = z.unknown().check((ctx) => {
  const problem = jsonProblem(ctx.value);
  if (problem) ctx.issues.push({ code: "custom", message: problem, input: ctx.value });
});

function jsonProblem(root: unknown): string | null {
  // A walk with its own stack: a hostile file nested a million deep must not overflow the server's.
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (depth > MAX_JSON_DEPTH) return `Nested more than ${MAX_JSON_DEPTH} levels deep`;
    if (typeof value === "string") {
      const problem = unsafeTextProblem(value, true);
      if (problem) return `This text ${problem}`;
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        const problem = unsafeTextProblem(key, true);
        if (problem) return `A key ${problem}`;
        stack.push({ value: item, depth: depth + 1 });
      }
    }
  }
  return null;
}

const timeZone = text(64).refine((zone) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, "Not a time zone this server knows (an IANA name such as Europe/Stockholm)");

export const OrganizationRowSchema = z.object({
  id: ref,
  name: text(120).trim().min(1, "The organisation needs a name"),
  slug: text(60),
  maxObjectivesPerTeam: count,
  maxKeyResultsPerObjective: count,
  maxKeyResultsPerPerson: count,
  defaultCycleId: ref.nullable(),
  disabledQualityRules: z.array(text(60)).max(100),
  createdAt: instant,
  updatedAt: instant,
});

const MembershipSchema = z.object({ id: ref, role: z.enum(Role), createdAt: instant, guideDismissedAt: instant.nullable() });

const personFields = {
  id: ref,
  name: text(120),
  timeZone,
  remindersEnabled: z.boolean(),
  emailVerifiedAt: instant.nullable(),
  membership: MembershipSchema.nullable(),
};

/** A person: the user fields needed to recreate them, and their membership (null for people who left, and integrations). */
export const PersonSchema = z.discriminatedUnion("isIntegration", [
  z.object({
    ...personFields,
    isIntegration: z.literal(false),
    email: text(254)
      .trim()
      .toLowerCase()
      .regex(/^[^\s@]+@[^\s@]+$/, "Expected an email address"),
  }),
  // An integration's identity (an organisation token's, a data source's) belongs to one organisation: its address is
  // made anew on import, so the file leaves it out.
  z.object({ ...personFields, isIntegration: z.literal(true), email: z.null() }),
]);

export const TeamRowSchema = z.object({
  id: ref,
  parentId: ref.nullable(),
  name: text(120).trim().min(1, "A team needs a name"),
  archivedAt: instant.nullable(),
  slackChannelId: text(40).nullable(),
  createdAt: instant,
  updatedAt: instant,
});

export const TeamMembershipRowSchema = z.object({ id: ref, teamId: ref, userId: ref, role: z.enum(TeamRole), createdAt: instant });

export const CycleRowSchema = z.object({
  id: ref,
  name: text(80).trim().min(1, "A cycle needs a name"),
  startDate: date,
  endDate: date,
  state: z.enum(CycleState),
  summary: text(20_000, true).nullable(),
  closedAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
});

export const ObjectiveRowSchema = z.object({
  id: ref,
  cycleId: ref,
  level: z.enum(ObjectiveLevel),
  teamId: ref.nullable(),
  ownerId: ref,
  title: text(200).trim().min(1, "An objective needs a title"),
  whyItMatters: text(2000, true),
  kind: z.enum(ObjectiveKind),
  state: z.enum(ObjectiveState),
  parentObjectiveId: ref.nullable(),
  parentKeyResultId: ref.nullable(),
  position: count,
  progress: decimal(9, 4),
  abandonReason: text(1000, true).nullable(),
  retroWentWell: text(4000, true).nullable(),
  retroLearned: text(4000, true).nullable(),
  carriedFromId: ref.nullable(),
  version,
  createdAt: instant,
  updatedAt: instant,
});

export const KeyResultRowSchema = z.object({
  id: ref,
  cycleId: ref,
  objectiveId: ref,
  ownerId: ref,
  title: text(200).trim().min(1, "A key result needs a title"),
  type: z.enum(KeyResultType),
  direction: z.enum(Direction),
  startValue: decimal(20, 4),
  targetValue: decimal(20, 4),
  currentValue: decimal(20, 4),
  unit: text(24),
  milestones: z.array(text(200)).max(100),
  weight: decimal(6, 3),
  position: count,
  progress: decimal(9, 4),
  confidence: z.enum(Confidence).nullable(),
  lastCheckInAt: instant.nullable(),
  score: decimal(3, 2).nullable(),
  version,
  createdAt: instant,
  updatedAt: instant,
});

export const InitiativeRowSchema = z.object({
  id: ref,
  keyResultId: ref,
  ownerId: ref,
  title: text(200).trim().min(1, "An initiative needs a title"),
  status: z.enum(InitiativeStatus),
  dueDate: date.nullable(),
  url: text(2000).nullable(),
  position: count,
  version,
  createdAt: instant,
  updatedAt: instant,
});

export const ObjectiveSupportRowSchema = z.object({ id: ref, objectiveId: ref, supportsObjectiveId: ref.nullable(), supportsKeyResultId: ref.nullable(), createdAt: instant });

export const KeyResultDependencyRowSchema = z.object({ id: ref, keyResultId: ref, dependsOnId: ref, createdAt: instant });

export const ApiTokenRowSchema = z.object({
  id: ref,
  userId: ref,
  name: text(80),
  prefix: text(16),
  scope: z.enum(ApiTokenScope),
  kind: z.enum(ApiTokenKind),
  createdById: ref.nullable(),
  expiresAt: instant.nullable(),
  lastUsedAt: instant.nullable(),
  revokedAt: instant.nullable(),
  createdAt: instant,
});

const checkInFields = {
  id: ref,
  authorId: ref,
  value: decimal(20, 4),
  confidence: z.enum(Confidence),
  note: text(2000, true),
  version,
  apiTokenId: ref.nullable(),
  channel: text(20).nullable(),
  createdAt: instant,
};

export const CheckInRowSchema = z.object({ ...checkInFields, keyResultId: ref, week: date, updatedAt: instant });
export const CheckInVersionRowSchema = z.object({ ...checkInFields, checkInId: ref });

export const CommentRowSchema = z.object({
  id: ref,
  objectiveId: ref,
  authorId: ref,
  body: text(4000, true).min(1, "A comment cannot be empty"),
  createdAt: instant,
  updatedAt: instant,
});

export const NudgeRowSchema = z.object({ id: ref, teamId: ref, fromUserId: ref, toUserId: ref, week: date, createdAt: instant });

export const AuditEventRowSchema = z.object({
  id: ref,
  actorId: ref.nullable(),
  apiTokenId: ref.nullable(),
  entityType: text(40),
  entityId: ref,
  action: text(60),
  before: auditJson.nullable(),
  after: auditJson.nullable(),
  reason: text(1000, true).nullable(),
  createdAt: instant,
});

const reasons = z.record(z.string(), z.string());

/** The header of a file: read first, so a file of another kind or version is told so before its rows are judged. */
export const ExportHeaderSchema = z.object({ format: z.string(), schemaVersion: z.string() });

export const ExportDocumentSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    schemaVersion: z.string().meta({ description: "The latest database migration of the Keel that wrote the file; an import needs the same" }),
    exportedAt: instant,
    omitted: reasons.meta({ description: "Tenant tables left out of the file, each with the reason" }),
    withoutColumns: reasons.meta({ description: "Columns (table.column) left out of the file, each with the reason" }),
    organization: OrganizationRowSchema,
    people: z.array(PersonSchema),
    teams: z.array(TeamRowSchema),
    teamMemberships: z.array(TeamMembershipRowSchema),
    cycles: z.array(CycleRowSchema),
    objectives: z.array(ObjectiveRowSchema),
    keyResults: z.array(KeyResultRowSchema),
    initiatives: z.array(InitiativeRowSchema),
    objectiveSupports: z.array(ObjectiveSupportRowSchema),
    keyResultDependencies: z.array(KeyResultDependencyRowSchema),
    apiTokens: z.array(ApiTokenRowSchema),
    checkIns: z.array(CheckInRowSchema),
    checkInVersions: z.array(CheckInVersionRowSchema),
    comments: z.array(CommentRowSchema),
    nudges: z.array(NudgeRowSchema),
    auditEvents: z.array(AuditEventRowSchema),
  })
  .meta({ id: "OrganizationExport", description: "Everything an organisation holds, rows referring to each other by their ids in the file" });

export type ExportDocument = z.infer<typeof ExportDocumentSchema>;
export type Person = z.infer<typeof PersonSchema>;

/** The arrays of the file, in the order they are written and counted. */
export const ROW_KEYS = [
  "people",
  "teams",
  "teamMemberships",
  "cycles",
  "objectives",
  "keyResults",
  "initiatives",
  "objectiveSupports",
  "keyResultDependencies",
  "apiTokens",
  "checkIns",
  "checkInVersions",
  "comments",
  "nudges",
  "auditEvents",
] as const satisfies readonly (keyof ExportDocument)[];

export type RowKey = (typeof ROW_KEYS)[number];

export const ImportCountsSchema = z
  .object(Object.fromEntries(ROW_KEYS.map((key) => [key, z.number().int()])) as Record<RowKey, z.ZodNumber>)
  .extend({ newPeople: z.number().int().meta({ description: "People new to this instance: they sign in by resetting their password" }) })
  .meta({ id: "OrganizationImport", description: "How many rows of each kind were imported" });

export type ImportCounts = z.infer<typeof ImportCountsSchema>;
