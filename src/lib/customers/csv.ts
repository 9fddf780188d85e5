/** The at-risk customers' CSV: cells through the one neutraliser of every export ($lib/export/cells). */
export { csvCell, csvLine, type CellValue as CsvValue } from '$lib/export/cells';

/** A filename-safe slug of a date range, for Content-Disposition. */
export function exportName(base: string, from: string, to: string): string {
	return `${base}-${from}-to-${to}.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
}
