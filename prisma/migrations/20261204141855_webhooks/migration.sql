-- CreateEnum
CREATE TYPE "WebhookDeliveryState" AS ENUM ('pending', 'delivered', 'failed');

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "url" VARCHAR(2000) NOT NULL,
    "description" VARCHAR(200) NOT NULL DEFAULT '',
    "events" TEXT[],
    "secret_ciphertext" TEXT NOT NULL,
    "secret_prefix" VARCHAR(16) NOT NULL,
    "is_enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabled_at" TIMESTAMPTZ(3),
    "disabled_reason" VARCHAR(500),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_events" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "type" VARCHAR(60) NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "state" "WebhookDeliveryState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "retry_until" TIMESTAMPTZ(3) NOT NULL,
    "last_status_code" INTEGER,
    "last_error" VARCHAR(1000),
    "last_duration_ms" INTEGER,
    "last_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhook_endpoints_organization_id_idx" ON "webhook_endpoints"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_endpoints_organization_id_id_key" ON "webhook_endpoints"("organization_id", "id");

-- CreateIndex
CREATE INDEX "webhook_events_created_at_idx" ON "webhook_events"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_events_organization_id_id_key" ON "webhook_events"("organization_id", "id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_state_next_attempt_at_idx" ON "webhook_deliveries"("state", "next_attempt_at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_endpoint_id_created_at_idx" ON "webhook_deliveries"("endpoint_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_id_event_id_key" ON "webhook_deliveries"("endpoint_id", "event_id");

-- AddForeignKey
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_organization_id_endpoint_id_fkey" FOREIGN KEY ("organization_id", "endpoint_id") REFERENCES "webhook_endpoints"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_organization_id_event_id_fkey" FOREIGN KEY ("organization_id", "event_id") REFERENCES "webhook_events"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The outbox. Every change Keel makes writes an audit event in its own transaction; this trigger turns the ones
-- webhooks announce into an event and one delivery per subscribed endpoint, in that same transaction, so a change
-- and its deliveries commit together or not at all, whichever code path (Prisma or the check-in's one statement)
-- made it. An organisation without endpoints pays one index probe. lib/webhooks/events.ts names the same types.
CREATE FUNCTION "keel_webhook_event_type"(action text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE action
    WHEN 'checkin.created' THEN 'check_in.created'
    WHEN 'checkin.updated' THEN 'check_in.updated'
    WHEN 'keyresult.created' THEN 'key_result.created'
    WHEN 'keyresult.updated' THEN 'key_result.updated'
    WHEN 'keyresult.target_changed' THEN 'key_result.updated'
    WHEN 'keyresult.scored' THEN 'key_result.updated'
    WHEN 'objective.created' THEN 'objective.created'
    WHEN 'objective.updated' THEN 'objective.updated'
    WHEN 'objective.title_changed' THEN 'objective.updated'
    WHEN 'objective.aligned' THEN 'objective.updated'
    WHEN 'objective.abandoned' THEN 'objective.abandoned'
    WHEN 'cycle.activated' THEN 'cycle.activated'
    WHEN 'cycle.closed' THEN 'cycle.closed'
    WHEN 'comment.created' THEN 'comment.created'
  END
$$;

CREATE FUNCTION "keel_webhook_outbox"() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  event_type text := keel_webhook_event_type(NEW.action);
  event_id uuid;
BEGIN
  IF event_type IS NULL THEN
    RETURN NULL;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM webhook_endpoints e
                  WHERE e.organization_id = NEW.organization_id AND e.is_enabled AND event_type = ANY (e.events)) THEN
    RETURN NULL;
  END IF;
  event_id := keel_uuidv7();
  INSERT INTO webhook_events (id, organization_id, type, payload, created_at)
  VALUES (event_id, NEW.organization_id, event_type, jsonb_build_object(
    'id', event_id,
    'type', event_type,
    'createdAt', to_char(NEW.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'organizationId', NEW.organization_id,
    'actor', jsonb_build_object('userId', NEW.actor_id, 'apiTokenId', NEW.api_token_id),
    'data', jsonb_build_object(
      'objectType', NEW.entity_type,
      'object', jsonb_build_object('id', NEW.entity_id) || CASE WHEN jsonb_typeof(NEW.after) = 'object' THEN NEW.after ELSE '{}'::jsonb END,
      'previous', NEW.before,
      'reason', NEW.reason)), NEW.created_at);
  INSERT INTO webhook_deliveries (id, organization_id, endpoint_id, event_id, state, next_attempt_at, retry_until, created_at, updated_at)
  SELECT keel_uuidv7(), NEW.organization_id, e.id, event_id, 'pending', NEW.created_at, NEW.created_at + interval '1 day', NEW.created_at, NEW.created_at
    FROM webhook_endpoints e
   WHERE e.organization_id = NEW.organization_id AND e.is_enabled AND event_type = ANY (e.events);
  -- Delivered at commit: app servers listening wake the webhooks job at once instead of at its next minute.
  PERFORM pg_notify('keel_webhooks', NEW.organization_id::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER "audit_events_webhook_outbox"
  AFTER INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "keel_webhook_outbox"();
