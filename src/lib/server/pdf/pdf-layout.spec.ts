/**
 * Screenshot and layout tests of the PDFs at Letter and A4 (issue 17): each page renders to PNG
 * (pdftoppm, kept in test-results/pdf-shots for review), and its text, read back with positions, has no
 * two words on top of each other and nothing off the page: the waterfall's labels used to collide on
 * Letter, and "Share-of-wallet loss" broke mid-word.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ledgerPdf } from './ledger-pdf';
import { collisions, offPage, pdfWords, pngSize, popplerMissing, renderPages } from './layout-check';
import { pdfFixture } from './fixture';

const missing = popplerMissing();
const shots = path.resolve('test-results/pdf-shots');

describe.skipIf(missing)(`PDF layout${missing ? ` (skipped: ${missing})` : ''}`, () => {
	for (const size of ['LETTER', 'A4'] as const) {
		it(`ledger PDF, ${size}: renders, no words collide, none off the page, no word cut`, async () => {
			const f = pdfFixture();
			const pdf = await ledgerPdf({ ...f, size, generatedAt: new Date('2026-11-23T00:00:00Z') });
			mkdirSync(shots, { recursive: true });
			const pngs = renderPages(pdf, shots, `ledger-${size.toLowerCase()}`);
			expect(pngs).toHaveLength(2);
			const { width, height } = pngSize(readFileSync(pngs[0]));
			expect(width / height).toBeCloseTo(size === 'LETTER' ? 792 / 612 : 841.89 / 595.28, 2);
			const { pages, words } = pdfWords(pdf);
			expect(pages).toHaveLength(2);
			expect(collisions(words).map(([a, b]) => `${a.text} × ${b.text}`)).toEqual([]);
			expect(offPage(words, pages)).toEqual([]);
			const texts = words.map((w) => w.text);
			expect(texts).toContain('Share-of-wallet');
			expect(texts.some((t) => /^Share-of-wall$|^et$/.test(t))).toBe(false);
		});
	}

	it('ledger PDF: the tiles and the narrative name the comparison asked for, not always the previous period', async () => {
		const f = pdfFixture();
		const pdf = await ledgerPdf({ ...f, previous: f.current, compare: { from: '2024-01-01', to: '2024-12-31' }, size: 'A4', generatedAt: new Date('2026-11-23T00:00:00Z') });
		const text = pdfWords(pdf).words.map((w) => w.text).join(' ');
		// a custom comparison is named by its dates
		expect(text).toContain('vs 1 Jan');
		expect(text).toContain('Against 1 Jan');
		expect(text).not.toContain('previous period');
	});
});
