import { runIdempotent, requestHash } from "@/lib/checkins/idempotency";
import { recordCheckIn } from "@/lib/checkins/mutations";
import { listCheckIns } from "@/lib/checkins/queries";
import { IdempotencyKeySchema } from "@/lib/checkins/schemas";
import { serializeRecorded } from "@/lib/checkins/serialize";
import { AppError } from "@/lib/errors";
import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { countCheckIns } from "@/lib/ops/metrics";

export const GET = defineRoute(operations.listCheckIns, async ({ actor, query }) => listCheckIns(actor.orgId, query));

/**
 * Checks in on a key result for the current week (a second check-in the same week updates it, keeping the
 * earlier version). With an `Idempotency-Key` header a retried request returns the first answer and writes
 * nothing: 201 for the week's first check-in, 200 for an update, `Idempotent-Replayed: true` on a replay.
 */
export const POST = defineRoute(operations.createCheckIn, async ({ actor, body, req, requestId }) => {
  const respond = (status: number, payload: unknown, isReplay = false) =>
    Response.json(payload, { status, headers: { "x-request-id": requestId, ...(isReplay ? { "idempotent-replayed": "true" } : {}) } });

  const header = req.headers.get("idempotency-key");
  if (header === null) {
    const saved = await recordCheckIn(actor, body);
    return respond(saved.isNew ? 201 : 200, serializeRecorded({ ...saved, apiTokenId: actor.apiTokenId }));
  }
  const key = IdempotencyKeySchema.safeParse(header);
  if (!key.success) {
    const message = key.error.issues[0]?.message ?? "Idempotency-Key is not valid";
    throw new AppError("bad_request", message, { "Idempotency-Key": [message] });
  }
  const result = await runIdempotent(actor, key.data, requestHash("POST", "/api/v1/check-ins", body), async (tx) => {
    const saved = await recordCheckIn(actor, body, { tx });
    return { status: saved.isNew ? 201 : 200, body: serializeRecorded({ ...saved, apiTokenId: actor.apiTokenId }) };
  });
  // Counted once committed; a replay wrote nothing.
  if (!result.isReplay) countCheckIns([{ isNew: result.status === 201 }]);
  return respond(result.status, result.body, result.isReplay);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
