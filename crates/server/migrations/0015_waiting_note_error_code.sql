-- Why a waiting video note could not be published, as an `api_types::ErrorCode` name (e.g.
-- `product_gone`, `duplicate_note`) that clients word in their own language; `error` keeps
-- the English text for logs and for rows from before this column (their code is NULL).

ALTER TABLE waiting_video_notes ADD COLUMN error_code TEXT;
