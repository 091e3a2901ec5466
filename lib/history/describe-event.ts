/** Turns audit events into sentences people read in an objective's history. Pure, so it is easy to test. */

export interface HistoryEvent {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  createdAt: Date;
  actor: { name: string } | null;
}

export interface Lookups {
  keyResultTitles: ReadonlyMap<string, string>;
  userNames: ReadonlyMap<string, string>;
  objectiveTitles: ReadonlyMap<string, string>;
}

export interface HistoryChange {
  field: string;
  from: string;
  to: string;
}

export interface HistoryEntry {
  id: string;
  at: Date;
  actorName: string;
  summary: string;
  changes: HistoryChange[];
  reason: string | null;
}

const FIELD_LABEL: Record<string, string> = {
  title: "Title",
  whyItMatters: "Why it matters",
  kind: "Kind",
  state: "State",
  ownerId: "Owner",
  teamId: "Team",
  level: "Level",
  targetValue: "Target",
  startValue: "Start",
  direction: "Direction",
  unit: "Unit",
  weight: "Weight",
  milestones: "Milestones",
  score: "Score",
  retroWentWell: "What went well",
  retroLearned: "What we learned",
  status: "Status",
  dueDate: "Due",
  url: "Link",
};

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function show(field: string, value: unknown, lookups: Lookups): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "ownerId" && typeof value === "string") return lookups.userNames.get(value) ?? "someone no longer here";
  if (Array.isArray(value)) return value.join(", ");
  return String(value).replace(/_/g, " ");
}

function changesOf(event: HistoryEvent, lookups: Lookups): HistoryChange[] {
  const before = record(event.before);
  const after = record(event.after);
  return Object.keys(after)
    .filter((field) => field in FIELD_LABEL)
    .map((field) => ({ field: FIELD_LABEL[field]!, from: show(field, before[field], lookups), to: show(field, after[field], lookups) }));
}

export function describeEvent(event: HistoryEvent, lookups: Lookups): HistoryEntry {
  const after = record(event.after);
  const krTitle = lookups.keyResultTitles.get(event.entityId) ?? (typeof after.title === "string" ? after.title : "a key result");
  let summary: string;
  let changes: HistoryChange[] = [];
  switch (event.action) {
    case "objective.created":
      summary = "created this objective";
      break;
    case "objective.title_changed":
      summary = "renamed the objective";
      changes = changesOf(event, lookups);
      break;
    case "objective.updated":
      summary = "edited the objective";
      changes = changesOf(event, lookups);
      break;
    case "objective.aligned": {
      const parent =
        (typeof after.parentObjectiveId === "string" && lookups.objectiveTitles.get(after.parentObjectiveId)) ||
        (typeof after.parentKeyResultId === "string" && lookups.keyResultTitles.get(after.parentKeyResultId)) ||
        null;
      summary = parent ? `aligned it to “${parent}”` : after.parentObjectiveId || after.parentKeyResultId ? "changed what it aligns to" : "removed its alignment";
      break;
    }
    case "objective.abandoned":
      summary = "abandoned this objective";
      break;
    case "objective.moved":
      summary = "reordered the objective";
      break;
    case "objective.retrospective":
      summary = "wrote the retrospective";
      changes = changesOf(event, lookups);
      break;
    case "keyresult.created":
      summary = `added the key result “${krTitle}”`;
      break;
    case "keyresult.target_changed":
      summary = `changed the target of “${krTitle}”`;
      changes = changesOf(event, lookups);
      break;
    case "keyresult.updated":
      summary = `edited the key result “${krTitle}”`;
      changes = changesOf(event, lookups);
      break;
    case "keyresult.moved":
      summary = `reordered the key result “${krTitle}”`;
      break;
    case "keyresult.scored":
      summary = `scored “${krTitle}”`;
      changes = changesOf(event, lookups);
      break;
    case "keyresult.dependency_added":
      summary = `said “${krTitle}” depends on “${String(after.dependsOnTitle ?? "another key result")}”`;
      break;
    case "keyresult.dependency_removed":
      summary = `said “${krTitle}” no longer depends on “${String(record(event.before).dependsOnTitle ?? "another key result")}”`;
      break;
    case "objective.support_added":
      summary = `said this objective also supports “${String(after.supportsTitle ?? "another goal")}”`;
      break;
    case "objective.support_removed":
      summary = "removed something this objective supported";
      break;
    case "initiative.created":
      summary = `added the initiative “${String(after.title ?? "")}”`;
      break;
    case "initiative.updated":
      summary = `updated the initiative “${String(after.title ?? "")}”`;
      changes = changesOf(event, lookups).filter((c) => c.field !== "Title" || c.from !== "—");
      break;
    default:
      summary = event.action.replace(/[._]/g, " ");
      changes = changesOf(event, lookups);
  }
  return { id: event.id, at: event.createdAt, actorName: event.actor?.name ?? "Keel", summary, changes, reason: event.reason };
}

/** Ids the sentences need names or titles for, so they can be fetched in one query each. */
export function referencedIds(events: HistoryEvent[]): { userIds: string[]; objectiveIds: string[]; keyResultIds: string[] } {
  const userIds = new Set<string>();
  const objectiveIds = new Set<string>();
  const keyResultIds = new Set<string>();
  for (const event of events) {
    for (const side of [record(event.before), record(event.after)]) {
      if (typeof side.ownerId === "string") userIds.add(side.ownerId);
      if (typeof side.parentObjectiveId === "string") objectiveIds.add(side.parentObjectiveId);
      if (typeof side.parentKeyResultId === "string") keyResultIds.add(side.parentKeyResultId);
    }
  }
  return { userIds: [...userIds], objectiveIds: [...objectiveIds], keyResultIds: [...keyResultIds] };
}
