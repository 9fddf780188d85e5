/**
 * Issue 17 item 2: b, h and the critical ratio are one set of numbers wherever they are shown. On the
 * default sample, /capital's load, the present deck's load and the ledger PDF (its text, via pdftotext)
 * must show the same three strings, and the ratio must be b/(b+h) of the b and h shown.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample } from '$lib/server/sample/generate';
import { ingestFolder } from '$lib/server/ingest';
import { closeInstance, getInstance } from '$lib/server/db';
import { dataContext } from '$lib/server/context';
import { readFilters } from '$lib/url-state';
import { termsText, type CapitalTerms } from '$lib/capital/terms';
import { load as capitalLoad } from '../../src/routes/capital/+page.server';
import { load as presentLoad } from '../../src/routes/present/+page.server';
import { GET as ledgerPdf } from '../../src/routes/ledger.pdf/+server';

let dir: string;

beforeAll(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'capital-terms-'));
	process.env.LEDGER_DB = path.join(dir, 'ledger.duckdb');
	await generateSample({ outDir: path.join(dir, 'sample') });
	await ingestFolder(await getInstance(), path.join(dir, 'sample'));
});

afterAll(async () => {
	await closeInstance();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

async function surfaces(query: string) {
	const context = await dataContext();
	const url = new URL(`http://x/?${query}`);
	const filters = readFilters(url.searchParams, context.defaults);
	const parent = async () => ({ context, filters });
	const capital = (await capitalLoad({ parent } as never)) as { view: { currency: string; terms: { filtered: CapitalTerms } } };
	const present = (await presentLoad({ parent, url } as never)) as { deck: { terms: CapitalTerms } };
	const res = await ledgerPdf({ url: new URL(`http://x/ledger.pdf?${query}&paper=letter`) } as never);
	const file = path.join(dir, `ledger-${Math.random().toString(36).slice(2)}.pdf`);
	writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
	const pdf = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
	const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
	return { capital: capital.view.terms.filtered, currency: capital.view.currency, present: present.deck.terms, pdf, pages };
}

describe('b, h and the critical ratio agree on /capital, the present deck and the PDF', () => {
	for (const query of ['', 'segment=Strategic']) {
		it(`on the sample${query ? ` under ${query}` : ''}`, async () => {
			const s = await surfaces(query);
			const shown = termsText(s.capital, s.currency);
			expect(termsText(s.present, s.currency)).toEqual(shown);
			expect(s.present).toEqual(s.capital);
			expect(s.capital.b).not.toBeNull();
			expect(s.capital.h).not.toBeNull();
			// a reader can check the ratio from the b and h shown
			const b = Number(shown.b.replace(/[$,]/g, ''));
			const h = Number(shown.h.replace(/[$,]/g, ''));
			expect(shown.critical_ratio).toBe(`${((100 * b) / (b + h)).toFixed(1)}%`);
			// the three rows fit on the ledger's second page
			expect(s.pages).toBe(2);
			for (const text of Object.values(shown)) expect(s.pdf).toContain(text);
			expect(s.pdf).toMatch(new RegExp(`Critical ratio b/\\(b\\+h\\)\\s+${shown.critical_ratio.replace('.', '\\.')}`));
		});
	}
});
