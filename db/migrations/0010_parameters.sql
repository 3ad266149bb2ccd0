CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"time" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"detail_type" text NOT NULL,
	"resources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parameter_versions" (
	"name_key" text NOT NULL,
	"version" integer NOT NULL,
	"type" text NOT NULL,
	"value" text NOT NULL,
	"key_id" text,
	"description" text,
	"allowed_pattern" text,
	"tier" text NOT NULL,
	"data_type" text DEFAULT 'text' NOT NULL,
	"policies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"labels" text[] DEFAULT '{}' NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_user" text NOT NULL,
	CONSTRAINT "parameter_versions_name_key_version_pk" PRIMARY KEY("name_key","version")
);
--> statement-breakpoint
CREATE TABLE "parameters" (
	"name_key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"parent_path" text NOT NULL,
	"type" text NOT NULL,
	"value" text NOT NULL,
	"key_id" text,
	"version" integer NOT NULL,
	"description" text,
	"allowed_pattern" text,
	"tier" text NOT NULL,
	"data_type" text DEFAULT 'text' NOT NULL,
	"policies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_modified_user" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "parameter_versions" ADD CONSTRAINT "parameter_versions_name_key_parameters_name_key_fk" FOREIGN KEY ("name_key") REFERENCES "public"."parameters"("name_key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_time_idx" ON "events" USING btree ("time");--> statement-breakpoint
CREATE INDEX "events_resources_idx" ON "events" USING gin ("resources");--> statement-breakpoint
CREATE INDEX "parameters_parent_idx" ON "parameters" USING btree ("parent_path","name_key");--> statement-breakpoint
CREATE INDEX "parameters_name_prefix_idx" ON "parameters" USING btree ("name_key" text_pattern_ops);