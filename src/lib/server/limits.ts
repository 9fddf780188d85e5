/**
 * Every resource limit of the server in one place (DESIGN §7: server memory ≤ 3 GB whatever is
 * uploaded; uploads limited per file, per session and after decompression; rejects kept bounded). Each
 * reads its environment variable on every call, so a test can change it; README "Security" lists them.
 */

const MB = 1024 * 1024;

/** A positive number from the environment, else the default. */
function positive(name: string, fallback: number): number {
	const v = Number(process.env[name]);
	return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** LEDGER_MAX_UPLOAD_MB (default 2048): the largest file an upload accepts, as sent (compressed or not). */
export const maxUploadBytes = () => positive('LEDGER_MAX_UPLOAD_MB', 2048) * MB;

/** LEDGER_MAX_SESSION_MB (default 4096): all files of one upload together. */
export const maxSessionBytes = () => positive('LEDGER_MAX_SESSION_MB', 4096) * MB;

/**
 * LEDGER_MAX_SESSION_DISK_MB (default three times LEDGER_MAX_SESSION_MB): what one upload's folder may
 * hold with the copies a column mapping makes (decompressed, recoded) and its previews.
 */
export const maxSessionDiskBytes = () => positive('LEDGER_MAX_SESSION_DISK_MB', (3 * maxSessionBytes()) / MB) * MB;

/** LEDGER_MAX_UPLOADS (default 4): uploads open at once (being sent or loading); more get 429. */
export const maxOpenSessions = () => Math.floor(positive('LEDGER_MAX_UPLOADS', 4));

/** Files in one upload: the seven tables and the exports a mapping reads, with room to spare. */
export const MAX_SESSION_FILES = 20;

/** An upload nobody has touched for this long is abandoned: its files are deleted. */
export const IDLE_SESSION_MS = 60 * 60 * 1000;

/** When the open uploads are at the limit, one idle this long makes way for a new one. */
export const EVICTABLE_SESSION_MS = 5 * 60 * 1000;

/**
 * LEDGER_MAX_DECOMPRESSED_MB (default 4096): what one file may grow to when decompressed — a .csv.gz's
 * text, an .xlsx's unzipped parts together. Checked while decompressing, never trusting a header.
 */
export const maxDecompressedBytes = () => positive('LEDGER_MAX_DECOMPRESSED_MB', 4096) * MB;

/**
 * LEDGER_MAX_XLSX_STRINGS_MB (default 128): an .xlsx's shared-strings part, unzipped. The spreadsheet
 * reader keeps every shared string in memory, so this part is bounded on its own (a 1M-row sheet with
 * three text columns of distinct values needs about 80 MB).
 */
export const maxXlsxStringsBytes = () => positive('LEDGER_MAX_XLSX_STRINGS_MB', 128) * MB;

/**
 * LEDGER_DUCKDB_MEMORY (default 1.5 GB): DuckDB's memory_limit for the server's (and the CLI's)
 * database. Past it DuckDB spills to its temp directory; with the Node heap and a scratch database the
 * process stays under 3 GB.
 */
export const duckdbMemory = () => process.env.LEDGER_DUCKDB_MEMORY?.trim() || '1536MB';

/** Each scratch database (column-mapping previews and builds, the sample generator): one at a time. */
export const SCRATCH_DUCKDB_MEMORY = '384MB';

/** Rejected rows kept in load_rejects per table and rule; the counts always cover every rejected row. */
export const REJECTS_KEPT_PER_RULE = 1000;

/**
 * A file more than this share of whose rows are rejected (and at least MIN_REJECTS_TO_REFUSE of them) is
 * refused as a whole: it is the wrong file, or read with the wrong format, and loading the rest would
 * quietly replace good data with a remnant.
 */
export const MAX_REJECTED_SHARE = 0.5;
export const MIN_REJECTS_TO_REFUSE = 1000;
