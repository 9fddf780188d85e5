/**
 * npm run ingest -- <folder> [--mapping <file.json>] [--replace-all] [--date-format=dmy|mdy|iso|ymd8] [--decimal-comma] [--load-readable]
 *
 * Loads the canonical files of a folder into LEDGER_DB (default data/ledger.duckdb). Exit codes:
 * 0 loaded (rows may have been rejected; they are listed), 1 a file was refused or nothing was found,
 * 2 usage error or the database is held by another process (e.g. a running server).
 */
import { closeInstance, DatabaseLockedError, dbPath, openInstance, prepareDerived } from '../src/lib/server/db/index';
import { formatReport, ingestFolder, type DateFormat, type IngestOptions, type IngestProgress } from '../src/lib/server/ingest/index';
import { ingestWithMappingFile } from '../src/lib/server/data/mapping-cli';

const USAGE = `usage: npm run ingest -- <folder> [--mapping <file.json>] [--replace-all] [--date-format=iso|ymd8|dmy|mdy] [--decimal-comma] [--load-readable]

Loads customers, products, order_lines, inventory_snapshots, contacts and opportunities from files named
after them (.csv, .csv.gz, .parquet, .xlsx) into ${process.env.LEDGER_DB?.trim() || 'data/ledger.duckdb'} (env LEDGER_DB).
  --mapping FILE   apply a saved column mapping (the JSON the Data page's "Download mappings" writes)
                   to the exports in the folder, for scheduled loads; files it does not read and that
                   are not named after a table are ignored
  --replace-all    empty the tables this load has no file for (default: they keep what they had)
  --date-format    how ambiguous dates are written (ISO and YYYYMMDD are always accepted)
  --decimal-comma  numbers are written 1.234,5
  --load-readable  load the readable files even if another file is refused (default: all or nothing)`;

function parseArgs(argv: string[]): { folder: string; opts: IngestOptions; mapping: string | null } | string {
	let folder: string | null = null;
	let mapping: string | null = null;
	const opts: IngestOptions = { defaults: {} };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--help' || a === '-h') return USAGE;
		else if (a === '--mapping' || a.startsWith('--mapping=')) {
			mapping = a === '--mapping' ? (argv[++i] ?? '') : a.slice('--mapping='.length);
			if (!mapping) return `--mapping needs the mapping file\n\n${USAGE}`;
		} else if (a === '--replace-all') opts.replaceAll = true;
		else if (a === '--decimal-comma') opts.defaults!.decimalComma = true;
		else if (a === '--load-readable') opts.loadReadableFiles = true;
		else if (a.startsWith('--date-format=')) {
			const f = a.slice('--date-format='.length);
			if (!['iso', 'ymd8', 'dmy', 'mdy'].includes(f)) return `unknown date format: ${f}\n\n${USAGE}`;
			opts.defaults!.dateFormat = f as DateFormat;
		} else if (a.startsWith('-')) return `unknown option: ${a}\n\n${USAGE}`;
		else if (folder === null) folder = a;
		else return `one folder only (got ${folder} and ${a})\n\n${USAGE}`;
	}
	return folder === null ? USAGE : { folder, opts, mapping };
}

/** A single rewritten line on a terminal; on a pipe or log, one line per phase (no carriage returns). */
function progressPrinter(): { onProgress: (p: IngestProgress) => void; end: () => void } {
	const tty = process.stderr.isTTY;
	let lastKey = '';
	let phaseStart = Date.now();
	let lastQuarter = 0;
	return {
		onProgress(p) {
			const key = `${p.table ?? ''}:${p.phase}`;
			const label = p.table ? `${p.table}: ${p.phase}` : p.phase;
			if (tty) {
				const pct = p.phase === 'reading' ? ` ${Math.round(p.fraction * 100)}%` : '';
				process.stderr.write(`\r\x1b[2K${label}${pct}`);
			} else if (key !== lastKey) {
				if (p.phase !== 'done') process.stderr.write(`${label}\n`);
			} else if (p.phase === 'reading' && Date.now() - phaseStart > 2000) {
				// long reads only: a quarter-step heartbeat, so a log shows the load is alive
				const quarter = Math.floor(p.fraction * 4);
				if (quarter > lastQuarter && quarter < 4) process.stderr.write(`${label} ${quarter * 25}%\n`);
				lastQuarter = Math.max(lastQuarter, quarter);
			}
			if (key !== lastKey) {
				lastKey = key;
				phaseStart = Date.now();
				lastQuarter = 0;
			}
		},
		end() {
			if (tty) process.stderr.write('\r\x1b[2K');
		}
	};
}

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	if (typeof args === 'string') {
		console.error(args);
		return 2;
	}
	let instance: Awaited<ReturnType<typeof openInstance>> | null;
	try {
		instance = await openInstance(dbPath());
	} catch (e) {
		if (e instanceof DatabaseLockedError) {
			console.error(`ingest: ${e.message}`);
			return 2;
		}
		throw e;
	}
	const progress = progressPrinter();
	try {
		const opts = { ...args.opts, onProgress: progress.onProgress };
		const report = args.mapping ? await ingestWithMappingFile(instance, args.folder, args.mapping, opts) : await ingestFolder(instance, args.folder, opts);
		progress.end();
		const text = formatReport(report);
		if (text) console.log(text);
		if (!report.tables.length && !report.refused.length) {
			console.error(`ingest: no file in ${args.folder} is named after a table (e.g. order_lines.csv)`);
			return 1;
		}
		for (const r of report.refused) console.error(`ingest: refused ${r.file}: ${r.reason}`);
		if (report.load_id !== null) {
			// the dashboard's pre-aggregations, kept in the file: the server's first answer then need not build them
			try {
				// built inside the load's transaction; prepareDerived builds them only if that could not
				const ms = (report.derived_ms ?? 0) + (await prepareDerived(instance));
				console.log(`Dashboard tables built in ${(ms / 1000).toFixed(2)} s.`);
			} catch (e) {
				console.warn(`ingest: the dashboard tables were not built (the server builds them on first use): ${e instanceof Error ? e.message : String(e)}`);
			}
			// the default views, kept in the file (src/lib/server/answer-store.ts): the server's first answer
			// after a start reads them instead of computing them
			instance.closeSync();
			instance = null;
			await computeDefaultViews();
		}
		return report.refused.length ? 1 : 0;
	} catch (e) {
		progress.end();
		const msg = e instanceof Error ? e.message : String(e);
		console.error(`ingest: ${msg}`);
		return /^(folder not found|not a folder|the mapping file)/.test(msg) ? 2 : 1;
	} finally {
		instance?.closeSync();
	}
}

/** The server's default views, computed on the shared instance (the metrics code's) and kept in the file. */
async function computeDefaultViews(): Promise<void> {
	try {
		const { keepDefaultViews } = await import('../src/lib/server/metrics/warm');
		const views = await keepDefaultViews('the load');
		if (views) console.log(`Default views computed in ${(views.ms / 1000).toFixed(2)} s.`);
	} catch (e) {
		console.warn(`ingest: the default views were not computed (the server computes them after it starts): ${e instanceof Error ? e.message : String(e)}`);
	} finally {
		await closeInstance();
	}
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(e);
		process.exit(1);
	}
);
