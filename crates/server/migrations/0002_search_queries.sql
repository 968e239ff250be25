-- Queries people ran (normalised), for trending searches and suggestions.
CREATE TABLE search_queries (
    query    TEXT   PRIMARY KEY,
    count    BIGINT NOT NULL DEFAULT 0,
    last_at  BIGINT NOT NULL
);
CREATE INDEX search_queries_recent ON search_queries (last_at DESC);
