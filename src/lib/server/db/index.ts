export { dbPath, getInstance, closeInstance, finishBeforeClose, withConnection, openInstance, DatabaseLockedError } from './instance';
export { runQuery, runQueryColumns, columnRows, runSql, queryRows, bindFor, type QueryResult, type QueryError, type Params, type Param } from './query';
export { readSql, sqlParams } from './sql-files';
export { tableDdl, ensureSchema } from './ddl';
export { prepareDerived } from './derived';
export { instanceOptions, type InstanceKind } from './config';
