import { AppError, type FieldErrors } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/** RFC 9457 problem details, with the invalid fields listed so a script can show them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}

export function problemFromAppError(error: AppError, requestId?: string): Problem {
  const errors = flattenFieldErrors(error.fieldErrors);
  return {
    type: `https://keel.dev/problems/${error.code.replace(/_/g, "-")}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    ...(requestId ? { requestId } : {}),
    ...(errors.length ? { errors } : {}),
  };
}

export function problemResponse(problem: Problem, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

function flattenFieldErrors(fieldErrors: FieldErrors): { field: string; message: string }[] {
  return Object.entries(fieldErrors).flatMap(([field, messages]) => messages.map((message) => ({ field, message })));
}

/**
 * Postgres gave up waiting (lock or statement timeout), found a deadlock or a serialisation conflict, directly from pg,
 * through the driver adapter or through Prisma; or Prisma gave up on the transaction itself (P2028: it timed out or
 * expired), on getting a connection (P2024) or on a write conflict (P2034). Either way the transaction was rolled
 * back, so the honest answer is "busy, try again".
 */
const BUSY_SQLSTATES = new Set(["40001", "40P01", "55P03", "57014"]);
const BUSY_PRISMA_CODES = new Set(["P2024", "P2028", "P2034", "P2037"]);

/** The codes a pg error, a driver adapter error (its `cause`) or one Prisma wrapped (P2010's meta) carries. */
function errorCodes(error: unknown): unknown[] {
  const e = error as { code?: unknown; cause?: { code?: unknown; originalCode?: unknown }; meta?: { driverAdapterError?: { cause?: { code?: unknown; originalCode?: unknown } } } } | null;
  return [e?.code, e?.cause?.code, e?.cause?.originalCode, e?.meta?.driverAdapterError?.cause?.code, e?.meta?.driverAdapterError?.cause?.originalCode];
}

function isBusy(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && BUSY_PRISMA_CODES.has(error.code)) return true;
  return errorCodes(error).some((code) => typeof code === "string" && BUSY_SQLSTATES.has(code));
}

/**
 * Known failures become AppErrors; anything else stays unknown (and becomes a logged 500).
 * Unique violations are conflicts; a missing row on update is a 404.
 */
export function normaliseError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (isBusy(error)) return new AppError("conflict", "Someone else is changing the same items right now. Nothing was saved; try again.");
  // A check constraint or trigger (such as the team tree's loop guard) refused the write the code let through.
  if (errorCodes(error).includes("23514")) return new AppError("validation", "That change would break a rule of the data (such as a team beneath itself). Nothing was saved.");
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2025") return new AppError("not_found", "That item was not found");
    if (error.code === "P2002") return new AppError("conflict", "That already exists");
    if (error.code === "P2003") return new AppError("validation", "A referenced item does not exist");
  }
  return null;
}
