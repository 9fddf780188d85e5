/**
 * A load through column mappings, one path for the browser upload and `npm run ingest -- --mapping`
 * (issue 14, item 3): the files a mapping reads are replaced by the canonical files it builds; files
 * named after a table load as they are; every other file is left out and said to be ignored, never a
 * reason to refuse the load.
 */
import type { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';
import { mappingFiles, type TableMapping } from '$lib/data/mapping';
import { ingestFiles, tableForFileName } from '../ingest';
import { activeValues } from '../ingest/derive';
import type { IngestFile, IngestOptions, IngestReport } from '../ingest/types';
import { buildCanonical } from './mapping-build';

/** The files to load: the unmapped canonical ones as they are, and one built file per mapping. */
export async function mappedFiles(
	files: IngestFile[],
	mappings: TableMapping[],
	resolve: (name: string) => string,
	dirs: { workDir: string; outDir: string },
	nullTokens: readonly string[]
): Promise<{ files: IngestFile[]; ignored: string[] }> {
	const mapped = new Set(mappings.flatMap((m) => mappingFiles(m).map((f) => f.file)));
	const keep: IngestFile[] = [];
	const ignored: string[] = [];
	for (const f of files) {
		const name = f.originalName ?? path.basename(f.path);
		if (mapped.has(name)) continue;
		if (f.table ?? tableForFileName(name)) keep.push(f);
		else ignored.push(name);
	}
	const built = mappings.length ? await buildCanonical(mappings, resolve, { ...dirs, nullTokens }) : [];
	return { files: [...keep, ...built], ignored };
}

/** The null tokens of the database's active scenario (conditions of a mapping read them as empty). */
export async function activeNullTokens(instance: DuckDBInstance): Promise<string[]> {
	const c = await instance.connect();
	try {
		return (await activeValues(c)).null_tokens;
	} finally {
		c.closeSync();
	}
}

/** Builds the mapped files and loads them with the rest; the report lists the files left out. */
export async function loadMapped(
	instance: DuckDBInstance,
	files: IngestFile[],
	mappings: TableMapping[],
	resolve: (name: string) => string,
	dirs: { workDir: string; outDir: string },
	opts: IngestOptions
): Promise<IngestReport> {
	const prepared = await mappedFiles(files, mappings, resolve, dirs, await activeNullTokens(instance));
	const report = await ingestFiles(instance, prepared.files, opts);
	return { ...report, ignored_files: [...report.ignored_files, ...prepared.ignored] };
}
