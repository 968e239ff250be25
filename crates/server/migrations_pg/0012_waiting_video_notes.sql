-- PostgreSQL twin of migrations/0012_waiting_video_notes.sql: the same schema with BIGINT for every integer (sqlx
-- decodes i64 only from INT8), BOOLEAN for flags, identity ids. Keep the two in step.
-- A video note published while its video was still being processed: the request, checked
-- and kept until the video is ready (the note is then written from it, and this row goes in
-- the same transaction) or shows why it could not be published. One per video.

CREATE TABLE waiting_video_notes (
    video_id    BIGINT  PRIMARY KEY REFERENCES videos(id) ON DELETE CASCADE,
    author_id   BIGINT  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- The publishing request (NoteInput as JSON), as the author sent it.
    input       TEXT    NOT NULL,
    -- Why the note could not be published once the video was ready (the video's own failure
    -- is on `videos.error`).
    error       TEXT,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX waiting_video_notes_by_author ON waiting_video_notes (author_id, video_id);
