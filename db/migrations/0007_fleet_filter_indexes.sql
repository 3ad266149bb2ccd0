DROP INDEX "managed_nodes_ping_status_idx";--> statement-breakpoint
ALTER TABLE "managed_nodes" ADD COLUMN "agent_version_key" integer[] GENERATED ALWAYS AS (opsdeck_version_key(agent_version)) STORED;--> statement-breakpoint
ALTER TABLE "managed_nodes" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(id || ' ' || name || ' ' || coalesce(computer_name, ''))) STORED;--> statement-breakpoint
CREATE INDEX "managed_nodes_status_os_id_idx" ON "managed_nodes" USING btree ("ping_status","platform_name","id");--> statement-breakpoint
CREATE INDEX "managed_nodes_name_id_idx" ON "managed_nodes" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "managed_nodes_os_id_idx" ON "managed_nodes" USING btree ("platform_name","platform_version","id");--> statement-breakpoint
CREATE INDEX "managed_nodes_platform_type_idx" ON "managed_nodes" USING btree ("platform_type");--> statement-breakpoint
CREATE INDEX "managed_nodes_agent_version_idx" ON "managed_nodes" USING btree ("agent_version");--> statement-breakpoint
CREATE INDEX "managed_nodes_agent_version_key_id_idx" ON "managed_nodes" USING btree ("agent_version_key","id");--> statement-breakpoint
CREATE INDEX "managed_nodes_region_id_idx" ON "managed_nodes" USING btree ("region","id");--> statement-breakpoint
CREATE INDEX "managed_nodes_account_id_idx" ON "managed_nodes" USING btree ("account","id");--> statement-breakpoint
CREATE INDEX "managed_nodes_tags_idx" ON "managed_nodes" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "managed_nodes_search_trgm_idx" ON "managed_nodes" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "managed_nodes_ip_networks_idx" ON "managed_nodes" USING gin (opsdeck_ip_networks("ip_addresses"));