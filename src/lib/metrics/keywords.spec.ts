import { describe, expect, it } from 'vitest';
import {
	DEFAULT_KEYWORDS,
	contactText,
	keywordPattern,
	keywordRegexBody,
	matchedKeywords,
	matchesKeyword,
	normaliseKeywords
} from './keywords';
import { KEYWORD_CASES } from './keyword-cases';

const K = DEFAULT_KEYWORDS;


describe('matchesKeyword', () => {
	it.each(KEYWORD_CASES)('%j → %s', (text, expected) => {
		expect(matchesKeyword(text, K)).toBe(expected);
	});

	it('does not join the end of the reason and the start of the note into a phrase', () => {
		expect(matchesKeyword(contactText('where is', 'my order'), K)).toBe(false);
		expect(matchesKeyword(contactText('back', 'order'), K)).toBe(false);
		expect(matchesKeyword(contactText('billing', 'ETA?'), K)).toBe(true);
		expect(matchesKeyword(contactText('ETA', null), K)).toBe(true);
		expect(matchesKeyword(contactText(null, null), K)).toBe(false);
	});

	it('treats keywords literally, never as regex syntax', () => {
		expect(matchesKeyword('a+b', ['a+b'])).toBe(true);
		expect(matchesKeyword('aab', ['a+b'])).toBe(false);
		expect(matchesKeyword('x (y)', ['(y)'])).toBe(true);
		expect(matchesKeyword('anything', ['.*'])).toBe(false);
		expect(matchesKeyword('see .* here', ['.*'])).toBe(true);
	});

	it('matches nothing with an empty list', () => {
		expect(matchesKeyword('backorder', [])).toBe(false);
		expect(matchesKeyword('', [])).toBe(false);
		expect(matchesKeyword('backorder', ['  ', ''])).toBe(false);
	});

	it('is case-insensitive in the list too', () => {
		expect(matchesKeyword('eta', ['ETA'])).toBe(true);
		expect(matchesKeyword('Rush order', ['  RUSH   Order '])).toBe(true);
	});
});

describe('pattern', () => {
	it('is built from escaped keywords with word edges', () => {
		expect(keywordRegexBody(['eta', 'back order', 'a.b'])).toBe(
			'(^|[^a-z0-9])(eta|back[ \\t]+order|a\\.b)([^a-z0-9]|$)'
		);
		expect(keywordPattern(['eta'])).toBe('(?i)(^|[^a-z0-9])(eta)([^a-z0-9]|$)');
	});

	it('normalises the list', () => {
		expect(normaliseKeywords([' ETA ', 'eta', 'Back   Order', ''])).toEqual(['eta', 'back order']);
	});

	it('explains which keywords matched', () => {
		expect(matchedKeywords('Backorder: ETA? where is my order', K)).toEqual(['backorder', 'eta', 'where is my order']);
		expect(matchedKeywords(null, K)).toEqual([]);
	});
});
