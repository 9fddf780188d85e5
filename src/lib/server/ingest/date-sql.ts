/**
 * The SQL that reads a date or timestamp cell, for the family its column was read as (see
 * $lib/data/date-formats.ts): the column's own family first — for a day-first file that is where
 * every cell succeeds — then the forms that are always accepted (ISO, YYYYMMDD, month names).
 * COALESCE evaluates an argument only for the rows the ones before left NULL, so an ISO file pays for
 * one cast per cell, as before.
 *
 * DuckDB reads %y as 2000–2068 / 1969–1999; DESIGN §2.1 pivots at 1950: a two-digit year read as 2050
 * or later is moved back a century.
 */
import { EARLIEST_DATE, latestPlausibleDate, type DateFamily, type DateFormat } from '$lib/data/date-formats';
import { sqlString } from './sql-text';

const list = (xs: readonly string[]) => `[${xs.map(sqlString).join(', ')}]`;

/** What the DATE cast may read when it is not the 10 characters of YYYY-MM-DD: an unpadded ISO date, a
 * time of day (with an offset), blanks around. */
const ISO_DATE_ISH = sqlString(
	'\\s*\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}([ T]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?\\s*(Z|[+-]\\d{2}(:?\\d{2})?)?)?\\s*'
);

const TIMES = ['', ' %H:%M', ' %H:%M:%S', ' %I:%M %p', ' %I:%M:%S %p', ' %I:%M%p'];
const SEPARATORS = ['/', '.', '-'];

function numericFormats(order: 'dmy' | 'mdy', year: '%Y' | '%y'): string[] {
	const out: string[] = [];
	for (const t of TIMES) for (const s of SEPARATORS) out.push((order === 'dmy' ? `%d${s}%m${s}` : `%m${s}%d${s}`) + year + t);
	return out;
}

const MONTH_NAME = ['%d-%b-%Y', '%d %b %Y', '%b %d, %Y', '%b %d %Y', '%d-%B-%Y', '%d %B %Y', '%B %d, %Y', '%B %d %Y'];
const MONTH_NAME_YY = ['%d-%b-%y', '%d %b %y', '%d-%B-%y'];
const withTimes = (fs: readonly string[]) => TIMES.flatMap((t) => fs.map((f) => f + t));

/** A two-digit year that DuckDB read as 2050–2068 is 1950–1968. */
const pivoted = (t: string) => `CASE WHEN year(${t}) >= 2050 THEN ${t} - INTERVAL 100 YEAR ELSE ${t} END`;

/**
 * Two-digit forms first: '%Y' reads the "24" of "02/01/24" as the year 24, while '%y' stops at the "20"
 * of "2024" and fails, leaving the cell to the four-digit forms.
 */
function strptimeEither(v: string, four: readonly string[], two: readonly string[]): string[] {
	return [pivoted(`TRY_STRPTIME(${v}, ${list(two)})`), `TRY_STRPTIME(${v}, ${list(four)})`];
}

/** TIMESTAMP alternatives (NULL when they do not read the cell) of a family, most likely first. */
function familyTimestamps(v: string, family: DateFamily): string[] {
	switch (family) {
		case 'dmy':
		case 'mdy':
			return strptimeEither(v, numericFormats(family, '%Y'), numericFormats(family, '%y'));
		case 'excel':
			// days since 1899-12-30 (Excel's 1900 system, leap-year bug included), a fraction is the time
			return [
				`CASE WHEN regexp_full_match(${v}, '\\d{1,6}(\\.\\d+)?') THEN TIMESTAMP '1899-12-30' + ` +
					`to_microseconds(CAST(round(CAST(${v} AS DOUBLE) * 86400000000) AS BIGINT)) END`
			];
		default:
			return [];
	}
}

/** Month names and YYYYMMDD: always accepted, after the column's own family. */
function unambiguousTimestamps(v: string): string[] {
	return [
		`CASE WHEN length(${v}) = 8 THEN TRY_STRPTIME(${v}, '%Y%m%d') END`,
		// only text with a letter can hold a month name: the format list is not tried on numbers
		`CASE WHEN regexp_matches(${v}, '[A-Za-z]') THEN coalesce(${strptimeEither(v, withTimes(MONTH_NAME), withTimes(MONTH_NAME_YY)).join(', ')}) END`
	];
}

/** The DATE a present cell `v` holds, or NULL. */
export function dateCastSql(v: string, family: DateFamily): string {
	const iso =
		// DuckDB's DATE cast ignores what follows a date ("2024-01-05x") and reads "24-01-05" as the year
		// 24: only ISO dates (10 characters, the common case, cast directly) and ISO dates with a time
		// of day are cast (CASE, not OR: DuckDB would run both sides)
		`CASE WHEN length(${v}) = 10 THEN TRY_CAST(${v} AS DATE) WHEN regexp_full_match(${v}, ${ISO_DATE_ISH}) THEN TRY_CAST(${v} AS DATE) END`;
	const own = familyTimestamps(v, family).map((t) => `CAST(${t} AS DATE)`);
	const rest = unambiguousTimestamps(v).map((t) => `CAST(${t} AS DATE)`);
	return `coalesce(${[...own, iso, ...rest].join(', ')})`;
}

/** The TIMESTAMP a present cell `v` holds, or NULL (an explicit offset is read as an instant, stored in UTC). */
export function timestampCastSql(v: string, family: DateFamily, tzSuffix: string): string {
	const alts = [...familyTimestamps(v, family), `TRY_CAST(${v} AS TIMESTAMP)`, ...unambiguousTimestamps(v)];
	// a plain TIMESTAMP cast drops an explicit offset; "YYYY-MM-DD HH:MM:SS" is 19 characters: only
	// longer text can carry one
	return (
		`CASE WHEN length(${v}) > 19 AND regexp_matches(${v}, ${tzSuffix}) ` +
		`THEN CAST(TRY_CAST(${v} AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TIMESTAMP) ` +
		`ELSE coalesce(${alts.join(', ')}) END`
	);
}

/** The family to read with when nothing was detected (a direct call, a test): what was declared, else ISO. */
export function declaredFamily(declared: DateFormat | undefined): DateFamily {
	return !declared || declared === 'auto' ? 'iso' : declared;
}

/** A plausible date: not before 1900, not more than five years ahead (DESIGN §2.1). */
export function implausibleSql(x: string, type: 'date' | 'timestamp', today?: Date): string {
	const cast = type === 'date' ? 'DATE' : 'TIMESTAMP';
	return `(${x} < ${cast} ${sqlString(EARLIEST_DATE)} OR ${x} > ${cast} ${sqlString(latestPlausibleDate(today))})`;
}

export function implausibleRule(today?: Date): string {
	return `implausible date (before ${EARLIEST_DATE} or after ${latestPlausibleDate(today)})`;
}
