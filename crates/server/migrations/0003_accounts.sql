-- Accounts, sessions, interactions (likes, collects, comment likes), follows, notifications.

-- NULL password: an account that cannot sign in with a password (none today; seeded
-- users get the documented demo password at start-up).
ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN email TEXT;
-- Whether other people may see what this user collected / liked.
ALTER TABLE users ADD COLUMN collections_public INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN likes_public INTEGER NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX users_by_email ON users (email) WHERE email IS NOT NULL;

-- Server-side sessions so they can be revoked. Only a SHA-256 of the cookie token is kept.
CREATE TABLE sessions (
    token_hash   TEXT    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE note_likes (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    note_id    INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (user_id, note_id)
);
CREATE INDEX note_likes_by_user_time ON note_likes (user_id, created_at DESC, note_id DESC);
CREATE INDEX note_likes_by_note ON note_likes (note_id);

CREATE TABLE note_collects (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    note_id    INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (user_id, note_id)
);
CREATE INDEX note_collects_by_user_time ON note_collects (user_id, created_at DESC, note_id DESC);
CREATE INDEX note_collects_by_note ON note_collects (note_id);

CREATE TABLE comment_likes (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (user_id, comment_id)
);
CREATE INDEX comment_likes_by_comment ON comment_likes (comment_id);

CREATE TABLE comment_mentions (
    comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (comment_id, user_id)
);

CREATE TABLE follows (
    follower_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    followee_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (follower_id, followee_id),
    CHECK (follower_id <> followee_id)
);
CREATE INDEX follows_by_followee ON follows (followee_id, created_at DESC, follower_id DESC);
CREATE INDEX follows_by_follower_time ON follows (follower_id, created_at DESC, followee_id DESC);

-- The following feed reads notes of many authors newest first.
CREATE INDEX notes_by_author_id ON notes (author_id, created_at DESC, id DESC);
CREATE INDEX notes_by_time ON notes (created_at DESC, id DESC);

-- kind: like | collect | follow | comment | reply | mention | comment_like
CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    actor_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    note_id     INTEGER REFERENCES notes(id) ON DELETE CASCADE,
    comment_id  INTEGER REFERENCES comments(id) ON DELETE CASCADE,
    created_at  BIGINT  NOT NULL,
    read_at     BIGINT
);
CREATE INDEX notifications_by_user ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread ON notifications (user_id, read_at);
-- Toggles look for their earlier notification (dedupe, retract).
CREATE INDEX notifications_by_actor ON notifications (actor_id, kind, user_id);
-- Deleting a note or comment cascades here. Partial, so lookups of `IS NULL` never pick them.
CREATE INDEX notifications_by_note ON notifications (note_id) WHERE note_id IS NOT NULL;
CREATE INDEX notifications_by_comment ON notifications (comment_id) WHERE comment_id IS NOT NULL;
