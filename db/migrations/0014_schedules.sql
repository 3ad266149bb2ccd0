CREATE TABLE "schedule_states" (
	"kind" text NOT NULL,
	"entity_id" text NOT NULL,
	"next_at" timestamp with time zone,
	"last_fired_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_states_kind_entity_id_pk" PRIMARY KEY("kind","entity_id")
);
