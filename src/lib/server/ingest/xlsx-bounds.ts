/**
 * An .xlsx is a ZIP of XML parts; 12 MB of it can unzip to 3 GB of shared strings, which the spreadsheet
 * reader keeps in memory (issue 19, item 3). Before the workbook is parsed, this walks its parts the way
 * the reader (exceljs → unzipper) will — local file headers in file order, a part's data ending at its
 * stated size or, for a streamed part, at the data-descriptor signature — and inflates each one only to
 * count what comes out, stopping at the limits: the shared strings on their own, and all parts together.
 * Sizes written in the archive are not trusted: they are what a crafted file lies about.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { maxDecompressedBytes, maxXlsxStringsBytes } from '../limits';
import { RefusedFile } from './refused';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DESCRIPTOR = 0x08074b50;
const MB = 1024 * 1024;

/** The part the reader keeps in memory, as exceljs names it. */
export const SHARED_STRINGS = 'xl/sharedStrings.xml';

/**
 * What one piece of the XML may hold before the reader's memory follows it rather than the file's size:
 * the XML parser gathers a text node whole (Excel's own cell limit is 32,767 characters), the sheet
 * reader a row whole, and the shared-strings cache keeps an object per string and per rich-text run
 * (about 70 bytes each: 120 MB of "<r/>" became 2 GB of heap).
 */
export const XML_LIMITS = { textRun: 1 * MB, rowBytes: 16 * MB, strings: 5_000_000, richRuns: 1_000_000 };

export interface XlsxLimits {
	total: number;
	sharedStrings: number;
}

export interface Part {
	name: string;
	method: number;
	/** where its compressed bytes lie in the file */
	start: number;
	end: number;
	/** what it unzipped to, measured (checkXlsxBounds) */
	inflated?: number;
}

class Budget extends Error {}

/** Counts inflated bytes; fails once the part or the whole passes its limit. */
/** Counts inflated bytes and scans XML parts for what the reader would hold at once (XML_LIMITS). */
function counter(part: Part, limits: XlsxLimits, used: { total: number }): Writable {
	let mine = 0;
	part.inflated = 0;
	const xml = part.name.toLowerCase().endsWith('.xml');
	const strings = part.name === SHARED_STRINGS;
	const sheet = /^xl\/worksheets\/.*\.xml$/i.test(part.name);
	let sinceTag = 0; // bytes since the last '<'
	let sinceRow = 0; // bytes since the last '<row'
	let si = 0;
	let runs = 0;
	const tooMuch = (what: string) => new Budget(`${what}: it cannot be a real spreadsheet; save the sheet as CSV`);
	return new Writable({
		write(chunk: Buffer, _enc, done) {
			mine += chunk.length;
			part.inflated = mine;
			used.total += chunk.length;
			if (strings && mine > limits.sharedStrings) {
				return done(new Budget(`its shared strings (${part.name}) unzip to more than ${Math.round(limits.sharedStrings / MB)} MB, the limit (LEDGER_MAX_XLSX_STRINGS_MB); save the sheet as CSV`));
			}
			if (used.total > limits.total) return done(new Budget(`unzipped, it is larger than ${Math.round(limits.total / MB)} MB, the limit for one file (LEDGER_MAX_DECOMPRESSED_MB)`));
			if (xml) {
				let from = 0;
				for (let i = chunk.indexOf(0x3c); i >= 0; i = chunk.indexOf(0x3c, i + 1)) {
					if (sinceTag + i - from > XML_LIMITS.textRun) return done(tooMuch(`${part.name} holds a text of more than 1 MB`));
					sinceTag = 0;
					from = i + 1;
					const next = chunk[i + 1];
					const after = chunk[i + 2];
					if (sheet && next === 0x72 && after === 0x6f) {
						// "<ro(w)": a new row starts
						if (sinceRow + i > XML_LIMITS.rowBytes) return done(tooMuch(`${part.name} has a row of more than 16 MB`));
						sinceRow = -i;
					} else if (strings && next === 0x73 && after === 0x69) si++; // "<si"
					else if (strings && next === 0x72 && (after === 0x3e || after === 0x2f || after === 0x20)) runs++; // "<r>", "<r/", "<r "
				}
				sinceTag += chunk.length - from;
				sinceRow += chunk.length;
				if (sinceTag > XML_LIMITS.textRun) return done(tooMuch(`${part.name} holds a text of more than 1 MB`));
				if (sheet && sinceRow > XML_LIMITS.rowBytes) return done(tooMuch(`${part.name} has a row of more than 16 MB`));
				if (si > XML_LIMITS.strings) return done(tooMuch(`its shared strings hold more than ${XML_LIMITS.strings.toLocaleString('en-US')} strings`));
				if (runs > XML_LIMITS.richRuns) return done(tooMuch(`its shared strings hold more than ${XML_LIMITS.richRuns.toLocaleString('en-US')} rich-text runs`));
			}
			done();
		}
	});
}

