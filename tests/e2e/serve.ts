/**
 * The server the end-to-end tests run against: the built adapter-node app on 127.0.0.1, over a temp
 * database loaded with the default sample through the same CLIs a user runs. The sample folder and
 * its truth.json are left at E2E_DATA so tests can read the planted facts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const dataDir = path.resolve(process.env.E2E_DATA || 'test-results/e2e-data');
const port = process.env.E2E_PORT || '4317';
const db = path.join(dataDir, 'ledger.duckdb');
const sample = path.join(dataDir, 'sample');
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const env = { ...process.env, LEDGER_DB: db };
for (const args of [
	['scripts/sample.ts', '--out', sample, '--seed', '42'],
	['scripts/ingest.ts', sample]
]) {
	const r = spawnSync(process.execPath, [tsx, ...args], { stdio: 'inherit', env });
	if (r.status !== 0) process.exit(r.status ?? 1);
}
const server = spawn(process.execPath, ['build/index.js'], {
	stdio: 'inherit',
	env: { ...env, HOST: '127.0.0.1', PORT: port }
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
