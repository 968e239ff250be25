-- Core schema: users, channels, images, notes, topics, mentions, comments.
-- Portable SQL on purpose (SQLite today, PostgreSQL later): no AUTOINCREMENT-specific
-- behaviour relied upon, integers for time (unix seconds) and money.

CREATE TABLE images (
    id          INTEGER PRIMARY KEY,
    -- Stable key used in the content-addressed URL /img/v1/{key}/{width}.jpg
    image_key   TEXT    NOT NULL UNIQUE,
    -- Rendering theme (a channel slug, or 'avatar')
    theme       TEXT    NOT NULL,
    seed        BIGINT  NOT NULL,
    width       INTEGER NOT NULL CHECK (width > 0),
    height      INTEGER NOT NULL CHECK (height > 0),
    ph_top      TEXT    NOT NULL,
    ph_bottom   TEXT    NOT NULL
);

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    username        TEXT    NOT NULL UNIQUE,
    display_name    TEXT    NOT NULL,
    bio             TEXT    NOT NULL DEFAULT '',
    avatar_image_id INTEGER NOT NULL REFERENCES images(id),
    created_at      BIGINT  NOT NULL
);

CREATE TABLE channels (
    id        INTEGER PRIMARY KEY,
    slug      TEXT    NOT NULL UNIQUE,
    name_en   TEXT    NOT NULL,
    name_zh   TEXT    NOT NULL,
    position  INTEGER NOT NULL
);

CREATE TABLE notes (
    id              INTEGER PRIMARY KEY,
    author_id       INTEGER NOT NULL REFERENCES users(id),
    channel_id      INTEGER NOT NULL REFERENCES channels(id),
    kind            TEXT    NOT NULL CHECK (kind IN ('image', 'video')),
    title           TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    location        TEXT,
    video_seconds   INTEGER,
    cover_image_id  INTEGER NOT NULL REFERENCES images(id),
    like_count      BIGINT  NOT NULL DEFAULT 0 CHECK (like_count >= 0),
    collect_count   BIGINT  NOT NULL DEFAULT 0 CHECK (collect_count >= 0),
    comment_count   BIGINT  NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
    share_count     BIGINT  NOT NULL DEFAULT 0 CHECK (share_count >= 0),
    -- Ranking key of the recommended and channel feeds (higher first).
    score           BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL
);
CREATE INDEX notes_by_score ON notes (score DESC, id DESC);
CREATE INDEX notes_by_channel_score ON notes (channel_id, score DESC, id DESC);
CREATE INDEX notes_by_author ON notes (author_id, created_at DESC);

CREATE TABLE note_images (
    note_id   INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    image_id  INTEGER NOT NULL REFERENCES images(id),
    PRIMARY KEY (note_id, position)
);

CREATE TABLE note_topics (
    note_id  INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    topic    TEXT    NOT NULL,
    PRIMARY KEY (note_id, topic)
);
CREATE INDEX note_topics_by_topic ON note_topics (topic, note_id);

CREATE TABLE note_mentions (
    note_id  INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (note_id, user_id)
);

CREATE TABLE comments (
    id                INTEGER PRIMARY KEY,
    note_id           INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    author_id         INTEGER NOT NULL REFERENCES users(id),
    -- NULL for a top-level comment; otherwise the top-level comment this reply belongs to.
    parent_id         INTEGER REFERENCES comments(id) ON DELETE CASCADE,
    -- For a reply to a reply: the user being answered.
    reply_to_user_id  INTEGER REFERENCES users(id),
    body              TEXT    NOT NULL,
    like_count        BIGINT  NOT NULL DEFAULT 0 CHECK (like_count >= 0),
    reply_count       BIGINT  NOT NULL DEFAULT 0 CHECK (reply_count >= 0),
    created_at        BIGINT  NOT NULL
);
CREATE INDEX comments_top_by_likes ON comments (note_id, parent_id, like_count DESC, id);
CREATE INDEX comments_replies ON comments (parent_id, id);

CREATE TABLE app_meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