/** The workbook's parts in the order the reader meets them. Throws RefusedFile for a broken or ZIP64 archive. */
function parts(fd: number, size: number): Part[] {
	const out: Part[] = [];
	const header = Buffer.alloc(30);
	let pos = 0;
	const broken = (why: string) => new RefusedFile(`not a readable XLSX workbook (${why})`);
	let central = false;
	for (;;) {
		// the reader stops at the end of the file, at the end record, or — once past a central-directory
		// record — at anything else (it then looks for the end record); parts can follow central records
		if (pos + 4 > size) return out;
		readSync(fd, header, 0, 4, pos);
		const sig = header.readUInt32LE(0);
		if (sig === END) return out;
		if (sig === CENTRAL) {
			central = true;
			const c = Buffer.alloc(46);
			if (readSync(fd, c, 0, 46, pos) < 46) return out;
			pos += 46 + c.readUInt16LE(28) + c.readUInt16LE(30) + c.readUInt16LE(32);
			continue;
		}
		if (sig !== LOCAL) {
			if (central) return out;
			throw broken(`an unknown record at byte ${pos}`);
		}
		if (readSync(fd, header, 0, 30, pos) < 30) throw broken('a part header is cut off');
		const flags = header.readUInt16LE(6);
		const method = header.readUInt16LE(8);
		const compressed = header.readUInt32LE(18);
		const nameLength = header.readUInt16LE(26);
		const extraLength = header.readUInt16LE(28);
		if (compressed === 0xffffffff || header.readUInt32LE(22) === 0xffffffff) throw new RefusedFile('a part of the workbook is over 4 GB (ZIP64): save the sheet as CSV');
		const name = Buffer.alloc(nameLength);
		readSync(fd, name, 0, nameLength, pos + 30);
		const start = pos + 30 + nameLength + extraLength;
		let end: number;
		if (!(flags & 0x08) || compressed > 0) {
			// the reader expects the next record right after the data (a descriptor there stops it too)
			end = start + compressed;
			pos = end;
		} else {
			// a streamed part: its data runs to the data-descriptor signature (as the reader finds it)
			end = findSignature(fd, start, size, DESCRIPTOR);
			if (end < 0) throw broken('a streamed part has no end');
			pos = end + 16;
		}
		if (end > size) throw broken('a part runs past the end of the file');
		out.push({ name: name.toString('utf8'), method, start, end });
	}
}

function findSignature(fd: number, from: number, size: number, sig: number): number {
	const chunk = Buffer.alloc(1 << 16);
	const want = Buffer.alloc(4);
	want.writeUInt32LE(sig);
	for (let pos = from; pos < size; pos += chunk.length - 3) {
		const n = readSync(fd, chunk, 0, chunk.length, pos);
		const i = chunk.subarray(0, n).indexOf(want);
		if (i >= 0) return pos + i;
		if (n < chunk.length) break;
	}
	return -1;
}

