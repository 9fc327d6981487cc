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