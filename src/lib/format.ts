/**
 * Every number and date the UI shows passes through here, so a figure reads the same on every page.
 * Formatters take null/undefined/NaN and return an em dash: missing is shown as missing, never as 0.
 */
import { format as formatDate, parseISO } from 'date-fns';

const MISSING = '—';
const missing = (v: number | null | undefined): v is null | undefined =>
	v === null || v === undefined || !Number.isFinite(v);

const currencyCache = new Map<string, Intl.NumberFormat>();
function currencyFormat(currency: string, digits: number): Intl.NumberFormat {
	const key = `${currency}:${digits}`;
	let f = currencyCache.get(key);
	if (!f) {
		f = new Intl.NumberFormat('en-US', {
			style: 'currency',
			currency,
			minimumFractionDigits: digits,
			maximumFractionDigits: digits
		});
		currencyCache.set(key, f);
	}
	return f;
}

/** $1,234,567 — whole units; cents only for amounts under 100 where they matter. */
export function currency(v: number | null | undefined, currencyCode = 'USD'): string {
	if (missing(v)) return MISSING;
	// a sum of float terms that cancel (-1e-12) is zero, not "-$0.00"
	if (Math.abs(v) < 0.005) return currencyFormat(currencyCode, 0).format(0);
	const digits = Math.abs(v) < 100 && !Number.isInteger(v) ? 2 : 0;
	return currencyFormat(currencyCode, digits).format(v);
}

/** Cents always: for unit costs and rates ("$8.00 per contact"). */
export function currencyExact(v: number | null | undefined, currencyCode = 'USD'): string {
	if (missing(v)) return MISSING;
	return currencyFormat(currencyCode, 2).format(v);
}

const SUFFIXES: [number, string][] = [
	[1e12, 'T'],
	[1e9, 'B'],
	[1e6, 'M'],
	[1e3, 'k']
];

/** 1234 → 1.2k, 12_345_678 → 12.3M; three significant digits at most, trailing zeros dropped. */
export function compact(v: number | null | undefined): string {
	if (missing(v)) return MISSING;
	const sign = v < 0 ? '-' : '';
	let a = Math.abs(v);
	for (let i = 0; i < SUFFIXES.length; i++) {
		const [size, suffix] = SUFFIXES[i];
		if (a >= size * 0.9995) {
			let scaled = a / size;
			// 999_950 would round to "1000k"; promote it to the next unit instead
			if (i > 0 && Number(scaled.toPrecision(3)) >= 1000) {
				scaled = a / SUFFIXES[i - 1][0];
				return sign + trimZeros(scaled.toPrecision(3)) + SUFFIXES[i - 1][1];
			}
			return sign + trimZeros(scaled.toPrecision(3)) + suffix;
		}
	}
	if (Number.isInteger(a)) return sign + String(a);
	return sign + trimZeros(a.toPrecision(3));
}

function trimZeros(s: string): string {
	return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** $1.2M, -$340k, $87: money at a glance (tiles, axes, narrative). */
export function compactCurrency(v: number | null | undefined, currencyCode = 'USD'): string {
	if (missing(v)) return MISSING;
	const symbol = currencySymbol(currencyCode);
	const c = compact(Math.abs(v));
	return (v < 0 ? '-' : '') + symbol + c;
}

function currencySymbol(code: string): string {
	const part = currencyFormat(code, 0)
		.formatToParts(0)
		.find((p) => p.type === 'currency');
	return part?.value ?? code + ' ';
}

/** 0.0734 → 7.3%; digits default 1. */
export function percent(v: number | null | undefined, digits = 1): string {
	if (missing(v)) return MISSING;
	return `${(v * 100).toFixed(digits)}%`;
}

/** Signed change in percentage points or percent: +2.4%, −1.0%. Uses a real minus sign. */
export function signedPercent(v: number | null | undefined, digits = 1): string {
	if (missing(v)) return MISSING;
	const s = (Math.abs(v) * 100).toFixed(digits);
	if (Number(s) === 0) return `${(0).toFixed(digits)}%`;
	return `${v > 0 ? '+' : '−'}${s}%`;
}

/** 12,345 — grouped integers (or one decimal for small fractional values). */
export function integer(v: number | null | undefined): string {
	if (missing(v)) return MISSING;
	return Math.round(v).toLocaleString('en-US');
}

export function decimal(v: number | null | undefined, digits = 1): string {
	if (missing(v)) return MISSING;
	return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "$X per $1": the ledger's headline ratio. */
export function ratio(v: number | null | undefined): string {
	if (missing(v)) return MISSING;
	return `$${v.toFixed(2)}`;
}

/** Dates are calendar dates (no time zone); ISO strings are parsed as local dates, not UTC instants. */
export function dateLong(iso: string | null | undefined): string {
	if (!iso) return MISSING;
	return formatDate(parseISO(iso), 'd MMM yyyy');
}

export function monthLabel(iso: string | null | undefined): string {
	if (!iso) return MISSING;
	return formatDate(parseISO(iso), 'MMM yyyy');
}

export function monthShort(iso: string | null | undefined): string {
	if (!iso) return MISSING;
	return formatDate(parseISO(iso), "MMM ''yy");
}

/** "1 Nov 2025 – 31 Oct 2026", collapsing the year when both ends share it. */
export function dateRange(from: string, to: string): string {
	const a = parseISO(from);
	const b = parseISO(to);
	if (a.getFullYear() === b.getFullYear()) return `${formatDate(a, 'd MMM')} – ${formatDate(b, 'd MMM yyyy')}`;
	return `${formatDate(a, 'd MMM yyyy')} – ${formatDate(b, 'd MMM yyyy')}`;
}

export function days(v: number | null | undefined): string {
	if (missing(v)) return MISSING;
	const r = Math.round(v * 10) / 10;
	return `${r.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${r === 1 ? 'day' : 'days'}`;
}

/** A ledger figure by its kind (src/lib/ledger/figures.ts): money compact, shares as percent, days, counts. */
export function figure(kind: 'money' | 'count' | 'share' | 'days' | 'ratio' | 'rate', v: number | null | undefined, currencyCode = 'USD'): string {
	if (missing(v)) return MISSING;
	if (kind === 'money') return compactCurrency(v, currencyCode);
	if (kind === 'share' || kind === 'rate') return percent(v);
	if (kind === 'days') return days(v);
	if (kind === 'ratio') return ratio(v);
	return Math.abs(v) < 100 && !Number.isInteger(v) ? decimal(v) : integer(v);
}

/** The difference of two figures, signed: money and counts as +/−, shares in percentage points. */
export function figureDelta(kind: 'money' | 'count' | 'share' | 'days' | 'ratio' | 'rate', v: number | null | undefined, currencyCode = 'USD'): string {
	if (missing(v)) return MISSING;
	if (Math.abs(v) < 1e-9) return '0';
	const sign = v > 0 ? '+' : '−';
	if (kind === 'share' || kind === 'rate') return `${sign}${(Math.abs(v) * 100).toFixed(1)} pts`;
	return `${sign}${figure(kind, Math.abs(v), currencyCode)}`;
}
