-- Fleet Manager filters at 100,000 nodes: the extension and the immutable functions that the
-- indexes of the next migration are built on. Hand-written (drizzle-kit cannot express them).

-- Trigram indexes make "name/id/computer name contains q" an index scan. pg_trgm is a trusted
-- extension (PostgreSQL 13+), so a database owner without superuser may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- A version's sort key: its first four numeric parts, padded with zeros, so that 1.10.0 > 1.9.2
-- and 3.2 = 3.2.0. Anything after them (a suffix like -beta) is ignored; a version that does not
-- start with a number has no key (NULL) rather than failing: agents report free text here, and
-- an error in an index expression would refuse the node's registration.
CREATE OR REPLACE FUNCTION opsdeck_version_key(version text) RETURNS int[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN numeric_part IS NULL THEN NULL
              ELSE (string_to_array(numeric_part, '.')::int[] || '{0,0,0,0}'::int[])[1:4] END
  FROM substring(version FROM '^[0-9]{1,9}(?:\.[0-9]{1,9}){0,3}') AS numeric_part
$$;
--> statement-breakpoint
-- Every network a node's addresses belong to at a few prefix lengths (IPv4 /8 /16 /24 /32, IPv6
-- /16 /32 /48 /64 /128), e.g. ["10.1.2.3"] → {10.0.0.0/8, 10.1.0.0/16, 10.1.2.0/24, 10.1.2.3/32}.
-- A GIN index on it answers "any address inside this CIDR" from the index alone. Strings that are
-- not addresses are skipped, never an error (agents report them unchecked); pg_input_is_valid
-- (PostgreSQL 16+) checks without the cost of an exception block.
CREATE OR REPLACE FUNCTION opsdeck_ip_networks(addresses jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(network(set_masklen(valid.address, prefix))::text ORDER BY valid.position, prefix), '{}')
  FROM (
    SELECT item::inet AS address, position
    FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(addresses) = 'array' THEN addresses ELSE '[]'::jsonb END) WITH ORDINALITY AS element(item, position)
    WHERE pg_input_is_valid(item, 'inet')
  ) AS valid
  CROSS JOIN LATERAL unnest(CASE family(valid.address) WHEN 4 THEN ARRAY[8, 16, 24, 32] ELSE ARRAY[16, 32, 48, 64, 128] END) AS prefix
$$;
