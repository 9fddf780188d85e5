/**
 * How dates are written in a source, and how the loader tells from the values (DESIGN §2.1: "the format
 * detected from the values and shown, overridable"). One definition for the CLI, the upload and the
 * column mapping: the server turns the chosen format into SQL (ingest/date-sql.ts), the pages show its
 * label. Pure, safe in the browser.
 *
 * Always accepted, whatever is declared, because they cannot be misread: ISO (2024-03-31, with or
 * without a time of day), YYYYMMDD, and dates with a month name (2-Jun-06, 02 JUN 2006, Jun 2, 2006).
 * Day-first and month-first (31/12/24, 12/31/2024, with a time of day or not) need a decision, taken
 * from the values where some day is above 12, else declared; Excel serial numbers (45292 = 2024-01-01)
 * only when every value looks like one.
 */

export const DATE_FORMATS = ['auto', 'iso', 'ymd8', 'dmy', 'mdy', 'excel'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** What a column's values turned out to be (or were declared to be). */
export type DateFamily = 'iso' | 'ymd8' | 'mon' | 'dmy' | 'mdy' | 'excel';

export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
	auto: 'detect from the values',
	iso: 'ISO (2024-12-31)',
	ymd8: 'YYYYMMDD (20241231)',
	dmy: 'day first (31/12/2024, 31.12.24)',
	mdy: 'month first (12/31/2024, 8/27/14)',
	excel: 'Excel serial numbers (45657)'
};

export const DATE_FAMILY_LABELS: Record<DateFamily, string> = {
	iso: 'ISO (2024-12-31)',
	ymd8: 'YYYYMMDD',
	mon: 'with a month name (2-Jun-06, Jun 2, 2006)',
	dmy: 'day first',
	mdy: 'month first',
	excel: 'Excel serial numbers'
};

export function isDateFormat(x: unknown): x is DateFormat {
	return typeof x === 'string' && (DATE_FORMATS as readonly string[]).includes(x);
}

/** Two-digit years: 00–49 are 2000–2049, 50–99 are 1950–1999 (DESIGN §2.1). */
export function pivotYear(yy: number): number {
	return yy < 50 ? 2000 + yy : 1900 + yy;
}

/** Dates outside this range are rejected as implausible: a typo (0014-01-19), a wrong format, a sentinel. */
export const EARLIEST_DATE = '1900-01-01';
export function latestPlausibleDate(today = new Date()): string {
	const d = new Date(Date.UTC(today.getUTCFullYear() + 5, today.getUTCMonth(), today.getUTCDate()));
	return d.toISOString().slice(0, 10);
}

const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?)?`;
const ISO = new RegExp(String.raw`^\d{4}[-/]\d{1,2}[-/]\d{1,2}${TIME}$`);
const YMD8 = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})${TIME}$`);
const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december';
const MON = new RegExp(String.raw`^(?:\d{1,2}[- ](?:${MONTHS})[- ](?:\d{2}|\d{4})|(?:${MONTHS}) \d{1,2},? \d{4})${TIME}$`, 'i');
const SERIAL = /^\d{1,6}(?:\.\d+)?$/;

/** A serial number Excel would show as a date between 1900 and 2100. */
const isSerial = (v: string) => SERIAL.test(v) && Number(v) >= 1 && Number(v) < 73051;

export interface Detection {
	/** the family the column's values are read as */
	family: DateFamily;
	/** whether it was declared (or only detected) */
	declared: boolean;
	/** values looked at, and how many of them the family reads */
	looked: number;
	read: number;
	/** day-first and month-first could not be told apart (no day above 12): read as `family`, say so */
	ambiguous: boolean;
	/** one value as written, for the label */
	example: string | null;
}

/**
 * The family of a column's values. Unambiguous values (ISO, YYYYMMDD, month names) count for
 * themselves; when numeric d/m/y values are the majority, they decide between day first and month first
 * by the ones whose first or second part is above 12; with no such value, month first (US exports are the commonest) — flagged
 * `ambiguous`, so the report can say to declare day first if that is wrong. `declared` (anything but
 * 'auto') wins, and the values only count what it reads.
 */
export function detectDateFamily(values: readonly string[], declared: DateFormat = 'auto'): Detection {
	const vals = values.map((v) => v.trim()).filter((v) => v !== '');
	const count = { iso: 0, ymd8: 0, mon: 0, dmy: 0, mdy: 0, excel: 0, both: 0 };
	let dayFirstOnly = 0;
	let monthFirstOnly = 0;
	const example: Partial<Record<DateFamily, string>> = {};
	const seen = (f: DateFamily, v: string) => {
		count[f]++;
		example[f] ??= v;
	};
	for (const v of vals) {
		if (ISO.test(v)) seen('iso', v);
		else if (YMD8.test(v) && validYmd8(v)) seen('ymd8', v);
		else if (MON.test(v)) seen('mon', v);
		else {
			const m = NUMERIC.exec(v);
			if (m) {
				const a = Number(m[1]);
				const b = Number(m[2]);
				const dmy = a >= 1 && a <= 31 && b >= 1 && b <= 12;
				const mdy = a >= 1 && a <= 12 && b >= 1 && b <= 31;
				if (dmy) seen('dmy', v);
				if (mdy) seen('mdy', v);
				if (dmy && !mdy) dayFirstOnly++;
				if (mdy && !dmy) monthFirstOnly++;
			} else if (isSerial(v)) seen('excel', v);
		}
	}
	const always = count.iso + count.ymd8 + count.mon;
	const pick = (family: DateFamily, isDeclared: boolean, ambiguous = false): Detection => ({
		family,
		declared: isDeclared,
		looked: vals.length,
		read: always + (family === 'dmy' || family === 'mdy' || family === 'excel' ? count[family] : 0),
		ambiguous,
		example: example[family] ?? example.iso ?? example.ymd8 ?? example.mon ?? vals[0] ?? null
	});
	if (declared !== 'auto') {
		const family: DateFamily = declared;
		return pick(family, true);
	}
	// the majority decides: a column of ISO dates with one "24-01-02" stays ISO (and rejects that one)
	const numeric = Math.max(count.dmy, count.mdy);
	if (numeric <= always) {
		// every value unambiguous, or serial numbers (only when nothing else reads: "45292" might be a typo)
		if (count.excel > 0 && always === 0 && count.excel === vals.length) return pick('excel', false);
		const best = (['iso', 'ymd8', 'mon'] as const).reduce((a, b) => (count[b] > count[a] ? b : a));
		return pick(best, false);
	}
	if (dayFirstOnly > monthFirstOnly) return pick('dmy', false);
	if (monthFirstOnly > dayFirstOnly) return pick('mdy', false);
	return pick('mdy', false, dayFirstOnly === 0);
}

function validYmd8(v: string): boolean {
	const m = YMD8.exec(v)!;
	const month = Number(m[2]);
	const day = Number(m[3]);
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** How the report says what a column was read as: "month first (8/27/14), detected from 830 values". */
export function describeDetection(column: string, d: Detection): string {
	const how = d.declared ? 'as declared' : `detected from ${d.looked.toLocaleString('en-US')} value${d.looked === 1 ? '' : 's'}`;
	const eg = d.example ? ` (${d.example})` : '';
	const unread = d.looked - d.read;
	const rest = unread > 0 ? `; ${unread.toLocaleString('en-US')} of them fit no date format and will be rejected` : '';
	const warn = d.ambiguous ? '; no day above 12, so day first and month first cannot be told apart: declare day first if that is how they are written' : '';
	return `${column}: dates read as ${DATE_FAMILY_LABELS[d.family]}${eg}, ${how}${rest}${warn}`;
}
