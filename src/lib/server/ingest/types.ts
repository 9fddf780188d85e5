import type { TableName } from '../../schema';

import type { DateFamily, DateFormat } from '$lib/data/date-formats';

/** How dates are written in a source (see $lib/data/date-formats): 'auto' detects it from the values. */
export type { DateFamily, DateFormat };

/**
 * How to read one source file. The column-mapping feature (issue 8) saves one of these per table and
 * passes it back here, so everything a user can declare about a file lives in this shape.
 */
export interface SourceOptions {
	/** canonical column → header in the file; columns not named here are matched by normalised name */
	columnMap?: Record<string, string>;
	dateFormat?: DateFormat;
	/** per canonical column, over dateFormat (a column mapping declares them one by one) */
	dateFormats?: Record<string, DateFormat>;
	/** values read as empty in optional columns, lower-case (the null_tokens assumption; the ingest reads the active scenario's) */
	nullTokens?: string[];
	/** what each date column was read as: settled by prepareSource from the declarations and the values */
	dateFamilies?: Record<string, DateFamily>;
	/** "1.234,5" style numbers: ',' is the decimal mark and '.' a thousands separator */
	decimalComma?: boolean;
	/** per canonical column, over decimalComma (a column mapping declares them one by one) */
	decimalCommas?: Record<string, boolean>;
	/** CSV delimiter, when known; otherwise detected from the header line */
	delimiter?: ',' | ';' | '\t' | '|';
}

export type IngestPhase = 'reading' | 'validating' | 'loading' | 'deriving backorders' | 'checking references' | 'preparing the dashboard' | 'done';

export interface IngestProgress {
	/** null for phases that span the whole load */
	table: TableName | null;
	phase: IngestPhase;
	/** 0..1 within the phase, when DuckDB can tell */
	fraction: number;
}

export interface IngestOptions {
	/** per-table reading options (e.g. a saved column mapping) */
	sources?: Partial<Record<TableName, SourceOptions>>;
	/** options applied to every file, under the per-table ones */
	defaults?: SourceOptions;
	/** Called as the load moves on. Throwing from it cancels the load: nothing is changed. */
	onProgress?: (p: IngestProgress) => void;
	/**
	 * Default false: if any file is refused, nothing is loaded (see index.ts for why). True loads the
	 * files that could be read and reports the refused ones.
	 */
	loadReadableFiles?: boolean;
	/** reject rows kept in load_rejects per table; the counts always cover every rejected row */
	maxStoredRejects?: number;
	/** reject rows kept in load_rejects per table and rule (default REJECTS_KEPT_PER_RULE) */
	rejectsPerRule?: number;
	/** reject rows copied into the report per table */
	rejectSample?: number;
	/**
	 * DESIGN §2.1 "a load can replace everything": the tables this load has no file for are emptied in
	 * the same transaction, instead of keeping what they had.
	 */
	replaceAll?: boolean;
	/**
	 * Default true: the derived tables are built inside the load's transaction (src/lib/server/db/derived.ts
	 * commitWithDerived), so readers never wait for them after the commit. The benchmark turns it off to
	 * time the load alone against read_csv, and builds them after.
	 */
	buildDerived?: boolean;
}

export interface IngestFile {
	path: string;
	/** the canonical table; if absent, taken from the file name */
	table?: TableName;
	/** the name the user knows the file by (a browser upload is saved under a temporary path) */
	originalName?: string;
	options?: SourceOptions;
	/**
	 * A canonical CSV a column mapping built (see $lib/server/data/mapping-build.ts): each row carries
	 * its line in the source file, and rows the source's CSV reader could not split arrive as rejects
	 * (MAPPED_COLUMNS). `notes` go into the table's report (repeated keys folded, conflicts counted).
	 */
	fromMapping?: {
		/** the canonical columns the mapping fills: the file's other columns are empty and count as absent */
		columns: string[];
		notes: string[];
	};
}

/** The helper columns of a canonical file built by a column mapping (IngestFile.fromMapping). */
export const MAPPED_COLUMNS = {
	/** the row's line in the source file (its first row's, for rows folded together) */
	line: '__ledger_line',
	/** why the source row could not be read (a malformed row), or empty */
	reject: '__ledger_reject',
	/** that row as written */
	raw: '__ledger_raw'
} as const;

export type SourceFormat = 'csv' | 'parquet' | 'xlsx';

export interface RejectRow {
	/** line in the file (header = 1); for Parquet the 1-based row number; for XLSX the sheet row */
	line: number;
	column: string | null;
	value: string | null;
	rule: string;
}

export interface TableReport {
	table: TableName;
	file: string;
	format: SourceFormat;
	compression: 'gzip' | null;
	rows_read: number;
	rows_loaded: number;
	rows_rejected: number;
	/** rejects kept in load_rejects (≤ rejectsPerRule per rule, ≤ maxStoredRejects in all) */
	rejects_stored: number;
	rejects: RejectRow[];
	/** canonical column → source header actually used */
	mapped: Record<string, string>;
	/** optional canonical columns the file lacks (filled with the default or left empty) */
	missing_optional: string[];
	/** source headers that matched no canonical column */
	ignored_headers: string[];
	notes: string[];
}

export interface Refusal {
	file: string;
	table: TableName | null;
	reason: string;
}

export interface ReferenceWarning {
	table: TableName;
	column: string;
	target: TableName;
	/** rows whose value is not found in the target table */
	rows: number;
	/** null when the target table is empty (then every value is unknown) */
	distinct_values: number | null;
	examples: string[];
	message: string;
}

export interface IngestReport {
	/** false when nothing was loaded because of refusals (or nothing was found) */
	ok: boolean;
	load_id: number | null;
	tables: TableReport[];
	refused: Refusal[];
	warnings: ReferenceWarning[];
	/** canonical tables with no file in this load; left as they were */
	untouched: TableName[];
	/** canonical tables with no file in a replace-all load: emptied */
	emptied: TableName[];
	/** files in the folder that name no canonical table */
	ignored_files: string[];
	data_version: number | null;
	duration_ms: number;
	/** ms of duration_ms spent building the derived tables inside the load's transaction (null: not built there) */
	derived_ms?: number | null;
}
