/**
 * The one cell neutraliser for every CSV and XLSX export (DESIGN §7: exports neutralise formula
 * injection). A text value that starts with = + - @, a tab or a carriage return (which some spreadsheets
 * strip before deciding whether a cell is a formula) gets a leading single quote, so the spreadsheet
 * shows it as text. Numbers are written as numbers — a negative number is data, not a formula. Pure.
 */
export type CellValue = string | number | boolean | null | undefined;

/**
 * A formula start, after anything a spreadsheet may skip first: blanks, control characters, and
 * invisible format characters (zero-width space and joiners, the byte-order mark, bidi marks: Unicode
 * categories Cc and Cf). The look-alikes count too — fullwidth ＝ ＋ － ＠, small ﹦ ﹢ ﹣ ﹫ and the
 * minus sign −: some spreadsheets (Excel in East Asian locales) read them as = + - @.
 */
const FORMULA_START = /^[\s\p{Cc}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212]|^[\t\r]/u;

/** A text value made safe to open in a spreadsheet. */
export function neutralise(s: string): string {
	return FORMULA_START.test(s) ? `'${s}` : s;
}

/**
 * RFC 4180 cell: neutralised, quoted when it holds a comma, quote or line break — or a semicolon or a
 * tab, the separators spreadsheets use in locales with a decimal comma or when a file is opened as
 * tab-separated, where `a;=1` or `1<TAB>=cmd` unquoted would be a second cell holding a formula.
 */
export function csvCell(v: CellValue): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	const s = neutralise(v);
	return /[",;\t\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly CellValue[]): string {
	return values.map(csvCell).join(',') + '\r\n';
}

/** An XLSX cell value: text neutralised, numbers and booleans as themselves, missing as empty. */
export function xlsxCell(v: CellValue): string | number | boolean | null {
	if (v === null || v === undefined) return null;
	if (typeof v === 'number') return Number.isFinite(v) ? v : null;
	if (typeof v === 'boolean') return v;
	return neutralise(v);
}

/**
 * A date column's value as a real Excel date: an ISO date or timestamp (as DuckDB hands them over) becomes
 * a Date in UTC, so a spreadsheet sorts and filters it as a date; anything else is a neutralised cell.
 */
export function xlsxDate(v: CellValue): Date | string | number | boolean | null {
	if (typeof v === 'string') {
		const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?/.exec(v);
		if (m) {
			const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
			if (!Number.isNaN(d.getTime()) && d.getUTCDate() === +m[3]) return d;
		}
	}
	return xlsxCell(v);
}

/** The number format of a date column: with the time of day when the values carry one. */
export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';

/** A filename-safe download name: `base-part-part.ext`, anything unusual replaced by "_". */
export function exportFilename(parts: readonly string[], ext: 'csv' | 'xlsx' | 'pdf'): string {
	return `${parts.filter(Boolean).join('-')}`.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 150) + `.${ext}`;
}
