CREATE TABLE "session_recordings" (
	"session_id" text NOT NULL,
	"chunk_index" integer NOT NULL,
	"start_time" real NOT NULL,
	"plain_bytes" integer NOT NULL,
	"ciphertext" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_recordings_session_id_chunk_index_pk" PRIMARY KEY("session_id","chunk_index")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"node_id" text NOT NULL,
	"node_name" text DEFAULT '' NOT NULL,
	"owner" text NOT NULL,
	"owner_user_id" text NOT NULL,
	"status" text DEFAULT 'Connecting' NOT NULL,
	"kind" text NOT NULL,
	"document_name" text NOT NULL,
	"parameters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"run_as" text NOT NULL,
	"reason" text,
	"source_ip" text,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"attach_count" integer DEFAULT 0 NOT NULL,
	"recording_bytes" bigint DEFAULT 0 NOT NULL,
	"recording_chunks" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "session_recordings" ADD CONSTRAINT "session_recordings_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_status_started_idx" ON "sessions" USING btree ("status","started_at");--> statement-breakpoint
CREATE INDEX "sessions_started_idx" ON "sessions" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "sessions_owner_idx" ON "sessions" USING btree ("owner","started_at");--> statement-breakpoint
CREATE INDEX "sessions_node_idx" ON "sessions" USING btree ("node_id","started_at");