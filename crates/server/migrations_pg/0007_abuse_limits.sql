-- PostgreSQL twin of migrations/0007_abuse_limits.sql: the same schema with BIGINT for every integer (sqlx
-- decodes i64 only from INT8), BOOLEAN for flags, identity ids. Keep the two in step.
-- Abuse limits (issue 19). Times are unix seconds unless the column says `_ms`.

-- The shared rate limiter's sliding windows: one row per counted action, keyed by
-- "{policy}:{key}" (an account, a client's salted hash, or both). Rows older than the longest
-- window (a day) are pruned.
CREATE TABLE rate_events (
    bucket  TEXT   NOT NULL,
    at_ms   BIGINT NOT NULL
);
CREATE INDEX rate_events_by_bucket ON rate_events (bucket, at_ms);
CREATE INDEX rate_events_by_time ON rate_events (at_ms);

-- Who searched for what (normalised query, "u{user id}" or a client's salted hash), last time:
-- trending and suggestions count distinct people, never raw searches. Pruned after 30 days.
CREATE TABLE search_searchers (
    query     TEXT   NOT NULL,
    searcher  TEXT   NOT NULL,
    at        BIGINT NOT NULL,
    PRIMARY KEY (query, searcher)
);
CREATE INDEX search_searchers_recent ON search_searchers (at);

-- Raw counts let one person write trending; they are not carried over.
DROP TABLE search_queries;

-- A share counts once per person per note per day (UTC+8), like a view.
CREATE TABLE note_shares (
    note_id     BIGINT  NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    sharer_key  TEXT    NOT NULL,
    day         BIGINT  NOT NULL,
    PRIMARY KEY (note_id, sharer_key, day)
);
CREATE INDEX note_shares_by_day ON note_shares (day);
