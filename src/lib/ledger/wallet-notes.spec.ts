import { describe, expect, it } from 'vitest';
import { preTrendWarning, walletExcludedNote, walletNa } from './wallet-notes';

describe('wallet notes', () => {
	it('says n/a with the reason, and that the total excludes it', () => {
		expect(walletNa('only 3 treated customers')).toBe('n/a — only 3 treated customers');
		expect(walletExcludedNote('only 3 treated customers')).toBe('The total excludes the share-of-wallet decline: only 3 treated customers.');
		expect(walletExcludedNote(null)).toBeNull();
	});

	it('warns about a pre-trend only when the test says it is not flat', () => {
		const base = { se: 0.5, z: -3, p_value: 0.0027 };
		expect(preTrendWarning({ ...base, flat: true, slope: -0.2 })).toBeNull();
		expect(preTrendWarning({ ...base, flat: null, slope: null })).toBeNull();
		expect(preTrendWarning({ ...base, flat: false, slope: -1.5 })).toBe(
			"Pre-trend not flat: before their first backorder, backordered customers' spend was already falling against matched controls by 1.5 index points a month (p = 0.003), so part of the difference after it may not be the backorder's doing."
		);
	});
});
