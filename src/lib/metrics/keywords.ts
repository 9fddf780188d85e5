/**
 * DESIGN §3: what counts as backorder-related text. A keyword matches as a whole word or phrase,
 * case-insensitively (`eta` matches "ETA?" but not "beta" or "metadata").
 *
 * The SQL queries and this module share one pattern builder, so the database and the browser agree on
 * every string (a spec checks that on a list of tricky cases). Pure module, safe in the browser.
 */

export const DEFAULT_KEYWORDS: readonly string[] = [
	'backorder',
	'back order',
	'back-order',
	'out of stock',
	'stockout',
	'stock-out',
	'availability',
	'unavailable',
	'allocation',
	'shortage',
	'lead time',
	'expedite',
	'eta',
	'delayed shipment',
	'where is my order'
];

/**
 * Words of a phrase may be separated by any run of spaces or tabs, never by a line break: the SQL
 * joins `reason` and `note` with a newline, so no phrase can straddle the two fields.
 */
const GAP = '[ \\t]+';
/** What may touch a keyword on either side: anything but an ASCII letter or digit. */
const EDGE = '[^a-z0-9]';
/** A class that matches nothing, in both RE2 and JavaScript: the pattern of an empty list. */
const NOTHING = '[^\\s\\S]';

export function escapeRegex(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The list as stored: trimmed, lower-case, inner whitespace collapsed, empty and duplicate entries dropped. */
export function normaliseKeywords(keywords: readonly string[]): string[] {
	const out: string[] = [];
	for (const k of keywords) {
		const n = k.trim().toLowerCase().replace(/\s+/g, ' ');
		if (n && !out.includes(n)) out.push(n);
	}
	return out;
}

/** Regex body shared by RE2 (DuckDB) and JavaScript; case-insensitivity is added by each side. */
export function keywordRegexBody(keywords: readonly string[]): string {
	const alts = normaliseKeywords(keywords).map((k) => k.split(' ').map(escapeRegex).join(GAP));
	return `(^|${EDGE})(${alts.length ? alts.join('|') : NOTHING})(${EDGE}|$)`;
}

/** The value bound as `$keyword_pattern` in the ledger queries (RE2 syntax, case-insensitive). */
export function keywordPattern(keywords: readonly string[]): string {
	return `(?i)${keywordRegexBody(keywords)}`;
}

/** The text a contact is matched on: reason and note, kept apart by a newline (see GAP). */
export function contactText(reason: string | null | undefined, note: string | null | undefined): string {
	return `${reason ?? ''}\n${note ?? ''}`;
}

const compiled = new Map<string, RegExp>();
function regexFor(keywords: readonly string[]): RegExp {
	const body = keywordRegexBody(keywords);
	let re = compiled.get(body);
	if (!re) {
		re = new RegExp(body, 'i');
		if (compiled.size > 20) compiled.clear();
		compiled.set(body, re);
	}
	return re;
}

/** The TypeScript twin of the SQL `regexp_matches(text, $keyword_pattern)`. */
export function matchesKeyword(text: string | null | undefined, keywords: readonly string[]): boolean {
	return text != null && regexFor(keywords).test(text);
}

/** Which keywords a text contains, for explaining a match in the UI. */
export function matchedKeywords(text: string | null | undefined, keywords: readonly string[]): string[] {
	if (text == null) return [];
	return normaliseKeywords(keywords).filter((k) => regexFor([k]).test(text));
}
