CREATE TABLE "key_aliases" (
	"name" text PRIMARY KEY NOT NULL,
	"key_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_versions" (
	"key_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"encrypted_material" text NOT NULL,
	"rotation_type" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "key_versions_key_id_version_pk" PRIMARY KEY("key_id","version")
);
--> statement-breakpoint
CREATE TABLE "keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"arn" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'Enabled' NOT NULL,
	"deletion_date" timestamp with time zone,
	"key_manager" text NOT NULL,
	"rotation_enabled" boolean DEFAULT false NOT NULL,
	"rotation_period_days" integer DEFAULT 365 NOT NULL,
	"next_rotation_date" timestamp with time zone,
	"current_version" integer DEFAULT 1 NOT NULL,
	"tags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "keys_arn_unique" UNIQUE("arn")
);
--> statement-breakpoint
ALTER TABLE "key_aliases" ADD CONSTRAINT "key_aliases_key_id_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_versions" ADD CONSTRAINT "key_versions_key_id_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "key_aliases_key_idx" ON "key_aliases" USING btree ("key_id");--> statement-breakpoint
CREATE INDEX "keys_state_deletion_idx" ON "keys" USING btree ("state","deletion_date");