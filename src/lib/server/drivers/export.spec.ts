import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { closeInstance, withConnection } from '../db';
import { GET } from '../../../routes/export/[file]/+server';
import { GET as DRILL } from '../../../routes/api/drill/+server';
import { streamRows } from './stream';
import { DRIVERS_FIXTURE_SQL } from './fixture';

const P = 'from=2025-01-01&to=2025-03-31';

async function download(file: string, q: string) {
	const res = await GET({ params: { file }, url: new URL(`http://x/export/${file}?${P}&${q}`) } as unknown as Parameters<typeof GET>[0]);
	return res;
}

async function csvRows(res: Response): Promise<string[]> {
	const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
	expect(text.startsWith('\ufeff')).toBe(true);
	return text.slice(1).split('\r\n').filter((l) => l !== '');
}

async function xlsxRows(res: Response): Promise<unknown[][]> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(await res.arrayBuffer());
	const ws = wb.worksheets[0];
	const out: unknown[][] = [];
	ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
	return out;
}

beforeAll(async () => {
	process.env.LEDGER_DB = ':memory:';
	await withConnection((c) => c.run(DRIVERS_FIXTURE_SQL));
});
afterAll(() => closeInstance());

describe('exports', () => {
	it('writes the breakdown as CSV: every member plus unattributed, names neutralised', async () => {
		const res = await download('breakdown.csv', 'dim=customer');
		expect(res.headers.get('content-type')).toContain('text/csv');
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="backorder-cost-by-customer-2025-01-01-2025-03-31.csv"');
		const lines = await csvRows(res);
		expect(lines[0].startsWith('Customer,Customer name,Backordered lines')).toBe(true);
		expect(lines).toHaveLength(1 + 4 + 1); // header, C1 C2 C3 (none), unattributed
		expect(lines.some((l) => l.startsWith("C3,'=Gamma,"))).toBe(true);
	});

	it('writes the drill-down as CSV and XLSX with the same rows as the API', async () => {
		const api = await DRILL({ url: new URL(`http://x/api/drill?${P}&kind=contacts&limit=1000`) } as Parameters<typeof DRILL>[0]);
		const n = (await api.json()).total_rows;
		const csv = await csvRows(await download('drill.csv', 'kind=contacts'));
		expect(csv).toHaveLength(n + 1);
		expect(csv.some((l) => l.includes(",'@stock,"))).toBe(true); // S5's reason
		const xlsx = await xlsxRows(await download('drill.xlsx', 'kind=contacts'));
		expect(xlsx).toHaveLength(n + 1);
		expect(xlsx[0][0]).toBe('Contact');
		expect(xlsx.flat()).toContain("'@stock");
		expect(xlsx.flat()).not.toContain('@stock');
	});

	it('writes dates to XLSX as Excel dates with a date format, not text', async () => {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await (await download('drill.xlsx', 'kind=lines')).arrayBuffer());
		const ws = wb.worksheets[0];
		const header = (ws.getRow(1).values as unknown[]).slice(1);
		const col = header.indexOf('Ordered') + 1;
		expect(col).toBeGreaterThan(0);
		const c = ws.getRow(2).getCell(col);
		expect(c.value).toBeInstanceOf(Date);
		expect((c.value as Date).toISOString().slice(0, 10) >= '2025-01-01').toBe(true);
		expect(c.numFmt).toBe('yyyy-mm-dd');
		// the CSV keeps ISO text
		const csv = await csvRows(await download('drill.csv', 'kind=lines'));
		expect(csv[1]).toMatch(/,2025-\d{2}-\d{2},/);
	});

	it('exports one member with picks and search', async () => {
		const lines = await csvRows(await download('drill.csv', `kind=lines&m=${encodeURIComponent('supplier:Acme')}&pick=segment:Key`));
		// backordered lines of Acme (P1) for Key customers (C1, C3) in period: O7/1
		expect(lines).toHaveLength(2);
		expect(lines[1].startsWith('O7,1,')).toBe(true);
		const xl = await xlsxRows(await download('breakdown.xlsx', 'dim=supplier'));
		expect(xl).toHaveLength(1 + 3 + 1); // Acme, Bolt, (none), unattributed
	});

	it('names the period, filters, picks and scenario on the XLSX Scope sheet', async () => {
		const res = await download('drill.xlsx', 'kind=lines&segment=Key&pick=supplier:Acme');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await res.arrayBuffer());
		expect(wb.worksheets).toHaveLength(2);
		expect(wb.worksheets[1].name).toBe('Scope');
		const scope: Record<string, string> = {};
		wb.getWorksheet('Scope')!.eachRow((row) => {
			const [k, v] = (row.values as string[]).slice(1);
			scope[k] = v;
		});
		expect(scope.Period).toBe('1 Jan – 31 Mar 2025 (2025-01-01 to 2025-03-31)');
		expect(scope.Filters).toContain('Segment: Key');
		expect(scope['Cross-filter picks']).toBe('supplier:Acme');
		expect(scope['Assumption scenario']).toBe('default');
		expect((await download('drill.xlsx', 'kind=lines&scenario=nope')).status).toBe(400);
	});

	it('refuses unknown files and bad parameters', async () => {
		await expect(download('secrets.csv', '')).rejects.toMatchObject({ status: 404 });
		expect((await download('drill.csv', 'kind=nope')).status).toBe(400);
		expect((await download('breakdown.xlsx', 'dim=nope')).status).toBe(400);
	});
});

describe('streamRows', () => {
	it('streams in chunks and frees the connection when the reader stops early', async () => {
		let n = 0;
		for await (const batch of streamRows('SELECT range AS i FROM range(10000)', {})) {
			n += batch.length;
		}
		expect(n).toBe(10000);
		for await (const batch of streamRows('SELECT range AS i FROM range(100000)', {})) {
			expect(batch.length).toBeGreaterThan(0);
			break;
		}
		// the pool still serves queries afterwards (connections were returned)
		const all = await Promise.all(Array.from({ length: 6 }, () => withConnection(async (c) => (await c.runAndReadAll('SELECT 1 AS x')).getRowObjectsJson())));
		expect(all).toHaveLength(6);
	});
});
