/**
 * CSV writing for exports (RFC 4180) with formula-injection neutralising: a text cell that starts with
 * = + - @ (or a tab / carriage return, which some spreadsheets strip before looking) gets a leading
 * single quote, so a spreadsheet shows it as text instead of evaluating it. Numbers are written as
 * numbers (a negative number is data, not a formula). Pure.
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: CsvValue): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	let s = v;
	if (FORMULA_START.test(s)) s = `'${s}`;
	return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly CsvValue[]): string {
	return values.map(csvCell).join(',') + '\r\n';
}

/** A filename-safe slug of a date range, for Content-Disposition. */
export function exportName(base: string, from: string, to: string): string {
	return `${base}-${from}-to-${to}.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
}
