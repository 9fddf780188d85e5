/**
 * What the data page shows: every canonical table with its row count, date range and latest load (file,
 * time, rejects); the rejects by table and rule; broken references between tables; and what share of the
 * contacts and opportunities the active keyword list classifies as backorder-related, by reason value.
 * The reference check scans the big tables, so it is cached per data version (every load bumps it).
 * So is the keyword classification (issue 9): a regex over every contact and opportunity, 0.2–0.6 s at
 * 2M contacts, kept per data version and keyword pattern, so only the first visit after a load or a
 * keyword change pays for it.
 */
import { TABLE_NAMES, type TableName } from '$lib/schema';
import { rangeOverlapNotes } from '$lib/data/overlap';
import { keywordPattern } from '$lib/metrics/keywords';
import { runQuery, withConnection } from '../db';
import { dataVersion as ledgerDataVersion } from '../metrics/summary';
import { VersionCache } from '../version-cache';
import { referenceWarnings } from '../ingest/references';
import type { ReferenceWarning } from '../ingest/types';

export interface TableOverview {
	table: TableName;
	rows: number;
	date_column: string | null;
	first_date: string | null;
	last_date: string | null;
	file: string | null;
	format: string | null;
	loaded_at: string | null;
	rows_read: number | null;
	rows_rejected: number | null;
}
export interface RejectGroup {
	table_name: string;
	column_name: string | null;
	rule: string;
	rejects: number;
	first_line: number;
	example_value: string | null;
}
export interface ReasonShare {
	source: 'contacts' | 'opportunities';
	value: string | null;
	rows: number;
	matched: number;
	reason_matches: boolean;
}
export interface DataOverview {
	tables: TableOverview[];
	rejects: RejectGroup[];
	references: ReferenceWarning[];
	shares: ReasonShare[];
	/** tables whose dates do not overlap the order lines' (DESIGN §2.1) */
	overlap: string[];
	/** parts of the overview that could not be read (the rest still shows) */
	errors: string[];
	data_version: string;
}

async function rows<T>(name: string, params = {}): Promise<T[]> {
	const r = await runQuery<T>(name, params);
	if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
	return r.rows;
}

let refCache: { version: string; warnings: ReferenceWarning[] } | null = null;

/** keyword_share results by data version (the ledger's: load counter and row counts) and pattern */
const shareCache = new VersionCache(8);

/** What share of the contacts and opportunities the keywords classify, by reason value. */
export async function keywordShares(keywords: readonly string[]): Promise<ReasonShare[]> {
	const pattern = keywordPattern(keywords);
	return shareCache.get(await ledgerDataVersion(), ['keyword_share', pattern], () =>
		rows<ReasonShare>('data/keyword_share', { keyword_pattern: pattern })
	);
}

export async function dataVersion(): Promise<string> {
	return (await rows<{ data_version: string }>('data/data_version'))[0]?.data_version ?? '0';
}

export async function referenceReport(): Promise<ReferenceWarning[]> {
	const version = await dataVersion();
	if (refCache?.version === version) return refCache.warnings;
	const warnings = await withConnection((c) => referenceWarnings(c, new Set(TABLE_NAMES)));
	refCache = { version, warnings };
	return warnings;
}

/**
 * Every part on its own: a part that fails (a table an older database lacks, a query that breaks on
 * odd data) is empty and named in `errors`, and the rest still shows — the page where Reset lives must
 * always render (issue 14, item 4).
 */
export async function dataOverview(keywords: readonly string[]): Promise<DataOverview> {
	type LoadRow = { table_name: string; file: string; format: string; finished_at: string; rows_read: number; rows_loaded: number; rows_rejected: number };
	type CountRow = { table_name: TableName; row_count: number; date_column: string | null; first_date: string | null; last_date: string | null };
	const parts = await Promise.allSettled([
		rows<CountRow>('data/table_overview'),
		rows<LoadRow>('data/loads_recent'),
		rows<RejectGroup>('data/rejects_by_rule'),
		referenceReport(),
		keywordShares(keywords),
		dataVersion()
	]);
	const errors: string[] = [];
	const part = <T>(i: number, what: string, empty: T): T => {
		const r = parts[i];
		if (r.status === 'fulfilled') return r.value as T;
		errors.push(`${what} could not be read: ${(r.reason instanceof Error ? r.reason.message : String(r.reason)).split('\n')[0]}`);
		return empty;
	};
	const counts = part<CountRow[]>(0, 'The tables', []);
	const loads = part<LoadRow[]>(1, 'The loads', []);
	const rejects = part<RejectGroup[]>(2, 'The rejects', []);
	const references = part<ReferenceWarning[]>(3, 'The references between tables', []);
	const shares = part<ReasonShare[]>(4, 'The keyword classification', []);
	const version = part<string>(5, 'The data version', '0');
	const byTable = new Map(loads.map((l) => [l.table_name, l]));
	const tables = counts.map((c) => {
		const l = byTable.get(c.table_name);
		return {
			table: c.table_name,
			rows: Number(c.row_count),
			date_column: c.date_column,
			first_date: c.first_date,
			last_date: c.last_date,
			file: l?.file ?? null,
			format: l?.format ?? null,
			loaded_at: l?.finished_at ?? null,
			rows_read: l ? Number(l.rows_read) : null,
			rows_rejected: l ? Number(l.rows_rejected) : null
		};
	});
	return {
		tables,
		rejects: rejects.map((r) => ({ ...r, rejects: Number(r.rejects), first_line: Number(r.first_line) })),
		references,
		shares,
		overlap: rangeOverlapNotes(tables.map((t) => ({ table: t.table, first: t.first_date, last: t.last_date }))),
		errors,
		data_version: version
	};
}
