import { randomUUID } from "node:crypto";
import { delay } from "./processes";

/** One HTTP exchange as the client saw it: a status, or "error" when no answer came (refused, reset, timed out). */
export interface Attempt {
  kind: WriteKind | "read";
  start: number;
  end: number;
  status: number | "error";
  /** Why no answer came. */
  error?: string;
}

export type WriteKind = "api-check-in" | "my-week" | "comment";

/** A change the soak asked for, traced in the database by the unique marker it wrote (a note or a comment body). */
export interface WriteRecord {
  kind: WriteKind;
  marker: string;
  /** The Idempotency-Key (API check-ins only; every retry sends the same one). */
  idempotencyKey?: string;
  /** How many rows the change writes when it lands (my-week: one version per entry). */
  rows: number;
  attempts: number;
  /** The server answered success: the change must be in the database exactly once. */
  acknowledged: boolean;
  /** The acknowledgement was a replay of an earlier attempt's stored answer (`Idempotent-Replayed: true`). */
  replayed?: boolean;
  /** Id the server returned (a check-in's id), checked against the row. */
  returnedId?: string;
  /** The last answer when never acknowledged, for the report. */
  lastOutcome?: string;
  /** When the last answer (or its absence) came. */
  finishedAt?: number;
}

export interface KeyResultTarget {
  id: string;
  objectiveId: string;
  type: string;
  startValue: number;
  targetValue: number;
  milestones: number;
}

export interface Member {
  userId: string;
  email: string;
  keyResults: KeyResultTarget[];
  /** `Authorization: Bearer` secret (API clients). */
  token?: string;
  /** `next-auth.session-token` cookie value (form and page clients). */
  sessionCookie?: string;
}

export interface LoadContext {
  baseUrl: string;
  cycleId: string;
  orgId: string;
  objectiveIds: string[];
  actions: { saveMyWeek: string; addComment: string };
  /** When the load stops starting new requests; retries of started ones go on until `retryDeadline`. */
  endsAt: number;
  retryDeadline: number;
  attempts: Attempt[];
  writes: WriteRecord[];
}

const REQUEST_TIMEOUT_MS = 30_000;

