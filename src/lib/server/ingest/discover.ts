import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isTableName, type TableName } from '../../schema';
import type { IngestFile, Refusal } from './types';

const CANONICAL_NAME = /^(.+?)\.(?:(?:csv|tsv|txt)(?:\.gz)?|parquet|xlsx)$/i;

/** The canonical table a file name stands for ("Order_Lines.CSV.gz" → order_lines), or null. */
export function tableForFileName(name: string): TableName | null {
	const m = CANONICAL_NAME.exec(path.basename(name));
	const base = m?.[1].toLowerCase();
	return base && isTableName(base) ? base : null;
}

export interface Discovery {
	files: IngestFile[];
	/** files that name no canonical table (e.g. the sample's truth.json) */
	ignored: string[];
	/** tables with more than one candidate file: which one is meant is the user's call, not ours */
	refused: Refusal[];
}

/** Finds one file per canonical table in a folder (not recursive). */
export function discoverFolder(folder: string): Discovery {
	const st = statSync(folder, { throwIfNoEntry: false });
	if (!st) throw new Error(`folder not found: ${folder}`);
	if (!st.isDirectory()) throw new Error(`not a folder: ${folder}`);

	const byTable = new Map<TableName, string[]>();
	const ignored: string[] = [];
	for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
		if (entry.name.startsWith('.')) continue;
		const isFile = entry.isFile() || (entry.isSymbolicLink() && statSync(path.join(folder, entry.name), { throwIfNoEntry: false })?.isFile());
		if (!isFile) continue;
		const table = tableForFileName(entry.name);
		if (!table) ignored.push(entry.name);
		else byTable.set(table, [...(byTable.get(table) ?? []), entry.name]);
	}

	const files: IngestFile[] = [];
	const refused: Refusal[] = [];
	for (const [table, names] of byTable) {
		if (names.length === 1) files.push({ path: path.join(folder, names[0]), table, originalName: names[0] });
		else
			refused.push({
				file: names.join(', '),
				table,
				reason: `${names.length} files for table ${table} (${names.join(', ')}); keep exactly one`
			});
	}
	return { files, ignored, refused };
}
