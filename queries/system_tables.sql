-- Tables the app keeps about its own loads. Created at open; never dropped by a load.
CREATE TABLE IF NOT EXISTS loads (
    load_id      INTEGER,
    table_name   VARCHAR,
    file         VARCHAR,
    format       VARCHAR,
    started_at   TIMESTAMP,
    finished_at  TIMESTAMP,
    rows_read    BIGINT,
    rows_loaded  BIGINT,
    rows_rejected BIGINT
);
CREATE TABLE IF NOT EXISTS load_rejects (
    load_id     INTEGER,
    table_name  VARCHAR,
    file        VARCHAR,
    line        BIGINT,
    column_name VARCHAR,
    value       VARCHAR,
    rule        VARCHAR
);
CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);
INSERT INTO meta VALUES ('data_version', '0') ON CONFLICT DO NOTHING;
