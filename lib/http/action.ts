import "server-only";
import { refresh } from "next/cache";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { resolveActor, type Actor } from "@/lib/auth/actor";
import { readSessionCookie } from "@/lib/auth/session-cookie";
import { getSessionUserId } from "@/lib/auth/session-user";
import { AppError, fromZod, type ErrorCode, type FieldErrors } from "@/lib/errors";
import { hasGrant, type Action } from "@/lib/permissions";
import { ORGANIZATION_FIELD, SWITCHED_ORGANIZATION_MESSAGE } from "./organization-field";
import { normaliseError } from "./problem";
import { logUnexpected } from "@/lib/log";
import { newRequestId, requestIdFrom } from "./request-id";

export type ActionState<T = unknown> =
  | { status: "idle" }
  | { status: "success"; data: T; message: string | null; at: number }
  | {
      status: "error";
      code: ErrorCode | "internal";
      message: string;
      fieldErrors: FieldErrors;
      /** What was typed, so the form can show it again (React resets a form after its action runs). */
      values: Record<string, string>;
      at: number;
    };

/** What an action called with an object (not a form) adds to say which organisation its page showed. */
export type OrganizationTag = { [ORGANIZATION_FIELD]?: string };

export interface ActionContext<I> {
  actor: Actor;
  input: I;
}

interface ActionConfig<S extends z.ZodType, R> {
  /** The permission the action needs at some scope; the domain function checks the resource itself. */
  permission: Action;
  schema: S;
  run: (ctx: ActionContext<z.output<S>>) => Promise<R>;
  message?: string | ((result: R) => string);
}

/**
 * The one way a server action reaches the domain: session, membership and role, the declared permission, zod
 * parsing, then the domain function. Errors come back as state for `useActionState`, never as a thrown 500.
 */
export function defineAction<S extends z.ZodType, R>(config: ActionConfig<S, R>) {
  return async function serverAction(_previous: ActionState<R> | undefined, raw: FormData | (z.input<S> & OrganizationTag)): Promise<ActionState<R>> {
    return settle(config.message, raw, async () => {
      const session = await readSessionCookie();
      if (!session) throw new AppError("unauthenticated", "Your session has ended; sign in again");
      const actor = await resolveActor(session.userId, { via: "session", sessionVersion: session.sessionVersion });
      if (!actor) throw new AppError("forbidden", "You are no longer a member of this organisation");
      // The page that sent the form names its organisation; "last switched" belongs to the person, not to this tab.
      const requested = requestedOrganization(raw);
      if (requested !== null && requested !== actor.orgId) throw new AppError("conflict", SWITCHED_ORGANIZATION_MESSAGE);
      if (!hasGrant(actor, config.permission)) throw new AppError("forbidden", "Your role does not allow this");
      return config.run({ actor, input: parse(config.schema, raw) });
    });
  };
}

/** For a signed-in person who need not belong to an organisation yet (creating one, accepting an invitation). */
export function defineUserAction<S extends z.ZodType, R>(config: { schema: S; run: (ctx: { userId: string; input: z.output<S> }) => Promise<R>; message?: ActionConfig<S, R>["message"] }) {
  return async function userAction(_previous: ActionState<R> | undefined, raw: FormData | z.input<S>): Promise<ActionState<R>> {
    return settle(config.message, raw, async () => {
      const userId = await getSessionUserId();
      if (!userId) throw new AppError("unauthenticated", "Your session has ended; sign in again");
      return config.run({ userId, input: parse(config.schema, raw) });
    });
  };
}

/** For the few actions a signed-out visitor may take (signing up): the same parsing and error handling, no actor. */
export function definePublicAction<S extends z.ZodType, R>(config: { schema: S; run: (input: z.output<S>) => Promise<R>; message?: ActionConfig<S, R>["message"] }) {
  return async function publicAction(_previous: ActionState<R> | undefined, raw: FormData | z.input<S>): Promise<ActionState<R>> {
    return settle(config.message, raw, () => config.run(parse(config.schema, raw)));
  };
}

/** The organisation a form or call was made in, when it says (forms rendered before hydration do not). */
function requestedOrganization(raw: unknown): string | null {
  const value = raw instanceof FormData ? raw.get(ORGANIZATION_FIELD) : raw && typeof raw === "object" ? (raw as Record<string, unknown>)[ORGANIZATION_FIELD] : undefined;
  return typeof value === "string" && value !== "" ? value : null;
}

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : withoutOrganization(raw));
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

async function settle<R>(message: ActionConfig<z.ZodType, R>["message"], raw: unknown, work: () => Promise<R>): Promise<ActionState<R>> {
  const requestId = await currentRequestId();
  try {
    const data = await work();
    refresh();
    const text = typeof message === "function" ? message(data) : (message ?? null);
    return { status: "success", data, message: text, at: Date.now() };
  } catch (error) {
    unstable_rethrow(error);
    const known = normaliseError(error);
    if (known) {
      return { status: "error", code: known.code, message: known.message, fieldErrors: known.fieldErrors, values: echo(raw), at: Date.now() };
    }
    logUnexpected(error, requestId, "server-action");
    return {
      status: "error",
      code: "internal",
      message: `Something went wrong on our side (reference ${requestId.slice(0, 8)}). Nothing was saved.`,
      fieldErrors: {},
      values: echo(raw),
      at: Date.now(),
    };
  }
}

/** The id lib/http/observe.ts stamped on the request, so the error log and the access log name the same one. */
async function currentRequestId(): Promise<string> {
  try {
    return requestIdFrom(await headers());
  } catch {
    // Outside a request (a script calling the action): no access log line to match.
    return newRequestId();
  }
}

function withoutOrganization(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || !(ORGANIZATION_FIELD in raw)) return raw;
  const { [ORGANIZATION_FIELD]: _organization, ...rest } = raw as Record<string, unknown>;
  return rest;
}

function echo(raw: unknown): Record<string, string> {
  if (!(raw instanceof FormData)) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of raw.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && key !== ORGANIZATION_FIELD && !/password|secret|token/i.test(key)) out[key] = value;
  }
  return out;
}

/**
 * Form fields as an object. Empty inputs count as absent so optional fields stay optional; a name that repeats
 * (checkbox groups, multi-selects) becomes an array.
 */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION") || key === ORGANIZATION_FIELD) continue;
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    if (key.endsWith("[]")) {
      out[key.slice(0, -2)] = values.filter((v) => v !== "");
      continue;
    }
    const value = values.length > 1 ? values : values[0];
    if (value === undefined || value === "") continue;
    out[key] = value;
  }
  return out;
}
