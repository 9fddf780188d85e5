-- Answers kept in the database file (src/lib/server/answer-store.ts): a computed figure set as JSON, under
-- the data fingerprint it was computed from and a hash of what was asked (including the app's build).
CREATE TABLE IF NOT EXISTS derived.answers (
	version VARCHAR NOT NULL,
	key VARCHAR NOT NULL,
	body VARCHAR NOT NULL,
	made TIMESTAMP NOT NULL DEFAULT current_timestamp
)
