/**
 * The data page's keyword classification and the assumptions page's reason values are kept per data
 * version (issue 9): a visit reuses them, another keyword list or a new load computes them afresh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, getInstance } from '../db';
import { ingestFolder } from '../ingest';
import { folderWith, GOOD } from '../ingest/test-helpers';
import { DEFAULT_KEYWORDS } from '$lib/metrics/keywords';
import { dataOverview, keywordShares } from './overview';
import { reasonValues } from './reasons';

beforeAll(async () => {
	process.env.LEDGER_DB = ':memory:';
	const r = await ingestFolder(await getInstance(), folderWith(GOOD));
	expect(r.load_id).not.toBeNull();
});
afterAll(() => closeInstance());

const contactShares = (s: Awaited<ReturnType<typeof keywordShares>>) =>
	s.filter((x) => x.source === 'contacts').map((x) => [x.value, x.rows, x.matched, x.reason_matches]);

describe('keyword shares and reason values by data version', () => {
	it('reuses a result for the same data and keywords, recomputes for other keywords', async () => {
		const a = await keywordShares(DEFAULT_KEYWORDS);
		expect(await keywordShares(DEFAULT_KEYWORDS)).toBe(a);
		expect((await dataOverview(DEFAULT_KEYWORDS)).shares).toBe(a);
		expect(contactShares(a)).toEqual([
			['Backorder', 1, 1, true],
			['ETA', 1, 1, true]
		]);
		const eta = await keywordShares(['eta']);
		expect(contactShares(eta)).toEqual([
			['Backorder', 1, 0, false],
			['ETA', 1, 1, true]
		]);
		const values = await reasonValues();
		expect(await reasonValues()).toBe(values);
	});

	it('answers for the new data right after a load', async () => {
		const contacts = GOOD['contacts.csv'] + 'K3,C3,2024-02-03 11:00:00,service,email,Invoice question,stock-out again,,,,\nK4,C3,2024-02-04 11:00:00,service,email,Invoice question,,,,,\n';
		const r = await ingestFolder(await getInstance(), folderWith({ ...GOOD, 'contacts.csv': contacts }));
		expect(r.load_id).not.toBeNull();
		expect(contactShares(await keywordShares(DEFAULT_KEYWORDS))).toEqual([
			['Invoice question', 2, 1, false],
			['Backorder', 1, 1, true],
			['ETA', 1, 1, true]
		]);
		expect((await reasonValues()).filter((v) => v.source === 'contacts')).toEqual([
			{ source: 'contacts', value: 'Invoice question', rows: 2 },
			{ source: 'contacts', value: 'Backorder', rows: 1 },
			{ source: 'contacts', value: 'ETA', rows: 1 }
		]);
	});
});
