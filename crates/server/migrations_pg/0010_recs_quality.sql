-- PostgreSQL twin of migrations/0010_recs_quality.sql: the same schema with BIGINT for every integer (sqlx
-- decodes i64 only from INT8), BOOLEAN for flags, identity ids. Keep the two in step.
-- For-you quality and signals (issue 15). Soft ads and spam rank down: a 64-bit SimHash of each note's body
-- (character 3-grams; computed at publish and edit, and for older notes at start) and how many
-- other notes have a near-identical body (marketing copy pasted across notes). Numbered 0010:
-- 0009 is the guest signals of the same issue, on another branch.
ALTER TABLE notes ADD COLUMN body_simhash BIGINT;
ALTER TABLE notes ADD COLUMN near_dupes BIGINT  NOT NULL DEFAULT 0;

-- A signed-in person's recent note searches (kept for trending as `u<id>`) are a taste signal:
-- read per person, newest first.
CREATE INDEX search_searchers_by_searcher ON search_searchers (searcher, at DESC);