async function exchange(ctx: LoadContext, kind: Attempt["kind"], url: string, init: RequestInit): Promise<{ status: number | "error"; text: string; headers?: Headers }> {
  const start = Date.now();
  try {
    const res = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    ctx.attempts.push({ kind, start, end: Date.now(), status: res.status });
    return { status: res.status, text, headers: res.headers };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const text = `${error instanceof Error ? error.message : String(error)}${cause ? ` (${cause.code ?? cause.message})` : ""}`;
    ctx.attempts.push({ kind, start, end: Date.now(), status: "error", error: text });
    return { status: "error", text };
  }
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

/** A value the key result's type accepts. */
function valueFor(kr: KeyResultTarget): string {
  if (kr.type === "yes_no") return String(Math.round(Math.random()));
  if (kr.type === "milestone") return String(Math.floor(Math.random() * (kr.milestones + 1)));
  const low = Math.min(kr.startValue, kr.targetValue);
  const high = Math.max(kr.startValue, kr.targetValue);
  return (low + Math.random() * (high - low || 1)).toFixed(2);
}

const CONFIDENCE = ["on_track", "at_risk", "off_track"] as const;

function isRetryable(status: number | "error"): boolean {
  return status === "error" || status >= 500 || status === 409 || status === 429;
}

/**
 * A well-behaved API client: one Idempotency-Key per intended check-in, the same key on every retry, retries on no
 * answer, 5xx, 409 (busy, or the first attempt still running) and 429, with jittered exponential back-off.
 */
async function apiCheckIn(ctx: LoadContext, member: Member): Promise<void> {
  const kr = pick(member.keyResults);
  const key = randomUUID();
  const record: WriteRecord = { kind: "api-check-in", marker: `soak-api ${key}`, idempotencyKey: key, rows: 1, attempts: 0, acknowledged: false };
  ctx.writes.push(record);
  const body = JSON.stringify({ keyResultId: kr.id, value: valueFor(kr), confidence: pick(CONFIDENCE), note: record.marker });
  for (let attempt = 0; ; attempt++) {
    record.attempts += 1;
    const res = await exchange(ctx, "api-check-in", `${ctx.baseUrl}/api/v1/check-ins`, {
      method: "POST",
      headers: { authorization: `Bearer ${member.token}`, "content-type": "application/json", "idempotency-key": key },
      body,
    });
    record.finishedAt = Date.now();
    if (res.status === 200 || res.status === 201) {
      record.acknowledged = true;
      record.returnedId = (JSON.parse(res.text) as { id: string }).id;
      record.replayed = res.headers?.get("idempotent-replayed") === "true";
      return;
    }
    record.lastOutcome = res.status === "error" ? `no answer: ${res.text}` : `${res.status} ${res.text.slice(0, 200)}`;
    if (!isRetryable(res.status) || Date.now() > ctx.retryDeadline) return;
    await delay(Math.min(5000, 200 * 2 ** attempt) * (0.5 + Math.random()));
  }
}

/** What a server action answered, from the RSC payload: the ActionState's status (and error code). */
function actionOutcome(text: string): "success" | "error" | "unknown" {
  if (text.includes('"status":"success"')) return "success";
  if (text.includes('"status":"error"')) return "error";
  return "unknown";
}

/** A failure a person would answer by pressing the button again: no answer, a 5xx, or "something went wrong"/busy. */
function isWorthResending(res: { status: number | "error"; text: string }): boolean {
  if (res.status !== 200) return isRetryable(res.status);
  return /"status":"error","code":"(internal|conflict)"/.test(res.text);
}

async function serverAction(ctx: LoadContext, kind: WriteKind, member: Member, page: string, actionId: string, input: unknown, record: WriteRecord): Promise<{ status: number | "error"; text: string }> {
  record.attempts += 1;
  const res = await exchange(ctx, kind, `${ctx.baseUrl}${page}`, {
    method: "POST",
    headers: {
      "next-action": actionId,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: ctx.baseUrl,
      cookie: `next-auth.session-token=${member.sessionCookie}`,
    },
    // The arguments as React's encodeReply sends plain JSON values: the previous state, then the input.
    body: JSON.stringify([{ status: "idle" }, input]),
  });
  record.finishedAt = Date.now();
  const outcome = res.status === 200 ? actionOutcome(res.text) : "error";
  if (outcome === "success") record.acknowledged = true;
  else record.lastOutcome = res.status === "error" ? `no answer: ${res.text}` : `${res.status} ${outcome}: ${res.text.slice(0, 300)}`;
  return res;
}

/**
 * The My week form, sent as the browser sends it (a server action POST to the page). It has no submission key, so a
 * save is sent once: sent again after a lost answer it would write another version of the week's check-in.
 */
async function myWeekSave(ctx: LoadContext, member: Member): Promise<void> {
  const marker = `soak-week ${randomUUID()}`;
  const chosen = member.keyResults.filter(() => Math.random() < 0.7);
  const entries = (chosen.length ? chosen : [member.keyResults[0]!]).map((kr) => ({ keyResultId: kr.id, value: valueFor(kr), confidence: pick(CONFIDENCE), note: marker }));
  const record: WriteRecord = { kind: "my-week", marker, rows: entries.length, attempts: 0, acknowledged: false };
  ctx.writes.push(record);
  await serverAction(ctx, "my-week", member, "/my-week", ctx.actions.saveMyWeek, { entries }, record);
}

/**
 * The comment form, as a person uses it: when posting fails ("something went wrong", no answer) they press the
 * button again, and the form sends the same draft with the same submission key.
 */
async function comment(ctx: LoadContext, member: Member): Promise<void> {
  const marker = `soak-comment ${randomUUID()}`;
  const objectiveId = pick(member.keyResults).objectiveId;
  const record: WriteRecord = { kind: "comment", marker, rows: 1, attempts: 0, acknowledged: false };
  ctx.writes.push(record);
  const draft = { objectiveId, body: marker, submissionKey: randomUUID() };
  for (let attempt = 0; ; attempt++) {
    const res = await serverAction(ctx, "comment", member, `/objectives/${objectiveId}`, ctx.actions.addComment, draft, record);
    if (record.acknowledged || !isWorthResending(res) || Date.now() > ctx.retryDeadline) return;
    await delay(Math.min(5000, 500 * 2 ** attempt) * (0.5 + Math.random()));
  }
}

async function read(ctx: LoadContext, member: Member): Promise<void> {
  const paths = ["/", "/my-week", `/objectives/${pick(ctx.objectiveIds)}`, `/objectives/${pick(member.keyResults).objectiveId}`];
  await exchange(ctx, "read", `${ctx.baseUrl}${pick(paths)}`, { headers: { cookie: `next-auth.session-token=${member.sessionCookie}` } });
}

export type ClientRole = "api" | "my-week" | "comment" | "read";

/** Runs one virtual client until the load ends: a request, a short pause (a person or script, not a flood), again. */
export async function runClient(ctx: LoadContext, role: ClientRole, member: Member): Promise<void> {
  const step = { api: apiCheckIn, "my-week": myWeekSave, comment, read }[role];
  while (Date.now() < ctx.endsAt) {
    await step(ctx, member);
    await delay(100 + Math.random() * 300);
  }
}
