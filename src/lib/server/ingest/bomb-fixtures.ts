/**
 * Hostile files for the memory specs (issue 19, item 3), written without the bytes ever being held in
 * memory: gzip bombs streamed through zlib, and .xlsx workbooks assembled part by part — whose sizes
 * may be stated honestly, stated falsely, or left to a data descriptor as streaming writers do.
 */
import { closeSync, createWriteStream, openSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { createGzip, crc32, deflateRawSync } from 'node:zlib';

/** Writes `header` then `repeat` copies of `block` to a gzip file, streaming; answers the text size. */
export async function gzipBomb(file: string, header: string, block: Buffer, repeat: number): Promise<number> {
	const gz = createGzip({ level: 9 });
	const out = createWriteStream(file);
	gz.pipe(out);
	gz.write(header);
	for (let i = 0; i < repeat; i++) if (!gz.write(block)) await once(gz, 'drain');
	gz.end();
	await once(out, 'finish');
	return Buffer.byteLength(header) + block.length * repeat;
}

export const repeated = (line: string, times: number) => Buffer.from(line.repeat(times));

export interface ZipPart {
	name: string;
	/** the part's bytes, or a generator of pieces (for parts too large to hold) */
	data: Buffer | (() => Iterable<Buffer>);
}

export interface ZipOptions {
	/** write each part's sizes in its local header as this (a lie), instead of the true ones */
	statedSize?: number;
	/** flag bit 3: sizes left out of the local header, in a data descriptor after the data */
	streamed?: boolean;
	/** the compression method written for a part (its data is deflated whatever it says): 8 by default */
	methodFor?: (name: string) => number;
	/** parts written after a central-directory record (a reader that reads on finds them) */
	afterCentral?: readonly string[];
}

/**
 * A ZIP file of deflated parts with a central directory. A generated part is deflated piece by piece
 * (a fresh raw deflate per part would need the whole input; instead each piece is one deflate block,
 * which is valid DEFLATE as long as only the last is final — zlib's sync flush gives exactly that).
 */
export function writeZip(file: string, parts: ZipPart[], opts: ZipOptions = {}): void {
	const fd = openSync(file, 'w');
	let pos = 0;
	const put = (b: Buffer) => {
		writeSync(fd, b);
		pos += b.length;
	};
	const central: Buffer[] = [];
	try {
		const ordered = [...parts.filter((p) => !opts.afterCentral?.includes(p.name)), ...parts.filter((p) => opts.afterCentral?.includes(p.name))];
		let strayCentral = false;
		for (const p of ordered) {
			if (opts.afterCentral?.includes(p.name) && !strayCentral) {
				// one central-directory record (of the first part) before the parts that follow it
				strayCentral = true;
				put(central[0]);
			}
			const offset = pos;
			const method = opts.methodFor?.(p.name) ?? 8;
			const name = Buffer.from(p.name);
			const pieces = typeof p.data === 'function' ? [...p.data()] : [p.data];
			let crc = 0;
			let size = 0;
			const deflated: Buffer[] = [];
			pieces.forEach((piece, i) => {
				crc = crc32(piece, crc);
				size += piece.length;
				const last = i === pieces.length - 1;
				const d = deflateRawSync(piece, { level: 9, finishFlush: last ? undefined : 2 /* Z_SYNC_FLUSH */ });
				deflated.push(d);
			});
			const compressed = deflated.reduce((n, d) => n + d.length, 0);
			const flags = opts.streamed ? 0x08 : 0;
			const local = Buffer.alloc(30);
			local.writeUInt32LE(0x04034b50, 0);
			local.writeUInt16LE(20, 4);
			local.writeUInt16LE(flags, 6);
			local.writeUInt16LE(method, 8);
			local.writeUInt32LE(opts.streamed ? 0 : crc >>> 0, 14);
			local.writeUInt32LE(opts.streamed ? 0 : compressed, 18);
			local.writeUInt32LE(opts.streamed ? 0 : (opts.statedSize ?? size), 22);
			local.writeUInt16LE(name.length, 26);
			put(local);
			put(name);
			for (const d of deflated) put(d);
			if (opts.streamed) {
				const desc = Buffer.alloc(16);
				desc.writeUInt32LE(0x08074b50, 0);
				desc.writeUInt32LE(crc >>> 0, 4);
				desc.writeUInt32LE(compressed, 8);
				desc.writeUInt32LE(opts.statedSize ?? size, 12);
				put(desc);
			}
			const c = Buffer.alloc(46);
			c.writeUInt32LE(0x02014b50, 0);
			c.writeUInt16LE(20, 4);
			c.writeUInt16LE(20, 6);
			c.writeUInt16LE(flags, 8);
			c.writeUInt16LE(method, 10);
			c.writeUInt32LE(crc >>> 0, 16);
			c.writeUInt32LE(compressed, 20);
			c.writeUInt32LE(opts.statedSize ?? size, 24);
			c.writeUInt16LE(name.length, 28);
			c.writeUInt32LE(offset, 42);
			central.push(Buffer.concat([c, name]));
		}
		const cdStart = pos;
		for (const c of central) put(c);
		const end = Buffer.alloc(22);
		end.writeUInt32LE(0x06054b50, 0);
		end.writeUInt16LE(parts.length, 8);
		end.writeUInt16LE(parts.length, 10);
		end.writeUInt32LE(pos - cdStart, 12);
		end.writeUInt32LE(cdStart, 16);
		put(end);
	} finally {
		closeSync(fd);
	}
}

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);

/**
 * The parts of a minimal workbook of one sheet whose cells are shared strings: a header row
 * (`customer_id`, `name`) and `rows` rows, plus `extra` copies of `piece` in the shared strings — the
 * bomb (by default a 50-character string each). `sheetFirst` puts the sheet before the shared strings in
 * the archive, as Excel writes it.
 */
export function workbookParts(
	rows: [string, string][],
	o: { extra?: number; piece?: string; sheetFirst?: boolean; cellText?: string; cells?: number } = {}
): ZipPart[] {
	const extra = o.extra ?? 0;
	const pieceXml = o.piece ?? '<si><t>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</t></si>';
	const perChunk = 100_000;
	const strings = ['customer_id', 'name', ...rows.flat()];
	const sheetRows = [[0, 1], ...rows.map((_, i) => [2 + 2 * i, 3 + 2 * i])]
		.map((cells, r) => `<row r="${r + 1}">${cells.map((s, c) => `<c r="${'AB'[c]}${r + 1}" t="s"><v>${s}</v></c>`).join('')}${r === 1 && o.cellText ? `<c t="inlineStr"><is><t>${o.cellText}</t></is></c>`.repeat(o.cells ?? 1) : ''}</row>`)
		.join('');
	const count = strings.length + extra;
	const sharedStrings: ZipPart = {
		name: 'xl/sharedStrings.xml',
		data: function* () {
			yield xml(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}`);
			const piece = Buffer.from(pieceXml.repeat(perChunk));
			for (let left = extra; left > 0; left -= perChunk) yield left >= perChunk ? piece : piece.subarray(0, (piece.length / perChunk) * left);
			yield Buffer.from('</sst>');
		}
	};
	const sheet: ZipPart = { name: 'xl/worksheets/sheet1.xml', data: xml(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`) };
	return [
		{ name: '[Content_Types].xml', data: xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>') },
		{ name: '_rels/.rels', data: xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>') },
		{ name: 'xl/_rels/workbook.xml.rels', data: xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>') },
		{ name: 'xl/workbook.xml', data: xml('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>') },
		...(o.sheetFirst ? [sheet, sharedStrings] : [sharedStrings, sheet])
	];
}
