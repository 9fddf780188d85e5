/** The SQL side of the keyword rule agrees with the TypeScript twin on every tricky case. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, runSql } from '$lib/server/db';
import { DEFAULT_KEYWORDS, contactText, keywordPattern, matchesKeyword } from './keywords';
import { KEYWORD_CASES } from './keyword-cases';

beforeAll(() => {
	process.env.LEDGER_DB = ':memory:';
});
afterAll(() => closeInstance());

async function sqlMatches(texts: string[], keywords: readonly string[]): Promise<boolean[]> {
	// the texts go in as one bound JSON list, the pattern as a bound string, exactly as the ledger binds it
	const r = await runSql<{ i: number; m: boolean }>(
		'keyword_agreement',
		`SELECT i::INTEGER AS i, regexp_matches(t, $keyword_pattern) AS m
		 FROM (SELECT unnest(from_json($texts, '["VARCHAR"]')) AS t, generate_subscripts(from_json($texts, '["VARCHAR"]'), 1) AS i)
		 ORDER BY i`,
		{ texts: JSON.stringify(texts), keyword_pattern: keywordPattern(keywords) }
	);
	if (!r.ok) throw new Error(r.error.message);
	return r.rows.map((x) => x.m);
}

describe('keyword rule in SQL', () => {
	it('agrees with matchesKeyword on the tricky cases', async () => {
		const texts = KEYWORD_CASES.map(([t]) => t);
		expect(await sqlMatches(texts, DEFAULT_KEYWORDS)).toEqual(texts.map((t) => matchesKeyword(t, DEFAULT_KEYWORDS)));
		expect(await sqlMatches(texts, DEFAULT_KEYWORDS)).toEqual(KEYWORD_CASES.map(([, m]) => m));
	});

	it('agrees on reason + note joined as the contacts query joins them', async () => {
		const pairs: [string | null, string | null][] = [
			['where is', 'my order'],
			['back', 'order'],
			['billing', 'ETA?'],
			[null, 'stock-out'],
			['Lead time', null],
			[null, null]
		];
		const texts = pairs.map(([r, n]) => contactText(r, n));
		expect(await sqlMatches(texts, DEFAULT_KEYWORDS)).toEqual([false, false, true, true, true, false]);
		expect(await sqlMatches(texts, DEFAULT_KEYWORDS)).toEqual(texts.map((t) => matchesKeyword(t, DEFAULT_KEYWORDS)));
	});

	it('agrees on regex metacharacters and an empty list', async () => {
		const kws = ['a+b', '(y)', '.*', 'c|d'];
		const texts = ['a+b', 'aab', 'x (y) z', 'anything', 'see .* here', 'c', 'c|d'];
		expect(await sqlMatches(texts, kws)).toEqual(texts.map((t) => matchesKeyword(t, kws)));
		expect(await sqlMatches(texts, kws)).toEqual([true, false, true, false, true, false, true]);
		expect(await sqlMatches(['backorder', ''], [])).toEqual([false, false]);
	});
});
