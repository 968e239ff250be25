-- Livestream shopping rooms (issue 17). A room is live from `started_at` until `ended_at`;
-- an ended room with a `replay_key` can be watched again. The media stream itself is never
-- in the database: it lives in memory while the room is live (`live/media/`) and as a
-- recorded fragmented MP4 under the image store's directory once it ends.

CREATE TABLE live_rooms (
    id                 INTEGER PRIMARY KEY,
    host_id            INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title              TEXT    NOT NULL,
    -- 'live' while streaming, 'ended' after.
    status             TEXT    NOT NULL CHECK (status IN ('live', 'ended')),
    -- Demo rooms are played by the server from a generated clip in a loop; their chat
    -- activity is generated too and marked as demo.
    is_demo            BOOLEAN NOT NULL DEFAULT FALSE,
    started_at         BIGINT  NOT NULL,
    ended_at           BIGINT,
    -- The recording of an ended room (a key under the store's `live/` directory).
    replay_key         TEXT,
    likes              BIGINT  NOT NULL DEFAULT 0 CHECK (likes >= 0),
    peak_viewers       BIGINT  NOT NULL DEFAULT 0 CHECK (peak_viewers >= 0)
);
CREATE INDEX live_rooms_by_status ON live_rooms (status, started_at);
CREATE INDEX live_rooms_by_host ON live_rooms (host_id, started_at);
