/**
 * An .xlsx is a ZIP of XML parts; 12 MB of it can unzip to 3 GB of shared strings, which the spreadsheet
 * reader keeps in memory (issue 19, item 3). Before the workbook is parsed, this walks its parts the way
 * the reader (exceljs → unzipper) will — local file headers in file order, a part's data ending at its
 * stated size or, for a streamed part, at the data-descriptor signature — and inflates each one only to
 * count what comes out, stopping at the limits: the shared strings on their own, and all parts together.
 * Sizes written in the archive are not trusted: they are what a crafted file lies about.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
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

export interface XlsxLimits {
	total: number;
	sharedStrings: number;
}

interface Part {
	name: string;
	method: number;
	start: number;
	end: number;
}

class Budget extends Error {}

/** Counts inflated bytes; fails once the part or the whole passes its limit. */
function counter(part: Part, limits: XlsxLimits, used: { total: number }): Writable {
	let mine = 0;
	return new Writable({
		write(chunk: Buffer, _enc, done) {
			mine += chunk.length;
			used.total += chunk.length;
			if (part.name === SHARED_STRINGS && mine > limits.sharedStrings) {
				done(new Budget(`its shared strings (${part.name}) unzip to more than ${Math.round(limits.sharedStrings / MB)} MB, the limit (LEDGER_MAX_XLSX_STRINGS_MB); save the sheet as CSV`));
			} else if (used.total > limits.total) {
				done(new Budget(`unzipped, it is larger than ${Math.round(limits.total / MB)} MB, the limit for one file (LEDGER_MAX_DECOMPRESSED_MB)`));
			} else done();
		}
	});
}

/** The workbook's parts in the order the reader meets them. Throws RefusedFile for a broken or ZIP64 archive. */
function parts(fd: number, size: number): Part[] {
	const out: Part[] = [];
	const header = Buffer.alloc(30);
	let pos = 0;
	const broken = (why: string) => new RefusedFile(`not a readable XLSX workbook (${why})`);
	for (;;) {
		if (pos + 4 > size) throw broken('it ends inside the archive');
		readSync(fd, header, 0, 4, pos);
		const sig = header.readUInt32LE(0);
		if (sig === CENTRAL || sig === END) return out;
		if (sig !== LOCAL) throw broken(`an unknown record at byte ${pos}`);
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
 * part and counting; memory stays at a few stream buffers whatever the archive holds.
 */
export async function checkXlsxBounds(
	file: string,
	limits: XlsxLimits = { total: maxDecompressedBytes(), sharedStrings: maxXlsxStringsBytes() }
): Promise<void> {
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
			if (part.method === 8) await pipeline(source, createInflateRaw(), counter(part, limits, used));
			else await pipeline(source, counter(part, limits, used)); // stored (or a method the reader refuses anyway)
		} catch (e) {
			if (e instanceof Budget) throw new RefusedFile(e.message);
			throw new RefusedFile(`not a readable XLSX workbook (${part.name}: ${(e as Error).message})`);
		}
	}
}
