/**
 * `npm start`: build if the build is missing or older than the sources, load the sample on first run
 * when the database is empty, then serve on 127.0.0.1:3000 (HOST, PORT, LEDGER_DB override).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { closeInstance, dbPath, queryRows } from '../src/lib/server/db';

const root = process.cwd();
const BUILD_ENTRY = path.join(root, 'build', 'index.js');
const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'package-lock.json'];

function newestMtime(p: string): number {
	if (!existsSync(p)) return 0;
	const s = statSync(p);
	if (!s.isDirectory()) return s.mtimeMs;
	let max = s.mtimeMs;
	for (const e of readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, e)));
	return max;
}

function run(cmd: string, args: string[], what: string): void {
	const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
	if (r.status !== 0) {
		console.error(`\n${what} failed (exit ${r.status ?? r.signal}). See the output above.`);
		process.exit(r.status ?? 1);
	}
}

function buildIfNeeded(): void {
	const built = existsSync(BUILD_ENTRY) ? statSync(BUILD_ENTRY).mtimeMs : 0;
	const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
	if (built >= sources) return;
	console.log(built ? 'Sources changed since the last build; rebuilding…' : 'Building the dashboard (first run)…');
	run(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], 'The build');
}

async function databaseIsEmpty(): Promise<boolean> {
	try {
		const rows = await queryRows<{ row_count: string }>('table_counts');
		return rows.every((r) => Number(r.row_count) === 0);
	} finally {
		await closeInstance(); // release the file lock before the server opens it
	}
}

function loadSample(): void {
	const folder = path.join(path.dirname(dbPath() === ':memory:' ? path.join(root, 'data', 'x') : dbPath()), 'sample');
	console.log(`The database is empty: generating the sample into ${path.relative(root, folder) || folder} and loading it…`);
	const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
	if (!existsSync(path.join(folder, 'truth.json'))) {
		run(process.execPath, [tsx, 'scripts/sample.ts', '--out', folder], 'Generating the sample');
	}
	run(process.execPath, [tsx, 'scripts/ingest.ts', folder], 'Loading the sample');
}

async function main(): Promise<void> {
	buildIfNeeded();
	if (dbPath() !== ':memory:' && (await databaseIsEmpty())) loadSample();
	const host = process.env.HOST || '127.0.0.1';
	const port = process.env.PORT || '3000';
	console.log(`Backorder Ledger on http://${host}:${port}  (database: ${dbPath()})`);
	// adapter-node takes requests as https unless told the origin; without it plain-http form posts are
	// refused as cross-site. Behind a proxy, set ORIGIN (or PROTOCOL_HEADER/HOST_HEADER) yourself.
	const origin = process.env.ORIGIN || (process.env.PROTOCOL_HEADER ? undefined : `http://${host}:${port}`);
	const server = spawn(process.execPath, [BUILD_ENTRY], {
		stdio: 'inherit',
		env: { ...process.env, HOST: host, PORT: port, ...(origin ? { ORIGIN: origin } : {}) }
	});
	for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.kill(sig));
	server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main().catch((e) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