/**
 * Refuses (RefusedFile) a workbook whose parts unzip to more than the limits allow, by inflating each
 * part and counting; memory stays at a few stream buffers whatever the archive holds. Answers the parts
 * as the reader will meet them, with their measured sizes.
 */
export async function checkXlsxBounds(
	file: string,
	limits: XlsxLimits = { total: maxDecompressedBytes(), sharedStrings: maxXlsxStringsBytes() }
): Promise<Part[]> {
	const fd = openSync(file, 'r');
	let list: Part[];
	try {
		list = parts(fd, fstatSync(fd).size);
	} finally {
		closeSync(fd);
	}
	const used = { total: 0 };
	for (const part of list) {
		if (part.end === part.start) continue;
		const source = createReadStream(file, { start: part.start, end: part.end - 1 });
		try {
			// the reader inflates every part whose method is not 0 (stored), whatever the method says
			if (part.method !== 0) await pipeline(source, createInflateRaw(), counter(part, limits, used));
			else await pipeline(source, counter(part, limits, used));
		} catch (e) {
			if (e instanceof Budget) throw new RefusedFile(e.message);
			throw new RefusedFile(`not a readable XLSX workbook (${part.name}: ${(e as Error).message})`);
		}
	}
	return list;
}

const isSheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name);

/**
 * A copy of the workbook with its worksheets last, the parts' compressed bytes copied as they are. Excel
 * writes the shared strings after the sheets; exceljs's streaming reader then parks each sheet in a temp
 * file and, on a small workbook, stops reading the archive there — never reaching the shared strings, so
 * every text cell came out as "[object Object]". In this order nothing is parked. Each part is written
 * with its sizes in its header (no data descriptor); the reader checks no CRC.
 */
export async function sheetsLast(file: string, list: Part[], dest: string): Promise<void> {
	const order = [...list.filter((p) => !isSheet(p.name)), ...list.filter((p) => isSheet(p.name))];
	const out = openSync(dest, 'w', 0o600);
	const src = openSync(file, 'r');
	let pos = 0;
	const put = (b: Buffer) => {
		writeSync(out, b);
		pos += b.length;
	};
	const central: Buffer[] = [];
	try {
		const copy = Buffer.alloc(1 << 16);
		for (const p of order) {
			const name = Buffer.from(p.name, 'utf8');
			const method = p.method === 0 ? 0 : 8;
			const size = p.end - p.start;
			const offset = pos;
			const local = Buffer.alloc(30);
			local.writeUInt32LE(LOCAL, 0);
			local.writeUInt16LE(20, 4);
			local.writeUInt16LE(0x800, 6); // UTF-8 names
			local.writeUInt16LE(method, 8);
			local.writeUInt32LE(size, 18);
			local.writeUInt32LE(p.inflated ?? size, 22);
			local.writeUInt16LE(name.length, 26);
			put(local);
			put(name);
			for (let at = p.start; at < p.end; ) {
				const n = readSync(src, copy, 0, Math.min(copy.length, p.end - at), at);
				if (n <= 0) break;
				put(copy.subarray(0, n));
				at += n;
			}
			const c = Buffer.alloc(46);
			c.writeUInt32LE(CENTRAL, 0);
			c.writeUInt16LE(20, 4);
			c.writeUInt16LE(20, 6);
			c.writeUInt16LE(0x800, 8);
			c.writeUInt16LE(method, 10);
			c.writeUInt32LE(size, 20);
			c.writeUInt32LE(p.inflated ?? size, 24);
			c.writeUInt16LE(name.length, 28);
			c.writeUInt32LE(offset, 42);
			central.push(Buffer.concat([c, name]));
		}
		const cdStart = pos;
		for (const c of central) put(c);
		const end = Buffer.alloc(22);
		end.writeUInt32LE(END, 0);
		end.writeUInt16LE(central.length, 8);
		end.writeUInt16LE(central.length, 10);
		end.writeUInt32LE(pos - cdStart, 12);
		end.writeUInt32LE(cdStart, 16);
		put(end);
	} finally {
		closeSync(src);
		closeSync(out);
	}
}
