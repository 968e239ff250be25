-- Publishing: uploaded pictures, drafts, edits, reports that hide content pending review, and
-- the per-day views and shares behind the creator center. Times are unix seconds; a `day` is
-- a day number in UTC+8 (the app's home time zone): (unix + 28800) / 86400.

-- A picture uploaded for a note. Only its uploader may put it in a note or a draft; it stays
-- theirs after use (an edit or another draft may use it again).
CREATE TABLE uploads (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    image_id    INTEGER NOT NULL REFERENCES images(id),
    created_at  BIGINT  NOT NULL
);
CREATE INDEX uploads_by_user ON uploads (user_id, id);

-- Drafts hold whatever the editor had (within size limits); publishing checks everything.
CREATE TABLE drafts (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    -- A channel slug, or '' while undecided.
    channel     TEXT    NOT NULL,
    location    TEXT,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);
CREATE INDEX drafts_by_user ON drafts (user_id, updated_at DESC, id DESC);

CREATE TABLE draft_images (
    draft_id   INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    upload_id  INTEGER NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
    PRIMARY KEY (draft_id, position)
);

CREATE TABLE draft_products (
    draft_id    INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    product_id  INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    PRIMARY KEY (draft_id, position)
);

-- Set when the author edits the note (NULL: never edited).
ALTER TABLE notes ADD COLUMN updated_at BIGINT;
-- Set when enough people report it: hidden from everyone but its author pending review.
ALTER TABLE notes ADD COLUMN hidden_at BIGINT;
ALTER TABLE comments ADD COLUMN hidden_at BIGINT;
-- The review queue. Partial on purpose: feed queries filter `hidden_at IS NULL`, which can
-- never use these, so they keep walking their score/time indexes.
CREATE INDEX notes_hidden ON notes (hidden_at) WHERE hidden_at IS NOT NULL;
CREATE INDEX comments_hidden ON comments (hidden_at) WHERE hidden_at IS NOT NULL;

-- One report per person per note or comment. `target_id` names a note or a comment (no
-- foreign key: two tables); deleting a note or comment deletes its reports.
CREATE TABLE reports (
    reporter_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    target_kind  TEXT    NOT NULL CHECK (target_kind IN ('note', 'comment')),
    target_id    INTEGER NOT NULL,
    reason       TEXT    NOT NULL CHECK (reason IN ('spam', 'inappropriate', 'misleading', 'other')),
    created_at   BIGINT  NOT NULL,
    PRIMARY KEY (reporter_id, target_kind, target_id)
);
CREATE INDEX reports_by_target ON reports (target_kind, target_id);

-- Who viewed which note on which day: only to count each viewer once a day. `viewer_key` is
-- "u{user id}" or, signed out, a salted hash of the address and User-Agent. Old days are
-- pruned (only today's rows matter), hence the index on `day`.
CREATE TABLE note_views (
    note_id     INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    viewer_key  TEXT    NOT NULL,
    day         INTEGER NOT NULL,
    PRIMARY KEY (note_id, viewer_key, day)
);
CREATE INDEX note_views_by_day ON note_views (day);

-- Views and shares per note per day, moved with the view/share that counts: the creator
-- center reads these aggregates, never the raw views.
CREATE TABLE note_daily (
    note_id  INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    day      INTEGER NOT NULL,
    views    BIGINT  NOT NULL DEFAULT 0 CHECK (views >= 0),
    shares   BIGINT  NOT NULL DEFAULT 0 CHECK (shares >= 0),
    PRIMARY KEY (note_id, day)
);

-- The creator center counts likes and collects on a creator's notes per day: (note, time)
-- serves that and every lookup the (note) indexes served.
CREATE INDEX note_likes_by_note_time ON note_likes (note_id, created_at);
DROP INDEX note_likes_by_note;
CREATE INDEX note_collects_by_note_time ON note_collects (note_id, created_at);
DROP INDEX note_collects_by_note;

-- `@name` in notes and comments resolves display names.
CREATE INDEX users_by_display_name ON users (display_name);
