import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import type { SourceFormat, SourceOptions } from './types';

/** A file that cannot be read at all. The message says why, in the user's terms. */
export class RefusedFile extends Error {
	constructor(reason: string) {
		super(reason);
		this.name = 'RefusedFile';
	}
}

export interface CsvDialect {
	compression: 'gzip' | null;
	encoding: 'utf-8' | 'utf-16' | 'latin-1';
	delimiter: ',' | ';' | '\t' | '|';
}

const SAMPLE_BYTES = 1 << 16;
const DELIMITERS = [',', ';', '\t', '|'] as const;

function head(file: string, bytes: number): Buffer {
	const fd = openSync(file, 'r');
	try {
		const buf = Buffer.alloc(bytes);
		return buf.subarray(0, readSync(fd, buf, 0, bytes, 0));
	} finally {
		closeSync(fd);
	}
}

const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
const isZip = (b: Buffer) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
const isParquet = (b: Buffer) => b.subarray(0, 4).toString('latin1') === 'PAR1';

/** What a binary file most likely is, so the refusal can suggest the fix. */
function lookalike(b: Buffer): string {
	if (isZip(b)) return ' (it looks like a ZIP or XLSX file; name it .xlsx if it is a spreadsheet)';
	if (isParquet(b)) return ' (it looks like a Parquet file; name it .parquet)';
	if (b.subarray(0, 4).toString('latin1') === '%PDF') return ' (it looks like a PDF)';
	if (b.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
		return ' (it looks like an old .xls workbook; save it as .xlsx or CSV)';
	return '';
}

/** The format a file is in: its extension first (users name files on purpose), content as a fallback. */
export function detectFormat(file: string, name = path.basename(file)): SourceFormat {
	const lower = name.toLowerCase();
	if (lower.endsWith('.parquet')) return 'parquet';
	if (lower.endsWith('.xlsx')) return 'xlsx';
	if (/\.(csv|tsv|txt)(\.gz)?$/.test(lower)) return 'csv';
	const b = head(file, 8);
	if (isParquet(b)) return 'parquet';
	if (isZip(b)) return 'xlsx';
	return 'csv';
}

/**
 * Looks at the start of a CSV (decompressed if gzip) to refuse what is not text, and to settle the
 * encoding and the delimiter. The delimiter comes from the header line, which is always present and made
 * of names; DuckDB's sniffer judges from data rows, where a comma inside "1,5" or a note can mislead it.
 */
export function inspectCsv(file: string, opts: SourceOptions = {}): CsvDialect {
	const size = statSync(file).size;
	if (size === 0) throw new RefusedFile('the file is empty (0 bytes)');
	let sample = head(file, SAMPLE_BYTES);
	let compression: CsvDialect['compression'] = null;
	if (isGzip(sample)) {
		compression = 'gzip';
		try {
			// a truncated prefix of the stream is enough: SYNC_FLUSH returns what it decoded so far
			sample = gunzipSync(head(file, 1 << 20), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).subarray(0, SAMPLE_BYTES);
		} catch (e) {
			throw new RefusedFile(`not a readable gzip file (${(e as Error).message})`);
		}
	} else if (file.toLowerCase().endsWith('.gz')) {
		throw new RefusedFile('named .gz but not gzip-compressed');
	}

	let encoding: CsvDialect['encoding'] = 'utf-8';
	let text: string;
	if (sample[0] === 0xff && sample[1] === 0xfe) {
		encoding = 'utf-16';
		text = new TextDecoder('utf-16le').decode(sample);
	} else if (sample[0] === 0xfe && sample[1] === 0xff) {
		throw new RefusedFile('UTF-16 big-endian text is not supported; save it as UTF-8');
	} else {
		if (sample.includes(0)) throw new RefusedFile(`binary file, not a text CSV${lookalike(sample)}`);
		try {
			// stream: true tolerates a multi-byte character cut by the end of the sample
			text = new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
		} catch {
			text = sample.toString('latin1');
			const controls = text.match(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g)?.length ?? 0;
			if (controls > text.length / 100) throw new RefusedFile(`binary file, not a text CSV${lookalike(sample)}`);
			encoding = 'latin-1'; // not UTF-8 but plainly text: the usual Windows/ERP export
		}
	}
	text = text.replace(/^\uFEFF/, '');
	if (text.trim() === '') throw new RefusedFile('the file is empty (no header line)');

	return { compression, encoding, delimiter: opts.delimiter ?? delimiterOf(headerLine(text)) };
}

/** The first record of the text, honouring quotes (a quoted header may hold a line break). */
export function headerLine(text: string): string {
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) return text.slice(0, i);
	}
	return text;
}

/** The candidate delimiter that occurs most often outside quotes; ',' for a one-column file. */
export function delimiterOf(line: string): CsvDialect['delimiter'] {
	const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
	let quoted = false;
	for (const ch of line) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
	}
	let best: CsvDialect['delimiter'] = ',';
	for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
	return best;
}

/** Parquet files start and end with "PAR1"; anything else would only give DuckDB's lower-level error. */
export function checkParquet(file: string): void {
	const size = statSync(file).size;
	if (size === 0) throw new RefusedFile('the file is empty (0 bytes)');
	const fd = openSync(file, 'r');
	try {
		const tail = Buffer.alloc(4);
		readSync(fd, tail, 0, 4, Math.max(0, size - 4));
		const b = head(file, 8);
		if (size < 12 || !isParquet(b) || tail.toString('latin1') !== 'PAR1')
			throw new RefusedFile(`not a Parquet file (no PAR1 magic bytes${size < 12 ? '; too short' : ''})`);
	} finally {
		closeSync(fd);
	}
}

export function checkXlsx(file: string): void {
	const size = statSync(file).size;
	if (size === 0) throw new RefusedFile('the file is empty (0 bytes)');
	const b = head(file, 8);
	if (!isZip(b)) throw new RefusedFile(`not an XLSX workbook (an .xlsx is a ZIP archive)${lookalike(b)}`);
}
