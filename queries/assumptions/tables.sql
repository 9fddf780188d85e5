-- Assumption scenarios (DESIGN §5): named sets of values, which one is active, and every change made.
-- Created on first use by src/lib/server/assumptions; a data load never touches these tables.
CREATE TABLE IF NOT EXISTS scenarios (
    name        VARCHAR PRIMARY KEY,
    assumptions JSON NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS scenario_active (
    id   INTEGER PRIMARY KEY,  -- always 1: one active scenario per database
    name VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS assumption_changes (
    changed_at TIMESTAMP NOT NULL,
    scenario  VARCHAR NOT NULL,
    action    VARCHAR NOT NULL,  -- edit | reset | create | activate | delete
    key       VARCHAR,
    old_value JSON,
    new_value JSON
);
-- What-ifs saved from /capital are scenarios too (issue 17): the move or fill-rate target and the filters
-- it was made on, NULL for an ordinary scenario. Added in place on databases made before it existed.
ALTER TABLE scenarios ADD COLUMN IF NOT EXISTS what_if JSON;
