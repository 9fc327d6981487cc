ALTER TYPE "public"."email_token_purpose" ADD VALUE 'organizationRestore';--> statement-breakpoint
ALTER TYPE "public"."job_kind" ADD VALUE 'chat_retention';--> statement-breakpoint
ALTER TYPE "public"."job_kind" ADD VALUE 'export';--> statement-breakpoint
ALTER TYPE "public"."organization_status" ADD VALUE 'scheduled_deletion' BEFORE 'deleting';--> statement-breakpoint
CREATE TABLE "organization_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"requested_by_user_id" uuid,
	"requested_by_key_id" uuid,
	"file_name" text NOT NULL,
	"size" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "requested_by_key_id" uuid;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "chat_retention_days" integer;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "deletion_scheduled_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organization_exports" ADD CONSTRAINT "organization_exports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_exports" ADD CONSTRAINT "organization_exports_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organization_exports_job_unique" ON "organization_exports" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "organization_exports_organization_idx" ON "organization_exports" USING btree ("organization_id","created_at");