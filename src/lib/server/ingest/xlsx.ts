import ExcelJS from 'exceljs';
import { closeSync, openSync, writeSync } from 'node:fs';
import { maxDecompressedBytes } from '../limits';
import { tooLargeMessage } from './decompress';
import { RefusedFile } from './refused';

/** Name of the column carrying the sheet row number into the CSV, so rejects point at Excel's row. */
export const XLSX_LINE_COLUMN = '__ledger_sheet_row';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Excel dates have no zone; exceljs hands them over as UTC instants of the wall-clock value. */
function dateText(d: Date): string {
	const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
	const ms = d.getUTCHours() * 3600_000 + d.getUTCMinutes() * 60_000 + d.getUTCSeconds() * 1000;
	return ms === 0 ? day : `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The text a cell shows, for every shape of value exceljs produces. */
export function cellText(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : dateText(v);
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (typeof v === 'string') return v;
	if (typeof v === 'object') {
		const o = v as Record<string, unknown>;
		if (Array.isArray(o.richText)) return o.richText.map((r: { text?: string }) => r.text ?? '').join('');
		if ('result' in o) return cellText(o.result); // formula: the computed value, not the formula
		if ('text' in o) return cellText(o.text); // hyperlink
		if ('error' in o) return String(o.error);
	}
	return String(v);
}

const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A row's text, all cells together: far above any real row, far below what would strain the heap. */
const MAX_ROW_CHARS = 16 * (1 << 20);

/**
 * Converts the first worksheet to a UTF-8 CSV (every field quoted) so XLSX takes the same DuckDB path as
 * CSV. Streams rows, so a full 1M-row sheet does not sit in memory as a workbook object. The first
 * non-empty row is the header; each data row carries its sheet row number in XLSX_LINE_COLUMN.
 */
export async function xlsxToCsv(file: string, csvPath: string): Promise<{ rows: number }> {
	const fd = openSync(csvPath, 'w');
	let buffered: string[] = [];
	let bufferedLength = 0;
	let written = 0;
	const limit = maxDecompressedBytes();
	const flush = () => {
		if (buffered.length) written += writeSync(fd, buffered.join(''));
		buffered = [];
		bufferedLength = 0;
		// the parts were measured before (checkXlsxBounds); the text they make is bounded the same way
		if (written > limit) throw new RefusedFile(tooLargeMessage(limit));
	};
	let width = 0;
	let rows = 0;
	let sawSheet = false;
	/** a reason to refuse, found while reading: the rest is still drained (see below), then thrown */
	let refusal: RefusedFile | null = null;
	try {
		const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
			worksheets: 'emit',
			sharedStrings: 'cache',
			styles: 'cache', // needed for exceljs to recognise date-formatted numbers as dates
			hyperlinks: 'ignore',
			entries: 'ignore'
		});
		// Every sheet is read to its end, the first one converted and the others drained: a sheet that comes
		// before the shared strings in the archive (Excel writes them last) is parked by exceljs in a temp
		// file, which it deletes only once that sheet has been read; leaving the loop early leaked them.
		for await (const sheet of reader) {
			const first = !sawSheet;
			sawSheet = true;
			for await (const row of sheet) {
				if (!first || refusal) continue;
				const values = (row.values as unknown[]).slice(1).map(cellText);
				let chars = 0;
				for (const v of values) chars += v.length;
				if (chars > MAX_ROW_CHARS) {
					refusal = new RefusedFile(`row ${row.number} of the first sheet holds more than ${MAX_ROW_CHARS / (1 << 20)} million characters: it cannot be a real row; save the sheet as CSV`);
					continue;
				}
				if (values.every((s) => s.trim() === '')) continue;
				if (width === 0) {
					width = values.length;
					buffered.push([XLSX_LINE_COLUMN, ...values].map(csvField).join(',') + '\n');
					continue;
				}
				const cells = values.slice(0, width);
				while (cells.length < width) cells.push('');
				const line = [String(row.number), ...cells].map(csvField).join(',') + '\n';
				buffered.push(line);
				bufferedLength += line.length;
				rows++;
				if (bufferedLength > 1 << 20) {
					try {
						flush();
					} catch (e) {
						if (!(e instanceof RefusedFile)) throw e;
						refusal = e;
					}
				}
			}
		}
		if (refusal) throw refusal;
		flush();
	} catch (e) {
		if (e instanceof RefusedFile) throw e;
		throw new RefusedFile(`not a readable XLSX workbook (${(e as Error).message})`);
	} finally {
		closeSync(fd);
	}
	if (!sawSheet) throw new RefusedFile('the workbook has no worksheet');
	if (width === 0) throw new RefusedFile('the first worksheet is empty');
	return { rows };
}
