/**
 * Browser-side upload helpers: which table a file name stands for (the same rule as the ingest's
 * discovery), which files the page accepts, and how a file is cut into chunks. Pure.
 */
import { isTableName, TABLE_NAMES, type TableName } from '$lib/schema';

const CANONICAL_NAME = /^(.+?)\.(?:(?:csv|tsv|txt)(?:\.gz)?|parquet|xlsx)$/i;
export const ACCEPTED_NAME = /\.(csv|tsv|txt|csv\.gz|tsv\.gz|txt\.gz|parquet|xlsx)$/i;
export const ACCEPT_ATTR = '.csv,.tsv,.txt,.gz,.parquet,.xlsx,.json';

export function tableForName(name: string): TableName | null {
	const base = CANONICAL_NAME.exec(name.split(/[\\/]/).pop() ?? '')?.[1].toLowerCase();
	return base && isTableName(base) ? base : null;
}

export function acceptedName(name: string): boolean {
	return ACCEPTED_NAME.test(name);
}

/** [start, end) byte ranges of a file of `size` bytes in chunks of `chunk` (one empty range for an empty file). */
export function chunkRanges(size: number, chunk: number): [number, number][] {
	if (size === 0) return [[0, 0]];
	const out: [number, number][] = [];
	for (let s = 0; s < size; s += chunk) out.push([s, Math.min(size, s + chunk)]);
	return out;
}

export function bytesLabel(n: number): string {
	if (n < 1024) return `${n} B`;
	if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
	if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
	return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** A mapping file (the JSON "Download mappings" writes) dropped with the exports: read in the browser, not uploaded. */
export const isMappingFile = (name: string) => /\.json$/i.test(name);

/** What a replace-all load will empty, for the confirmation. */
export function replaceAllQuestion(provided: readonly TableName[]): string {
	const emptied = TABLE_NAMES.filter((t) => !provided.includes(t));
	return emptied.length
		? `Replace all tables? This load has no file for ${emptied.join(', ')}: ${emptied.length === 1 ? 'it' : 'they'} will be emptied, so no figure mixes these files with older data.`
		: 'Replace all tables? This load provides every table.';
}
