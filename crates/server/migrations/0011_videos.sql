-- Video notes: an uploaded video is a durable job (queued → processing → ready | failed) that
-- a background worker transcodes; a restart puts jobs left `processing` back in the queue.
-- Times are unix seconds.

CREATE TABLE videos (
    id              INTEGER PRIMARY KEY,
    -- Stable key in the content-addressed URL /vid/v1/{key}/{height}.mp4 ('v' + 19 letters
    -- or digits; the demo world's videos use 'd' + their cover's image key instead).
    video_key       TEXT    NOT NULL UNIQUE,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status          TEXT    NOT NULL CHECK (status IN ('queued', 'processing', 'ready', 'failed')),
    progress        INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    -- Why it failed, in words the uploader can act on.
    error           TEXT,
    -- From the probe: length, and the displayed size (rotation applied).
    duration_ms     BIGINT  NOT NULL CHECK (duration_ms > 0),
    width           INTEGER NOT NULL CHECK (width > 0),
    height          INTEGER NOT NULL CHECK (height > 0),
    -- A frame of the video through the image pipeline (placeholder colours and all).
    poster_image_id INTEGER REFERENCES images(id),
    -- Times a worker took the job: a file that kills the transcoder is not retried forever.
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);
CREATE INDEX videos_queue ON videos (status, id);
CREATE INDEX videos_by_user ON videos (user_id, id);

-- The finished files of a ready video, one per size.
CREATE TABLE video_renditions (
    video_id    INTEGER NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    -- The short side (480, 720, or the source's own when smaller).
    short_side  INTEGER NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    bytes       BIGINT  NOT NULL,
    PRIMARY KEY (video_id, short_side)
);

-- A published video note's video (the demo world's video notes have none: their video is
-- made from the cover at first request).
ALTER TABLE notes ADD COLUMN video_id INTEGER REFERENCES videos(id);
-- Finds a demo video's note from its cover when the file is not cached yet.
CREATE INDEX notes_video_cover ON notes (cover_image_id) WHERE kind = 'video';
