/**
 * Issue 17 item 6: PDFs of /drivers, /capital and a customer page, linked from each page's export menu;
 * every PDF at Letter and A4 renders (pdftoppm screenshots kept in test-results/pdf-shots), names the
 * period, filters and scenario on every page, and has no two words on top of each other.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { collisions, offPage, pdfWords, pngSize, popplerMissing, renderPages } from '../../src/lib/server/pdf/layout-check';

const dataDir = path.resolve(process.env.E2E_DATA || 'test-results/e2e-data');
const shots = path.resolve('test-results/pdf-shots');
const missing = popplerMissing();

function firstCustomer(): string {
	const [head, row] = readFileSync(path.join(dataDir, 'sample', 'customers.csv'), 'utf8').split(/\r?\n/);
	return row.split(',')[head.split(',').indexOf('customer_id')];
}

async function fetchPdf(request: APIRequestContext, url: string): Promise<Buffer> {
	const res = await request.get(url);
	expect(res.status(), url).toBe(200);
	expect(res.headers()['content-type']).toBe('application/pdf');
	expect(res.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.pdf"$/);
	return Buffer.from(await res.body());
}

/** Text of each page (form feeds split pages in pdftotext's output). */
function pageTexts(pdf: Buffer, name: string): string[] {
	mkdirSync(shots, { recursive: true });
	const file = path.join(shots, `${name}.pdf`);
	writeFileSync(file, new Uint8Array(pdf));
	return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\f').filter((t) => t.trim());
}

test.skip(Boolean(missing), missing ?? '');

for (const size of ['letter', 'a4'] as const) {
	test(`the drivers, capital and customer PDFs at ${size}`, async ({ request }) => {
		const customer = firstCustomer();
		const cases = [
			{ name: `drivers-${size}`, url: `/drivers.pdf?segment=Key&dim=supplier&cost=service_cost`, names: ['Segment: Key', 'Component: Service contacts', 'By supplier'] },
			{ name: `capital-${size}`, url: `/capital.pdf?segment=Key`, names: ['Segment: Key', 'CRITICAL RATIO B/(B+H)', 'h = unit cost'] },
			{ name: `customer-${size}`, url: `/customers/${customer}.pdf?region=North`, names: ['Region: North', `Customer:`, customer] }
		];
		for (const c of cases) {
			const pdf = await fetchPdf(request, `${c.url}&paper=${size}`);
			const texts = pageTexts(pdf, c.name);
			const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path.join(shots, `${c.name}.pdf`)], { encoding: 'utf8' }))![1]);
			expect(pages, c.name).toBeGreaterThanOrEqual(2);
			expect(texts).toHaveLength(pages);
			for (const [i, t] of texts.entries()) {
				// every page names the period, the filters and the scenario
				expect(t, `${c.name} page ${i + 1}`).toMatch(/Period \d{1,2} \w{3} \d{4}/);
				expect(t, `${c.name} page ${i + 1}`).toContain('Assumptions: ');
				for (const n of c.names.slice(0, 1)) expect(t, `${c.name} page ${i + 1}`).toContain(n);
			}
			for (const n of c.names) expect(texts.join('\n'), c.name).toContain(n);
			const pngs = renderPages(pdf, shots, c.name);
			expect(pngs).toHaveLength(pages);
			const { width, height } = pngSize(readFileSync(pngs[0]));
			expect(width / height).toBeCloseTo(size === 'letter' ? 792 / 612 : 841.89 / 595.28, 2);
			const { pages: boxes, words } = pdfWords(pdf);
			expect(collisions(words).map(([a, b]) => `${c.name} p${a.page}: ${a.text} × ${b.text}`)).toEqual([]);
			expect(offPage(words, boxes)).toEqual([]);
		}
	});
}

test('each page links its PDF from its export menu', async ({ page, request }) => {
	for (const [url, path] of [
		['/drivers?segment=Key', '/drivers.pdf'],
		['/capital?segment=Key', '/capital.pdf'],
		[`/customers/${firstCustomer()}`, `/customers/${firstCustomer()}.pdf`]
	] as const) {
		await page.goto(url);
		const link = page.getByRole('group', { name: 'Download PDF' }).getByRole('link', { name: 'Letter' });
		const href = (await link.getAttribute('href'))!;
		expect(href.startsWith(`${path}?`), href).toBe(true);
		expect(href).toContain('paper=letter');
		if (url.includes('segment')) expect(href).toContain('segment=Key');
		const res = await request.get(href);
		expect(res.status(), href).toBe(200);
		expect(res.headers()['content-type']).toBe('application/pdf');
	}
});

test('a drivers PDF names a pick once, as a pick, not again as a filter', async ({ request }) => {
	const texts = pageTexts(await fetchPdf(request, '/drivers.pdf?segment=Key&dim=supplier&pick=region:North&paper=a4'), 'drivers-pick');
	for (const [i, t] of texts.entries()) {
		expect(t, `page ${i + 1}`).toContain('Segment: Key');
		expect(t, `page ${i + 1}`).toContain('Picked region: North');
		expect(t, `page ${i + 1}`).not.toContain('Region: North');
	}
});
