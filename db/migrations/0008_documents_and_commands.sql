CREATE TABLE "document_versions" (
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"version_name" text,
	"content" text NOT NULL,
	"document_format" text NOT NULL,
	"schema_version" text,
	"description" text,
	"hash" text NOT NULL,
	"parameters" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"platform_types" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_versions_name_version_pk" PRIMARY KEY("name","version")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"name" text PRIMARY KEY NOT NULL,
	"document_type" text NOT NULL,
	"owner" text NOT NULL,
	"is_builtin" boolean DEFAULT false NOT NULL,
	"display_name" text,
	"target_type" text,
	"default_version" integer DEFAULT 1 NOT NULL,
	"latest_version" integer DEFAULT 1 NOT NULL,
	"tags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"shared_with" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "command_invocations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"command_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"node_name" text DEFAULT '' NOT NULL,
	"seq" integer NOT NULL,
	"status" text DEFAULT 'Pending' NOT NULL,
	"status_details" text DEFAULT 'Pending' NOT NULL,
	"response_code" integer DEFAULT -1 NOT NULL,
	"dispatched_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"started_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone,
	"plugins" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "command_invocations_command_node" UNIQUE("command_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "command_output" (
	"invocation_id" uuid NOT NULL,
	"plugin" smallint NOT NULL,
	"stream" text NOT NULL,
	"offset" bigint NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "command_output_invocation_id_plugin_stream_offset_pk" PRIMARY KEY("invocation_id","plugin","stream","offset")
);
--> statement-breakpoint
CREATE TABLE "commands" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_name" text NOT NULL,
	"document_version" text NOT NULL,
	"document_hash" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"parameters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"steps" jsonb NOT NULL,
	"targets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"instance_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"max_concurrency" text NOT NULL,
	"max_errors" text NOT NULL,
	"concurrency_limit" integer NOT NULL,
	"error_limit" integer NOT NULL,
	"timeout_seconds" integer NOT NULL,
	"execution_timeout_seconds" integer NOT NULL,
	"run_as" text,
	"status" text DEFAULT 'Pending' NOT NULL,
	"status_details" text DEFAULT 'Pending' NOT NULL,
	"target_count" integer NOT NULL,
	"completed_count" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"delivery_timed_out_count" integer DEFAULT 0 NOT NULL,
	"is_cancel_requested" boolean DEFAULT false NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_name_documents_name_fk" FOREIGN KEY ("name") REFERENCES "public"."documents"("name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "command_invocations" ADD CONSTRAINT "command_invocations_command_id_commands_id_fk" FOREIGN KEY ("command_id") REFERENCES "public"."commands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "command_output" ADD CONSTRAINT "command_output_invocation_id_command_invocations_id_fk" FOREIGN KEY ("invocation_id") REFERENCES "public"."command_invocations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_type_idx" ON "documents" USING btree ("document_type","name");--> statement-breakpoint
CREATE INDEX "documents_owner_idx" ON "documents" USING btree ("owner","name");--> statement-breakpoint
CREATE INDEX "command_invocations_command_status_idx" ON "command_invocations" USING btree ("command_id","status","seq");--> statement-breakpoint
CREATE INDEX "command_invocations_node_status_idx" ON "command_invocations" USING btree ("node_id","status");--> statement-breakpoint
CREATE INDEX "commands_requested_idx" ON "commands" USING btree ("requested_at","id");--> statement-breakpoint
CREATE INDEX "commands_active_idx" ON "commands" USING btree ("status","expires_at");