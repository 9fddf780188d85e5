/**
 * Streaming CSV and XLSX bodies for downloads: rows arrive in batches (an async iterable, e.g. a DuckDB
 * streaming result) and leave as bytes as soon as they are written, so an export of millions of rows
 * never sits in memory. XLSX through exceljs's streaming WorkbookWriter. Every cell passes the
 * neutraliser in cells.ts. Server-only (node streams).
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvLine, DATE_FORMAT, xlsxCell, xlsxDate, type CellValue } from './cells';

export interface ExportColumn {
	key: string;
	label: string;
	/** XLSX number format for numbers in this column, e.g. '#,##0.00' */
	numFmt?: string;
	/** ISO dates or timestamps, written to XLSX as Excel dates (numFmt defaults to yyyy-mm-dd) */
	date?: boolean;
}

type Row = Record<string, unknown>;

const cell = (v: unknown): CellValue =>
	v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);

/** A CSV body (UTF-8 with a BOM, so spreadsheets read accents right), header first. */
export function csvStream(columns: readonly ExportColumn[], batches: AsyncIterable<Row[]>): ReadableStream<Uint8Array> {
	const enc = new TextEncoder();
	const it = batches[Symbol.asyncIterator]();
	let started = false;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (!started) {
				started = true;
				controller.enqueue(enc.encode('\ufeff' + csvLine(columns.map((c) => c.label))));
				return;
			}
			const next = await it.next();
			if (next.done) {
				controller.close();
				return;
			}
			let out = '';
			for (const r of next.value) out += csvLine(columns.map((c) => cell(r[c.key])));
			controller.enqueue(enc.encode(out));
		},
		async cancel() {
			await it.return?.();
		}
	});
}

/**
 * An XLSX body: the data worksheet (bold header, rows committed as they come) and, when given, a second
 * "Scope" sheet of label/value rows saying what the data covers (period, filters, scenario).
 */
export function xlsxStream(sheetName: string, columns: readonly ExportColumn[], batches: AsyncIterable<Row[]>, scope: readonly [string, string][] = []): ReadableStream<Uint8Array> {
	const pass = new PassThrough();
	const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
	const ws = wb.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
	ws.columns = columns.map((c) => ({ header: c.label, key: c.key, width: Math.max(10, Math.min(40, c.label.length + 4)), style: c.numFmt || c.date ? { numFmt: c.numFmt ?? DATE_FORMAT } : {} }));
	ws.getRow(1).font = { bold: true };
	ws.getRow(1).commit();
	(async () => {
		for await (const batch of batches) {
			for (const r of batch) ws.addRow(columns.map((c) => (c.date ? xlsxDate(cell(r[c.key])) : xlsxCell(cell(r[c.key]))))).commit();
			// let the reader catch up before producing more
			if (pass.readableLength > 1 << 20) await new Promise((res) => pass.once('drain', res).once('data', res));
		}
		ws.commit();
		if (scope.length) {
			const info = wb.addWorksheet('Scope');
			info.columns = [{ key: 'k', width: 22 }, { key: 'v', width: 70 }];
			for (const [k, v] of scope) info.addRow([xlsxCell(k), xlsxCell(v)]).commit();
			info.commit();
		}
		await wb.commit();
	})().catch((e) => pass.destroy(e instanceof Error ? e : new Error(String(e))));
	return Readable.toWeb(pass) as unknown as ReadableStream<Uint8Array>;
}

/** Batches from an array, for tables already in memory (a breakdown). */
export async function* inBatches<T extends Row>(rows: readonly T[], size = 2048): AsyncGenerator<T[]> {
	for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
