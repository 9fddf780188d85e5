/**
 * npm run ingest -- <folder> [--date-format=dmy|mdy|iso|ymd8] [--decimal-comma] [--load-readable]
 *
 * Loads the canonical files of a folder into LEDGER_DB (default data/ledger.duckdb). Exit codes:
 * 0 loaded (rows may have been rejected; they are listed), 1 a file was refused or nothing was found,
 * 2 usage error or the database is held by another process (e.g. a running server).
 */
import { DatabaseLockedError, dbPath, openInstance } from '../src/lib/server/db/index';
import { formatReport, ingestFolder, type DateFormat, type IngestOptions, type IngestProgress } from '../src/lib/server/ingest/index';

const USAGE = `usage: npm run ingest -- <folder> [--date-format=iso|ymd8|dmy|mdy] [--decimal-comma] [--load-readable]

Loads customers, products, order_lines, inventory_snapshots, contacts and opportunities from files named
after them (.csv, .csv.gz, .parquet, .xlsx) into ${process.env.LEDGER_DB?.trim() || 'data/ledger.duckdb'} (env LEDGER_DB).
  --date-format    how ambiguous dates are written (ISO and YYYYMMDD are always accepted)
  --decimal-comma  numbers are written 1.234,5
  --load-readable  load the readable files even if another file is refused (default: all or nothing)`;

function parseArgs(argv: string[]): { folder: string; opts: IngestOptions } | string {
	let folder: string | null = null;
	const opts: IngestOptions = { defaults: {} };
	for (const a of argv) {
		if (a === '--help' || a === '-h') return USAGE;
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
	return folder === null ? USAGE : { folder, opts };
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
	let instance;
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
		const report = await ingestFolder(instance, args.folder, { ...args.opts, onProgress: progress.onProgress });
		progress.end();
		const text = formatReport(report);
		if (text) console.log(text);
		if (!report.tables.length && !report.refused.length) {
			console.error(`ingest: no file in ${args.folder} is named after a table (e.g. order_lines.csv)`);
			return 1;
		}
		for (const r of report.refused) console.error(`ingest: refused ${r.file}: ${r.reason}`);
		return report.refused.length ? 1 : 0;
	} catch (e) {
		progress.end();
		const msg = e instanceof Error ? e.message : String(e);
		console.error(`ingest: ${msg}`);
		return /^(folder not found|not a folder)/.test(msg) ? 2 : 1;
	} finally {
		instance.closeSync();
	}
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(e);
		process.exit(1);
	}
);
