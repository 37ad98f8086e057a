-- +goose Up
-- A classroom session: one lesson on one event. The join code is unique
-- among the sessions that still accept it; the store checks that when it
-- draws one, since "still accepts" depends on the time.
CREATE TABLE class_sessions (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    teacher_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    blind      INTEGER NOT NULL DEFAULT 0,
    code       TEXT NOT NULL,
    phase      TEXT NOT NULL DEFAULT 'marking' CHECK (phase IN ('marking', 'reveal', 'closed')),
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX class_sessions_by_code ON class_sessions(code);
CREATE INDEX class_sessions_by_teacher ON class_sessions(teacher_id);

CREATE TABLE class_session_articles (
    session_id INTEGER NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (session_id, article_id)
);

-- Students have no account: a nickname, unique in its session, and the
-- SHA-256 of the token in their cookie.
CREATE TABLE class_students (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
    nickname   TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    joined_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX class_students_nickname ON class_students(session_id, nickname COLLATE NOCASE);

-- A mark keeps its text as marked; start and end are byte offsets into
-- the article's text at that time.
CREATE TABLE class_marks (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
    student_id INTEGER NOT NULL REFERENCES class_students(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start_byte INTEGER NOT NULL,
    end_byte   INTEGER NOT NULL CHECK (end_byte > start_byte),
    text       TEXT NOT NULL,
    concept_id INTEGER REFERENCES concepts(id) ON DELETE SET NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (student_id, article_id, start_byte, end_byte)
);
CREATE INDEX class_marks_by_session ON class_marks(session_id);

-- +goose Down
DROP TABLE class_marks;
DROP TABLE class_students;
DROP TABLE class_session_articles;
DROP TABLE class_sessions;
