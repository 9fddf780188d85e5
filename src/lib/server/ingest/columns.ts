import { normaliseHeader, SCHEMA, type TableName } from '../../schema';

export interface ColumnMatch {
	/** canonical column → source header */
	mapped: Record<string, string>;
	missingRequired: string[];
	missingOptional: string[];
	/** source headers that matched nothing */
	ignored: string[];
	/** mapping errors that make the file unreadable (unknown column, header not found) */
	problems: string[];
}

/**
 * Pairs the file's headers with the canonical columns: an explicit mapping first (a saved column
 * mapping), then case- and punctuation-insensitive names ("Order ID" = order_id). When two headers
 * normalise alike the first one wins and the other is reported as ignored.
 */
export function matchColumns(table: TableName, headers: string[], columnMap: Record<string, string> = {}): ColumnMatch {
	const columns = SCHEMA[table].columns;
	const known = new Set(columns.map((c) => c.name));
	const mapped: Record<string, string> = {};
	const used = new Set<string>();
	const problems: string[] = [];

	for (const [canonical, header] of Object.entries(columnMap)) {
		if (!header) continue;
		if (!known.has(canonical)) {
			problems.push(`the column mapping names ${JSON.stringify(canonical)}, which is not a column of ${table}`);
			continue;
		}
		const found =
			headers.find((h) => h === header) ?? headers.find((h) => normaliseHeader(h) === normaliseHeader(header));
		if (found === undefined) problems.push(`mapped header ${JSON.stringify(header)} for ${canonical} is not in the file`);
		else {
			mapped[canonical] = found;
			used.add(found);
		}
	}

	for (const c of columns) {
		if (mapped[c.name] !== undefined || columnMap[c.name]) continue;
		const found = headers.find((h) => !used.has(h) && normaliseHeader(h) === normaliseHeader(c.name));
		if (found !== undefined) {
			mapped[c.name] = found;
			used.add(found);
		}
	}

	return {
		mapped,
		missingRequired: columns.filter((c) => c.required && mapped[c.name] === undefined).map((c) => c.name),
		missingOptional: columns.filter((c) => !c.required && mapped[c.name] === undefined).map((c) => c.name),
		ignored: headers.filter((h) => !used.has(h)),
		problems
	};
}
