CREATE TYPE "public"."audit_actor_kind" AS ENUM('person', 'api_key', 'system');--> statement-breakpoint
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_actor_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "actor_kind" "audit_actor_kind" DEFAULT 'system' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "actor_name" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "actor_email" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "client_address" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "user_agent" text;--> statement-breakpoint
-- Upgrade path: events written before the snapshot name their actor as the users table does now.
UPDATE "audit_events" AS e SET "actor_kind" = 'person', "actor_name" = u."name", "actor_email" = u."email"
  FROM "users" AS u WHERE u."id" = e."actor_id";
