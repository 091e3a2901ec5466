import { z } from "zod";

export type ErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "validation"
  | "rate_limited"
  | "unavailable";

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  validation: 422,
  rate_limited: 429,
  unavailable: 503,
};

const TITLE_BY_CODE: Record<ErrorCode, string> = {
  bad_request: "Bad request",
  unauthenticated: "Sign in required",
  forbidden: "Not allowed",
  not_found: "Not found",
  conflict: "Conflict",
  validation: "Invalid input",
  rate_limited: "Too many requests",
  unavailable: "Busy, try again",
};

export type FieldErrors = Record<string, string[]>;

/** The one error type domain code throws; the wrappers turn it into a status, a problem document or a form message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }

  get title(): string {
    return TITLE_BY_CODE[this.code];
  }
}

/** A refusal that says when to try again: the API sends it as `Retry-After`, forms say it in words. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("rate_limited", message);
  }
}

export const notFound = (what = "That item") => new AppError("not_found", `${what} was not found`);
export const forbidden = (message = "You are not allowed to do that") => new AppError("forbidden", message);
export const conflict = (message: string) => new AppError("conflict", message);

export function invalid(field: string, message: string): AppError {
  return new AppError("validation", message, { [field]: [message] });
}

export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function fromZod(error: z.ZodError): AppError {
  const fieldErrors = fieldErrorsFromZod(error);
  const first = Object.entries(fieldErrors)[0];
  const message = first ? `${first[0]}: ${first[1][0]}` : "Invalid input";
  return new AppError("validation", message, fieldErrors);
}
