ALTER TYPE "public"."job_kind" ADD VALUE 'maintenance';--> statement-breakpoint
ALTER TABLE "jobs" ALTER COLUMN "organization_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "period" text;--> statement-breakpoint
ALTER TABLE "organization_domains" ADD COLUMN "failed_checks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_one_per_period" ON "jobs" USING btree ("kind","period");--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_maintenance_has_period" CHECK (("jobs"."kind"::text = 'maintenance') = ("jobs"."period" is not null));--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_work_has_organization" CHECK ("jobs"."kind"::text = 'maintenance' or "jobs"."organization_id" is not null);