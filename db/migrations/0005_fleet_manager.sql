CREATE TABLE "node_status_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"node_id" text NOT NULL,
	"ping_status" text NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"tag_query" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"node_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_groups_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "saved_filters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_filters_user_name" UNIQUE("user_id","name")
);
--> statement-breakpoint
ALTER TABLE "activations" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "activations" ADD COLUMN "account" text;--> statement-breakpoint
ALTER TABLE "managed_nodes" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "managed_nodes" ADD COLUMN "account" text;--> statement-breakpoint
ALTER TABLE "managed_nodes" ADD COLUMN "diagnosis" jsonb;--> statement-breakpoint
ALTER TABLE "managed_nodes" ADD COLUMN "diagnosed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "node_status_events" ADD CONSTRAINT "node_status_events_node_id_managed_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."managed_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_filters" ADD CONSTRAINT "saved_filters_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "node_status_events_node_idx" ON "node_status_events" USING btree ("node_id","at");