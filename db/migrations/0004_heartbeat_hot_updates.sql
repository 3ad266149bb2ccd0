DROP INDEX "managed_nodes_ping_idx";--> statement-breakpoint
CREATE INDEX "managed_nodes_ping_status_idx" ON "managed_nodes" USING btree ("ping_status");--> statement-breakpoint
-- Leave room on each page so heartbeat updates stay on the same page (HOT updates).
ALTER TABLE "managed_nodes" SET (fillfactor = 80);
