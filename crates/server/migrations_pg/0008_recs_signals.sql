-- PostgreSQL twin of migrations/0008_recs_signals.sql: the same schema with BIGINT for every integer (sqlx
-- decodes i64 only from INT8), BOOLEAN for flags, identity ids. Keep the two in step.
-- Signals for the personalised For-you feed (issue 15). Likes, collects, comments, follows and
-- search queries are already kept (their own tables); these are what was missing. Times are
-- unix seconds; `day` is the app's day number (UTC+8), as in note_views.

-- A signed-in person opened a note and stayed `dwell_ms` (reported when the note closes).
-- One row per person, note and day keeping the longest stay, so a client that reports twice
-- cannot inflate it; the endpoint caps the stay.
CREATE TABLE note_opens (
    user_id   BIGINT  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    note_id   BIGINT  NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    day       BIGINT  NOT NULL,
    dwell_ms  BIGINT  NOT NULL CHECK (dwell_ms >= 0),
    at        BIGINT  NOT NULL,
    PRIMARY KEY (user_id, note_id, day)
);
CREATE INDEX note_opens_by_user_time ON note_opens (user_id, at DESC);
CREATE INDEX note_opens_by_note ON note_opens (note_id);

-- "Not interested" on a card: the note and its near-duplicates leave this person's For-you.
CREATE TABLE note_hides (
    user_id     BIGINT  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    note_id     BIGINT  NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (user_id, note_id)
);

-- Shares by signed-in people, kept for taste (note_shares only dedupes the counter and is
-- pruned daily).
CREATE TABLE user_shares (
    user_id     BIGINT  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    note_id     BIGINT  NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (user_id, note_id)
);
CREATE INDEX user_shares_by_note ON user_shares (note_id);

-- A person's comments are a taste signal; without this, reading them scans every comment.
CREATE INDEX comments_by_author ON comments (author_id, note_id);
