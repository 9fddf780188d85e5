/**
 * A hash of what computes the figures: the TypeScript under src/lib (tests left out) and the SQL under
 * queries/. Kept answers (answer-store.ts) are keyed by it, so an answer computed by other code is never
 * served. The built server gets it at build time (vite.config.ts); the CLI and the tests compute it from
 * the files. Node built-ins only: vite.config.ts imports this file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function files(dir: string, keep: (name: string) => boolean): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && keep(e.name))
		.map((e) => path.join(e.parentPath, e.name))
		.sort();
}

export function sourceHash(root: string = process.cwd()): string {
	const h = createHash('sha256');
	const code = files(path.join(root, 'src', 'lib'), (n) => n.endsWith('.ts') && !n.endsWith('.spec.ts'));
	const sql = files(path.join(root, 'queries'), (n) => n.endsWith('.sql'));
	for (const f of [...code, ...sql]) h.update(path.relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
	return h.digest('hex').slice(0, 16);
}
