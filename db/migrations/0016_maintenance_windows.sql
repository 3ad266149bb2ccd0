CREATE TABLE "maintenance_window_executions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"window_id" text NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"cutoff_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"status_details" text DEFAULT '' NOT NULL,
	"is_wake_requested" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_window_invocations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_execution_id" uuid NOT NULL,
	"window_execution_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"execution_id" text,
	"resource_id" text,
	"window_target_id" uuid,
	"owner_information" text,
	"parameters" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"status_details" text DEFAULT '' NOT NULL,
	"output" text DEFAULT '' NOT NULL,
	"response_status" integer,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "maintenance_window_targets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"window_id" text NOT NULL,
	"resource_type" text NOT NULL,
	"targets" jsonb NOT NULL,
	"owner_information" text,
	"name" text,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_window_task_executions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"window_execution_id" uuid NOT NULL,
	"window_id" text NOT NULL,
	"task_id" uuid NOT NULL,
	"task_name" text,
	"task_type" text NOT NULL,
	"task_arn" text NOT NULL,
	"priority" integer NOT NULL,
	"targets" jsonb NOT NULL,
	"max_concurrency" text NOT NULL,
	"max_errors" text NOT NULL,
	"cutoff_behavior" text NOT NULL,
	"invocation" jsonb NOT NULL,
	"run_as" jsonb NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"status_details" text DEFAULT '' NOT NULL,
	"command_id" uuid,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_window_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"window_id" text NOT NULL,
	"task_type" text NOT NULL,
	"task_arn" text NOT NULL,
	"targets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"priority" integer DEFAULT 1 NOT NULL,
	"max_concurrency" text,
	"max_errors" text,
	"cutoff_behavior" text DEFAULT 'CONTINUE_TASK' NOT NULL,
	"invocation" jsonb NOT NULL,
	"name" text,
	"description" text,
	"registered_by" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_windows" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"schedule" text NOT NULL,
	"schedule_timezone" text,
	"schedule_offset" integer,
	"duration" integer NOT NULL,
	"cutoff" integer NOT NULL,
	"start_date" timestamp with time zone,
	"end_date" timestamp with time zone,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"allow_unassociated_targets" boolean DEFAULT false NOT NULL,
	"calendar_names" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "maintenance_window_executions" ADD CONSTRAINT "maintenance_window_executions_window_id_maintenance_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."maintenance_windows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_window_invocations" ADD CONSTRAINT "maintenance_window_invocations_task_execution_id_maintenance_window_task_executions_id_fk" FOREIGN KEY ("task_execution_id") REFERENCES "public"."maintenance_window_task_executions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_window_targets" ADD CONSTRAINT "maintenance_window_targets_window_id_maintenance_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."maintenance_windows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_window_task_executions" ADD CONSTRAINT "maintenance_window_task_executions_window_execution_id_maintenance_window_executions_id_fk" FOREIGN KEY ("window_execution_id") REFERENCES "public"."maintenance_window_executions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_window_tasks" ADD CONSTRAINT "maintenance_window_tasks_window_id_maintenance_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."maintenance_windows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_window_executions_occurrence_idx" ON "maintenance_window_executions" USING btree ("window_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "maintenance_window_executions_window_idx" ON "maintenance_window_executions" USING btree ("window_id","created_at");--> statement-breakpoint
CREATE INDEX "maintenance_window_executions_status_idx" ON "maintenance_window_executions" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_window_invocations_seq_idx" ON "maintenance_window_invocations" USING btree ("task_execution_id","seq");--> statement-breakpoint
CREATE INDEX "maintenance_window_invocations_execution_idx" ON "maintenance_window_invocations" USING btree ("execution_id");--> statement-breakpoint
CREATE INDEX "maintenance_window_targets_window_idx" ON "maintenance_window_targets" USING btree ("window_id","created_at");--> statement-breakpoint
CREATE INDEX "maintenance_window_task_executions_execution_idx" ON "maintenance_window_task_executions" USING btree ("window_execution_id","priority");--> statement-breakpoint
CREATE INDEX "maintenance_window_task_executions_command_idx" ON "maintenance_window_task_executions" USING btree ("command_id");--> statement-breakpoint
CREATE INDEX "maintenance_window_tasks_window_idx" ON "maintenance_window_tasks" USING btree ("window_id","priority");--> statement-breakpoint
CREATE INDEX "maintenance_windows_name_idx" ON "maintenance_windows" USING btree ("name","id");