/**
 * For e2e specs that need a server of their own (tokens, limits, a database of odd data): load a folder
 * through the ingest CLI, start the built adapter-node server on 127.0.0.1, wait until it answers, and
 * stop it. The shared server of the other specs is tests/e2e/serve.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const TSX = path.join(process.cwd(), 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** `npm run ingest -- <folder>` into `db`; answers its exit status and everything it printed. */
export function ingestWithCli(db: string, folder: string): { status: number | null; output: string } {
	const r = spawnSync(process.execPath, [TSX, 'scripts/ingest.ts', folder], { env: { ...process.env, LEDGER_DB: db }, encoding: 'utf8' });
	return { status: r.status, output: r.stdout + r.stderr };
}

export interface OwnServer {
	proc: ChildProcess;
	base: string;
	/** what the server printed so far */
	log(): string;
	/** SIGTERM, then SIGKILL after 5 s; or SIGKILL at once */
	stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/**
 * Starts `build/index.js` with LEDGER_DB = `db` and `env`, on 127.0.0.1:`port`; resolves once `readyPath`
 * answers `readyStatus` (an unsigned /signin is the one page a token server answers 200).
 */
export async function startOwnServer(o: { db: string; port: number; env?: Record<string, string>; readyPath?: string; pollMs?: number }): Promise<OwnServer> {
	const base = `http://127.0.0.1:${o.port}`;
	let log = '';
	const proc = spawn(process.execPath, ['build/index.js'], {
		env: { ...process.env, LEDGER_DB: o.db, HOST: '127.0.0.1', PORT: String(o.port), ...o.env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	proc.stdout!.on('data', (d) => (log += d));
	proc.stderr!.on('data', (d) => (log += d));
	const server: OwnServer = {
		proc,
		base,
		log: () => log,
		async stop(signal = 'SIGTERM') {
			if (proc.exitCode !== null || proc.signalCode !== null) return;
			const exited = new Promise((r) => proc.once('exit', r));
			proc.kill(signal);
			if (signal === 'SIGKILL') return void (await exited);
			await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
			if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
		}
	};
	for (let i = 0; i < 30_000 / (o.pollMs ?? 200); i++) {
		try {
			if ((await fetch(`${base}${o.readyPath ?? '/api/health'}`, { redirect: 'manual' })).status === 200) return server;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, o.pollMs ?? 200));
	}
	await server.stop('SIGKILL');
	throw new Error(`the server did not start:\n${log}`);
}
