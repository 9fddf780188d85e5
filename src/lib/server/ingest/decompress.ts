/**
 * Decompression with a bound on what comes out (issue 19, item 3). A few kilobytes of gzip can hold
 * gigabytes (a 1 MB file of 1 GB of zeros; 1.5 MB of 1 GB of "C1,x" rows): nothing here trusts a header
 * or a ratio, it counts the bytes as they are produced and stops at the limit.
 */
import { closeSync, createReadStream, createWriteStream, openSync, readSync, rmSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';
import { maxDecompressedBytes } from '../limits';
import { RefusedFile } from './refused';

const MB = 1024 * 1024;

/** The first `bytes` of a file (fewer if it is shorter). */
export function head(file: string, bytes: number): Buffer {
	const fd = openSync(file, 'r');
	try {
		const buf = Buffer.alloc(bytes);
		return buf.subarray(0, readSync(fd, buf, 0, bytes, 0));
	} finally {
		closeSync(fd);
	}
}

/**
 * The first `bytes` (≤ 1 MB) of a gzip file's text, for sniffing. Decompressing a 1 MB prefix can give a
 * gigabyte; zlib stops at maxOutputLength and throws instead, and then a shorter prefix is tried (one
 * byte of deflate gives at most ~1,032 bytes, so a 256-byte prefix always fits). Work and memory stay
 * under 1 MB per try.
 */
export function gunzipHead(file: string, bytes: number): Buffer {
	const cap = 1 << 20;
	for (let n = 1 << 20; ; n >>= 2) {
		try {
			// a truncated prefix of the stream is enough: SYNC_FLUSH returns what it decoded so far
			return gunzipSync(head(file, n), { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: cap }).subarray(0, bytes);
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE' || n <= 256) {
				throw new RefusedFile(`not a readable gzip file (${(e as Error).message})`);
			}
		}
	}
}

export function tooLargeMessage(limit: number): string {
	return `decompressed, it is larger than ${Math.round(limit / MB)} MB, the limit for one file (LEDGER_MAX_DECOMPRESSED_MB)`;
}

/** A pass-through that counts bytes and fails with RefusedFile once they pass `limit`. */
export function byteLimit(limit: number): Transform {
	let seen = 0;
	return new Transform({
		transform(chunk: Buffer, _enc, done) {
			seen += chunk.length;
			if (seen > limit) done(new RefusedFile(tooLargeMessage(limit)));
			else done(null, chunk);
		}
	});
}

/**
 * Writes the text of a gzip file to `dest`, streaming, refusing (RefusedFile) a file whose text passes
 * LEDGER_MAX_DECOMPRESSED_MB. DuckDB then reads a plain file: bounded, and read in parallel (its gzip
 * reader is single-threaded).
 */
export async function gunzipToFile(src: string, dest: string, limit = maxDecompressedBytes()): Promise<void> {
	try {
		await pipeline(createReadStream(src), createGunzip(), byteLimit(limit), createWriteStream(dest, { mode: 0o600 }));
	} catch (e) {
		rmSync(dest, { force: true }); // what came out before the limit is not kept
		if (e instanceof RefusedFile) throw e;
		throw new RefusedFile(`not a readable gzip file (${(e as Error).message})`);
	}
}
