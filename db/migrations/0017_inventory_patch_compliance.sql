CREATE TABLE "inventory_entries" (
	"node_id" text NOT NULL,
	"type_name" text NOT NULL,
	"item_key" text NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "inventory_entries_node_id_type_name_item_key_pk" PRIMARY KEY("node_id","type_name","item_key")
);
--> statement-breakpoint
CREATE TABLE "inventory_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"node_id" text NOT NULL,
	"type_name" text NOT NULL,
	"item_key" text NOT NULL,
	"change" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"captured_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_types" (
	"node_id" text NOT NULL,
	"type_name" text NOT NULL,
	"schema_version" text NOT NULL,
	"capture_time" timestamp with time zone NOT NULL,
	"content_hash" text NOT NULL,
	"item_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_types_node_id_type_name_pk" PRIMARY KEY("node_id","type_name")
);
--> statement-breakpoint
CREATE TABLE "available_patches" (
	"operating_system" text NOT NULL,
	"name" text NOT NULL,
	"arch" text DEFAULT '' NOT NULL,
	"version" text NOT NULL,
	"repository" text DEFAULT '' NOT NULL,
	"section" text DEFAULT '' NOT NULL,
	"priority" text DEFAULT '' NOT NULL,
	"classification" text DEFAULT '' NOT NULL,
	"severity" text DEFAULT '' NOT NULL,
	"product" text DEFAULT '' NOT NULL,
	"release_date" timestamp with time zone,
	"cve_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "available_patches_operating_system_name_arch_version_pk" PRIMARY KEY("operating_system","name","arch","version")
);
--> statement-breakpoint
CREATE TABLE "default_patch_baselines" (
	"operating_system" text PRIMARY KEY NOT NULL,
	"baseline_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instance_patch_states" (
	"node_id" text PRIMARY KEY NOT NULL,
	"patch_group" text,
	"baseline_id" text NOT NULL,
	"snapshot_id" text NOT NULL,
	"install_override_list" text,
	"operation" text NOT NULL,
	"reboot_option" text NOT NULL,
	"operation_start_time" timestamp with time zone NOT NULL,
	"operation_end_time" timestamp with time zone NOT NULL,
	"last_no_reboot_install_operation_time" timestamp with time zone,
	"installed_count" integer DEFAULT 0 NOT NULL,
	"installed_other_count" integer DEFAULT 0 NOT NULL,
	"installed_pending_reboot_count" integer DEFAULT 0 NOT NULL,
	"installed_rejected_count" integer DEFAULT 0 NOT NULL,
	"missing_count" integer DEFAULT 0 NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"not_applicable_count" integer DEFAULT 0 NOT NULL,
	"critical_non_compliant_count" integer DEFAULT 0 NOT NULL,
	"security_non_compliant_count" integer DEFAULT 0 NOT NULL,
	"other_non_compliant_count" integer DEFAULT 0 NOT NULL,
	"reboot_required" boolean DEFAULT false NOT NULL,
	"command_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instance_patches" (
	"node_id" text NOT NULL,
	"kb_id" text NOT NULL,
	"title" text NOT NULL,
	"classification" text DEFAULT '' NOT NULL,
	"severity" text DEFAULT '' NOT NULL,
	"state" text NOT NULL,
	"installed_time" timestamp with time zone,
	"cve_ids" text,
	CONSTRAINT "instance_patches_node_id_kb_id_pk" PRIMARY KEY("node_id","kb_id")
);
--> statement-breakpoint
CREATE TABLE "patch_baselines" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"operating_system" text NOT NULL,
	"global_filters" jsonb DEFAULT '{"PatchFilters":[]}'::jsonb NOT NULL,
	"approval_rules" jsonb DEFAULT '{"PatchRules":[]}'::jsonb NOT NULL,
	"approved_patches" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approved_patches_compliance_level" text DEFAULT 'UNSPECIFIED' NOT NULL,
	"approved_patches_enable_non_security" boolean DEFAULT false NOT NULL,
	"rejected_patches" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rejected_patches_action" text DEFAULT 'ALLOW_AS_DEPENDENCY' NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"is_predefined" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patch_groups" (
	"patch_group" text NOT NULL,
	"operating_system" text NOT NULL,
	"baseline_id" text NOT NULL,
	CONSTRAINT "patch_groups_patch_group_operating_system_pk" PRIMARY KEY("patch_group","operating_system")
);
--> statement-breakpoint
CREATE TABLE "compliance_items" (
	"resource_type" text NOT NULL,
	"resource_id" text NOT NULL,
	"compliance_type" text NOT NULL,
	"item_id" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"severity" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"execution_summary" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_items_resource_type_resource_id_compliance_type_item_id_pk" PRIMARY KEY("resource_type","resource_id","compliance_type","item_id")
);
--> statement-breakpoint
ALTER TABLE "inventory_entries" ADD CONSTRAINT "inventory_entries_node_id_managed_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."managed_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_history" ADD CONSTRAINT "inventory_history_node_id_managed_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."managed_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_types" ADD CONSTRAINT "inventory_types_node_id_managed_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."managed_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "default_patch_baselines" ADD CONSTRAINT "default_patch_baselines_baseline_id_patch_baselines_id_fk" FOREIGN KEY ("baseline_id") REFERENCES "public"."patch_baselines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instance_patch_states" ADD CONSTRAINT "instance_patch_states_node_id_managed_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."managed_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instance_patches" ADD CONSTRAINT "instance_patches_node_id_managed_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."managed_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patch_groups" ADD CONSTRAINT "patch_groups_baseline_id_patch_baselines_id_fk" FOREIGN KEY ("baseline_id") REFERENCES "public"."patch_baselines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inventory_entries_type_key_idx" ON "inventory_entries" USING btree ("type_name","item_key");--> statement-breakpoint
CREATE INDEX "inventory_entries_data_idx" ON "inventory_entries" USING gin ("data");--> statement-breakpoint
CREATE INDEX "inventory_history_node_idx" ON "inventory_history" USING btree ("node_id","captured_at","id");--> statement-breakpoint
CREATE INDEX "inventory_history_type_idx" ON "inventory_history" USING btree ("type_name","item_key");--> statement-breakpoint
CREATE INDEX "inventory_types_type_idx" ON "inventory_types" USING btree ("type_name","node_id");--> statement-breakpoint
CREATE INDEX "instance_patch_states_group_idx" ON "instance_patch_states" USING btree ("patch_group");--> statement-breakpoint
CREATE INDEX "instance_patches_state_idx" ON "instance_patches" USING btree ("state");--> statement-breakpoint
CREATE INDEX "patch_baselines_os_idx" ON "patch_baselines" USING btree ("operating_system","name");--> statement-breakpoint
CREATE INDEX "patch_groups_baseline_idx" ON "patch_groups" USING btree ("baseline_id");--> statement-breakpoint
CREATE INDEX "compliance_items_type_status_idx" ON "compliance_items" USING btree ("compliance_type","status","severity");--> statement-breakpoint
CREATE INDEX "compliance_items_resource_idx" ON "compliance_items" USING btree ("resource_id","compliance_type");