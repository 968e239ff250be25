-- PostgreSQL twin of migrations/0002_search_queries.sql: the same schema with BIGINT for every integer (sqlx
-- decodes i64 only from INT8), BOOLEAN for flags, identity ids. Keep the two in step.
-- Queries people ran (normalised), for trending searches and suggestions.
CREATE TABLE search_queries (
    query    TEXT   PRIMARY KEY,
    count    BIGINT NOT NULL DEFAULT 0,
    last_at  BIGINT NOT NULL
);
CREATE INDEX search_queries_recent ON search_queries (last_at DESC);
