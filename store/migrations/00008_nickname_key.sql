-- +goose Up
-- Nicknames are told apart by a key that Go computes (framing.NicknameKey:
-- NFC, Unicode case folding), because SQLite's NOCASE folds ASCII only and
-- let "ÉVA" and "éva", or "ΣΟΦΙΑ" and "σοφια", join one session. Students
-- who joined before keep the key NOCASE gave them (their sessions end
-- within a day).
ALTER TABLE class_students ADD COLUMN nickname_key TEXT NOT NULL DEFAULT '';
UPDATE class_students SET nickname_key = lower(nickname);
DROP INDEX class_students_nickname;
CREATE UNIQUE INDEX class_students_nickname_key ON class_students(session_id, nickname_key);

-- +goose Down
DROP INDEX class_students_nickname_key;
CREATE UNIQUE INDEX class_students_nickname ON class_students(session_id, nickname COLLATE NOCASE);
ALTER TABLE class_students DROP COLUMN nickname_key;
