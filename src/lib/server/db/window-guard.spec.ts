import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * DuckDB 1.5.5 can fail an aggregate over a whole-partition window — `count(*) OVER ()`, `sum(x) OVER ()`,
 * `min(d) OVER ()` — with a fatal internal error ("Attempted to access index 1 within vector of size 1") that
 * invalidates the database until the process restarts (duckdb/duckdb#22846, #25713). It happened once in
 * this project's CI, in the drill-down's totals. Totals come from an aggregate joined to the rows instead;
 * this keeps the pattern from coming back. Ranking windows (row_number, lag) are not affected.
 */
const AGG_OVER_ALL = /\b(count|sum|min|max|avg)\s*\([^()]*(\([^()]*\)[^()]*)*\)\s*(filter\s*\([^)]*\)\s*)?over\s*\(\s*\)/gi;
const stripComments = (s: string) => s.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

function files(dir: string, ext: RegExp): string[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((f) => ext.test(f) && !f.includes('node_modules'))
		.map((f) => path.join(dir, f));
}

describe('no aggregate over a whole-partition window', () => {
	it('the pattern is recognised', () => {
		for (const s of ['count(*) OVER ()', 'sum(a * b) over ( )', 'min(snapshot_date) OVER () + 1', 'count(*) FILTER (WHERE x) OVER ()'])
			expect(s.match(AGG_OVER_ALL), s).not.toBeNull();
		for (const s of ['row_number() OVER ()', 'lag(x) OVER ()', 'sum(v) OVER (PARTITION BY k)', '(SELECT count(*) FROM t)'])
			expect(s.match(AGG_OVER_ALL), s).toBeNull();
	});

	it('appears in no query file and no SQL the server composes', () => {
		const found: string[] = [];
		for (const f of [...files('queries', /\.sql$/), ...files('src', /\.ts$/), ...files('scripts', /\.ts$/)]) {
			if (f.endsWith('window-guard.spec.ts')) continue;
			for (const m of stripComments(readFileSync(f, 'utf8')).matchAll(AGG_OVER_ALL)) found.push(`${f}: ${m[0]}`);
		}
		expect(found).toEqual([]);
	});
});
