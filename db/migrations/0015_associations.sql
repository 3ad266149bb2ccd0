CREATE TABLE "association_execution_targets" (
	"execution_id" uuid NOT NULL,
	"association_id" uuid NOT NULL,
	"resource_id" text NOT NULL,
	"status" text NOT NULL,
	"detailed_status" text NOT NULL,
	"output_excerpt" text DEFAULT '' NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	CONSTRAINT "association_execution_targets_execution_id_resource_id_pk" PRIMARY KEY("execution_id","resource_id")
);
--> statement-breakpoint
CREATE TABLE "association_executions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"association_id" uuid NOT NULL,
	"association_version" integer NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'Pending' NOT NULL,
	"detailed_status" text DEFAULT 'Pending' NOT NULL,
	"reason" text,
	"command_id" uuid,
	"automation_execution_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "association_versions" (
	"association_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"settings" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "association_versions_association_id_version_pk" PRIMARY KEY("association_id","version")
);
--> statement-breakpoint
CREATE TABLE "associations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text,
	"document_name" text NOT NULL,
	"document_version" text,
	"document_type" text NOT NULL,
	"parameters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"targets" jsonb NOT NULL,
	"schedule_expression" text,
	"schedule_offset" integer,
	"apply_only_at_cron_interval" boolean DEFAULT false NOT NULL,
	"max_concurrency" text DEFAULT '100%' NOT NULL,
	"max_errors" text DEFAULT '100%' NOT NULL,
	"compliance_severity" text DEFAULT 'UNSPECIFIED' NOT NULL,
	"automation_target_parameter_name" text,
	"calendar_names" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_execution_at" timestamp with time zone,
	"last_successful_execution_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "association_execution_targets" ADD CONSTRAINT "association_execution_targets_execution_id_association_executions_id_fk" FOREIGN KEY ("execution_id") REFERENCES "public"."association_executions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_executions" ADD CONSTRAINT "association_executions_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_versions" ADD CONSTRAINT "association_versions_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "association_targets_node_idx" ON "association_execution_targets" USING btree ("association_id","resource_id","ended_at");--> statement-breakpoint
CREATE INDEX "association_executions_association_idx" ON "association_executions" USING btree ("association_id","created_at");--> statement-breakpoint
CREATE INDEX "association_executions_command_idx" ON "association_executions" USING btree ("command_id");--> statement-breakpoint
CREATE INDEX "association_executions_status_idx" ON "association_executions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "associations_document_idx" ON "associations" USING btree ("document_name");--> statement-breakpoint
CREATE INDEX "associations_created_idx" ON "associations" USING btree ("created_at","id");