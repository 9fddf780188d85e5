/** Which reason values a keyword list matches, with row counts and the keywords that matched each. */
import type { MetricFilters } from '$lib/metrics/filters-type';
import { filterParams } from '$lib/metrics/filters-type';
import { keywordPattern, matchedKeywords } from '$lib/metrics/keywords';
import { runQuery } from '../db';

export interface KeywordMatch {
	source: 'contacts' | 'opportunities';
	/** reason / loss_reason rows list each matching value; note rows count notes matched where the reason was not */
	field: 'reason' | 'loss_reason' | 'note';
	value: string | null;
	rows: number;
	keywords: string[];
}

export async function keywordMatches(filters: MetricFilters, keywords: readonly string[]): Promise<KeywordMatch[]> {
	const r = await runQuery<Omit<KeywordMatch, 'keywords'>>('ledger/keyword_matches', {
		...filterParams(filters),
		keyword_pattern: keywordPattern(keywords)
	});
	if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
	return r.rows.filter((m) => m.rows > 0).map((m) => ({ ...m, keywords: m.value === null ? [] : matchedKeywords(m.value, keywords) }));
}
