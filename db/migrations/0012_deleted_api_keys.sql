CREATE TABLE "deleted_api_keys" (
	"secret_hash" text PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL
);
