-- PostgreSQL twin of migrations/0009_guest_signals.sql: the same schema with BIGINT for every integer (sqlx
-- decodes i64 only from INT8), BOOLEAN for flags, identity ids. Keep the two in step.
-- Taste signals of people who are not signed in (issue 15). The browser makes a random
-- anonymous id and keeps it (no account, no cookie); it sends it as `X-Guest-Id` with its
-- For-you requests and signals. On sign-in or sign-up the rows move to the account and are
-- deleted here. Rows older than 30 days are pruned.

-- Like note_opens: one row per guest, note and day keeping the longest stay.
CREATE TABLE guest_opens (
    guest_id  TEXT    NOT NULL,
    note_id   BIGINT  NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    day       BIGINT  NOT NULL,
    dwell_ms  BIGINT  NOT NULL CHECK (dwell_ms >= 0),
    at        BIGINT  NOT NULL,
    PRIMARY KEY (guest_id, note_id, day)
);
CREATE INDEX guest_opens_by_time ON guest_opens (at);

-- Like note_hides: "Not interested".
CREATE TABLE guest_hides (
    guest_id    TEXT    NOT NULL,
    note_id     BIGINT  NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (guest_id, note_id)
);
CREATE INDEX guest_hides_by_time ON guest_hides (created_at);
