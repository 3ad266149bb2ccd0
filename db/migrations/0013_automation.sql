CREATE TABLE "automation_executions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_name" text NOT NULL,
	"document_version" text NOT NULL,
	"runbook" jsonb NOT NULL,
	"parameters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"step_outputs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"outputs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"mode" text DEFAULT 'Auto' NOT NULL,
	"status" text DEFAULT 'Pending' NOT NULL,
	"failure_message" text,
	"executed_by" jsonb NOT NULL,
	"parent_id" uuid,
	"parent_step_id" uuid,
	"target_parameter_name" text,
	"targets" jsonb,
	"resolved_targets" jsonb,
	"target" text,
	"max_concurrency" text,
	"max_errors" text,
	"concurrency_limit" integer,
	"error_limit" integer,
	"cursor_step_id" uuid,
	"start_step_name" text,
	"owner" text,
	"is_wake_requested" boolean DEFAULT false NOT NULL,
	"stop_request" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "automation_step_executions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"execution_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"step_name" text NOT NULL,
	"action" text NOT NULL,
	"definition" jsonb NOT NULL,
	"loop_step_id" uuid,
	"iteration" integer,
	"status" text DEFAULT 'Pending' NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 1 NOT NULL,
	"timeout_seconds" integer,
	"inputs" jsonb,
	"outputs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"response" jsonb,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"failure_message" text,
	"failure_type" text,
	"next_step_name" text,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"deadline_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "automation_step_executions" ADD CONSTRAINT "automation_step_executions_execution_id_automation_executions_id_fk" FOREIGN KEY ("execution_id") REFERENCES "public"."automation_executions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "automation_executions_created_idx" ON "automation_executions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "automation_executions_status_idx" ON "automation_executions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "automation_executions_parent_idx" ON "automation_executions" USING btree ("parent_id","status");--> statement-breakpoint
CREATE INDEX "automation_executions_document_idx" ON "automation_executions" USING btree ("document_name","created_at");--> statement-breakpoint
CREATE INDEX "automation_steps_execution_idx" ON "automation_step_executions" USING btree ("execution_id","seq");--> statement-breakpoint
CREATE INDEX "automation_steps_command_idx" ON "automation_step_executions" USING btree ("status");