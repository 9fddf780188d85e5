/**
 * Copies the column mapping makes of an upload's files, inside the upload's own folder: a .csv.gz's
 * text (.plain/), a Windows export recoded to UTF-8 (.utf8/), the first rows of a .csv.gz for a glance
 * (.glance/), a workbook's first sheet as CSV (.xlsx/). Made once per file and kept while the file is what it was; when a file changes or leaves
 * the upload, its copies go too — a copy that outlived its file once let an upload hold gigabytes it no
 * longer showed (issue 19's second pass). Every copy counts against the upload's disk budget.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { maxSessionDiskBytes } from '../limits';

export const COPY_FOLDERS = ['.plain', '.utf8', '.glance', '.xlsx'] as const;

const made = new Map<string, Promise<string>>();

/** The copy of `file` of one kind, made once (concurrent requests share it). */
export function copyOnce(kind: (typeof COPY_FOLDERS)[number], file: string, make: () => Promise<string>): Promise<string> {
	const key = `${kind}\u0000${file}`;
	let p = made.get(key);
	if (!p) {
		p = make();
		made.set(key, p);
		p.catch(() => made.delete(key));
	}
	return p;
}

/** Forgets and deletes every copy of the upload's file `name` (it changed, or left the upload). */
export function forgetCopies(dir: string, name: string): void {
	const file = path.join(dir, name);
	for (const kind of COPY_FOLDERS) {
		made.delete(`${kind}\u0000${file}`);
		for (const n of [name, name.replace(/\.gz$/i, ''), `${name}.csv`]) rmSync(path.join(dir, kind, n), { force: true });
	}
}

/** Forgets every copy made in the folder (it is being deleted). */
export function forgetFolder(dir: string): void {
	for (const key of made.keys()) if (key.split('\u0000')[1]?.startsWith(dir + path.sep)) made.delete(key);
}

/** Bytes a folder holds, subfolders included. */
export function folderBytes(dir: string): number {
	let total = 0;
	let entries;
	try {
		entries = readdirSync(dir, { withFileTypes: true });
	} catch {
		return 0;
	}
	for (const e of entries) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) total += folderBytes(p);
		else if (e.isFile()) total += statSync(p, { throwIfNoEntry: false })?.size ?? 0;
	}
	return total;
}

/** What the upload's folder may still take (its files, copies and previews together). */
export function diskLeft(dir: string): number {
	return Math.max(0, maxSessionDiskBytes() - folderBytes(dir));
}
