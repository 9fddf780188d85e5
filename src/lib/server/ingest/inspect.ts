import { isUtf8 } from 'node:buffer';
import { closeSync, createReadStream, createWriteStream, openSync, readSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { maxDecompressedBytes } from '../limits';
import { byteLimit, gunzipHead, head } from './decompress';
import { RefusedFile } from './refused';
import type { SourceFormat, SourceOptions } from './types';

export { RefusedFile };

export interface CsvDialect {
	compression: 'gzip' | null;
	/**
	 * 'windows-1252': the text is not UTF-8 throughout (a Windows/ERP export, or a file put together from
	 * two sources). It is read line by line: a line that is valid UTF-8 as UTF-8, any other line as
	 * Windows-1252 (the Western superset of Latin-1) — see recodeToUtf8.
	 */
	encoding: 'utf-8' | 'utf-16' | 'windows-1252';
	delimiter: ',' | ';' | '\t' | '|';
	/** the byte that ends a line: LF (also for CRLF), or CR for classic Mac files */
	eol: 0x0a | 0x0d;
}

const SAMPLE_BYTES = 1 << 16;
const DELIMITERS = [',', ';', '\t', '|'] as const;


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
		sample = gunzipHead(file, SAMPLE_BYTES);
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
			encoding = 'windows-1252'; // not UTF-8 but plainly text: the usual Windows/ERP export
		}
	}
	text = text.replace(/^\uFEFF/, '');
	if (text.trim() === '') throw new RefusedFile('the file is empty (no header line)');

	const eol = !sample.includes(0x0a) && sample.includes(0x0d) ? 0x0d : 0x0a;
	return { compression, encoding, delimiter: opts.delimiter ?? delimiterOf(headerLine(text)), eol };
}

// ---- text that is not UTF-8 throughout ----

/** Windows-1252's 0x80–0x9F (WHATWG's table: the five unassigned bytes map to the C1 controls); 0xA0–0xFF are Latin-1. */
const CP1252_80_9F =
	'\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
	'\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		out += b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b);
	}
	return out;
}

export interface Recoded {
	/** lines that were not valid UTF-8 and were read as Windows-1252 */
	lines: number;
	/** the first few of them (1-based line numbers, the header being line 1) */
	first: number[];
}

/**
 * Writes a UTF-8 copy of a CSV (decompressed, if gzip) whose lines are each UTF-8 or Windows-1252: a line
 * that is valid UTF-8 is copied as it is, any other is decoded as Windows-1252. Line breaks and so line
 * numbers are kept. Whole blocks that are valid UTF-8 are copied without looking at their lines.
 */
export async function recodeToUtf8(src: string, dest: string, dialect: Pick<CsvDialect, 'compression' | 'eol'>, limit = maxDecompressedBytes()): Promise<Recoded> {
	const eol = dialect.eol;
	const result: Recoded = { lines: 0, first: [] };
	let line = 1; // the line number of the next byte

	function recode(block: Buffer): Buffer {
		if (isUtf8(block)) {
			for (let i = block.indexOf(eol); i >= 0; i = block.indexOf(eol, i + 1)) line++;
			return block;
		}
		const parts: Buffer[] = [];
		for (let start = 0; start < block.length; ) {
			const next = block.indexOf(eol, start);
			const end = next < 0 ? block.length : next + 1;
			const part = block.subarray(start, end);
			if (isUtf8(part)) parts.push(part);
			else {
				parts.push(Buffer.from(decodeWindows1252(part), 'utf8'));
				result.lines++;
				if (result.first.length < 5) result.first.push(line);
			}
			if (next >= 0) line++;
			start = end;
		}
		return Buffer.concat(parts);
	}

	async function* byLines(source: AsyncIterable<Buffer>) {
		for await (const block of lineBlocks(source, eol)) yield recode(block);
	}

	const read = createReadStream(src);
	const write = createWriteStream(dest, { mode: 0o600 });
	try {
		// the copy is bounded like any decompressed text (a Windows-1252 byte becomes up to 3 bytes)
		if (dialect.compression === 'gzip') await pipeline(read, createGunzip(), byLines, byteLimit(limit), write);
		else await pipeline(read, byLines, byteLimit(limit), write);
	} catch (e) {
		rmSync(dest, { force: true });
		throw e;
	}
	return result;
}

/**
 * Whether a CSV (decompressed, if gzip) is valid UTF-8 from its first byte to its last: one streaming pass,
 * block by block, cut at line ends so that no character is split.
 */
export async function isUtf8File(file: string, dialect: Pick<CsvDialect, 'compression' | 'eol'>): Promise<boolean> {
	const read = createReadStream(file);
	const source: AsyncIterable<Buffer> = dialect.compression === 'gzip' ? read.pipe(createGunzip()).pipe(byteLimit(maxDecompressedBytes())) : read;
	try {
		for await (const block of lineBlocks(source, dialect.eol)) if (!isUtf8(block)) return false;
		return true;
	} finally {
		read.destroy();
	}
}

/** Longer than any real CSV line (DuckDB's own reader stops at 2 MB); past it the file is refused. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * A byte stream cut into blocks that each end at a line end (the last one: where the stream ends), so a
 * character is never split. A line longer than a chunk is gathered piece by piece and joined once — not
 * joined again with every new piece, which made a 50 MB line take minutes — and refused past 16 MB.
 */
export async function* lineBlocks(source: AsyncIterable<Buffer>, eol: number): AsyncGenerator<Buffer> {
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	for await (const chunk of source) {
		const cut = chunk.lastIndexOf(eol);
		if (cut < 0) {
			pending.push(chunk);
			pendingBytes += chunk.length;
			if (pendingBytes > MAX_LINE_BYTES) throw new RefusedFile(`a line is longer than ${MAX_LINE_BYTES / (1024 * 1024)} MB: not a CSV file`);
			continue;
		}
		const head = chunk.subarray(0, cut + 1);
		yield pending.length ? Buffer.concat([...pending, head]) : head;
		pending = cut + 1 < chunk.length ? [chunk.subarray(cut + 1)] : [];
		pendingBytes = pending.length ? pending[0].length : 0;
	}
	if (pending.length) yield Buffer.concat(pending);
}

/** The note a load report carries for a recoded file. */
export function recodedNote(r: Recoded): string {
	const s = r.lines === 1 ? '' : 's';
	const list = r.first.join(', ') + (r.lines > r.first.length ? ', …' : '');
	return `${r.lines.toLocaleString('en-US')} line${s} not valid UTF-8 (line${s} ${list}) ${r.lines === 1 ? 'was' : 'were'} read as Windows-1252 (Western European); the rest as UTF-8`;
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
