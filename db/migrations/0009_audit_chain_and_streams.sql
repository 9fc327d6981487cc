CREATE TABLE "audit_chains" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"start_sequence" bigint DEFAULT 0 NOT NULL,
	"start_hash" text,
	"retention_days" integer,
	"verified_at" timestamp with time zone,
	"verified_intact" boolean,
	"verified_events" integer,
	"broken_event_id" bigint,
	"broken_reason" text,
	"head_sequence" bigint,
	"head_hash" text
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "sequence" bigint;--> statement-breakpoint
-- Upgrade path (hand-written): the key is not in the database, so existing events cannot be hashed here.
-- They get their place in the organization's log (in id order) and no hash: "recorded before the chain".
-- Each organization's chain then starts after them (audit_chains.start_sequence, start_hash null), and its
-- first new event chains from the documented starting value (lib/audit/chain.ts, genesisHash).
UPDATE "audit_events" AS e SET "sequence" = n."sequence"
  FROM (SELECT "id", row_number() OVER (PARTITION BY "organization_id" ORDER BY "id") AS "sequence" FROM "audit_events") AS n
  WHERE n."id" = e."id";--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "sequence" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "audit_chains" ADD CONSTRAINT "audit_chains_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_organization_sequence_unique" ON "audit_events" USING btree ("organization_id","sequence");--> statement-breakpoint
INSERT INTO "audit_chains" ("organization_id", "start_sequence")
  SELECT "organization_id", max("sequence") FROM "audit_events" GROUP BY "organization_id";--> statement-breakpoint
-- Events are never edited (hand-written): UPDATE is refused; DELETE only when the transaction says it is
-- the organization's deletion or audit retention (SET LOCAL org_console.audit_delete = 'allowed',
-- lib/audit/chain.ts allowAuditDeletion), which the cascade from organizations also needs.
CREATE FUNCTION "audit_events_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'audit events are never updated' USING ERRCODE = '42501';
  END IF;
  IF coalesce(current_setting('org_console.audit_delete', true), '') <> 'allowed' THEN
    RAISE EXCEPTION 'audit events are deleted only with their organization or by audit retention' USING ERRCODE = '42501';
  END IF;
  RETURN OLD;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "audit_events_never_edited" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();
--> statement-breakpoint
CREATE TYPE "public"."audit_delivery_state" AS ENUM('pending', 'delivered', 'failed');--> statement-breakpoint
CREATE TYPE "public"."audit_stream_pause" AS ENUM('failing', 'plan');--> statement-breakpoint
CREATE TYPE "public"."audit_stream_status" AS ENUM('active', 'paused');--> statement-breakpoint
ALTER TYPE "public"."job_kind" ADD VALUE 'audit_stream';--> statement-breakpoint
CREATE TABLE "audit_stream_deliveries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_stream_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"endpoint_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"event_id" bigint,
	"message_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"state" "audit_delivery_state" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_status" integer,
	"last_error" text,
	"last_latency_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_stream_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"previous_secret" text,
	"previous_secret_expires_at" timestamp with time zone,
	"status" "audit_stream_status" DEFAULT 'active' NOT NULL,
	"paused_reason" "audit_stream_pause",
	"failing_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_stream_deliveries" ADD CONSTRAINT "audit_stream_deliveries_endpoint_id_audit_stream_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."audit_stream_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_stream_endpoints" ADD CONSTRAINT "audit_stream_endpoints_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_stream_deliveries_endpoint_idx" ON "audit_stream_deliveries" USING btree ("endpoint_id","state","id");--> statement-breakpoint
CREATE INDEX "audit_stream_deliveries_created_idx" ON "audit_stream_deliveries" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_stream_endpoints_organization_idx" ON "audit_stream_endpoints" USING btree ("organization_id");