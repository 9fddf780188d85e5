/**
 * Is build/ missing or older than its sources? Sources: src/** (minus tests), static/**, and the build
 * configuration files. The bench runs the built server, so it rebuilds a stale build first.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const CONFIG = ['svelte.config.js', 'vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];
const SKIP = /\.(spec|test)\.[jt]s$/;

function newest(dir: string): number {
	let t = 0;
	if (!existsSync(dir)) return t;
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) t = Math.max(t, newest(p));
		else if (e.isFile() && !SKIP.test(e.name)) t = Math.max(t, statSync(p).mtimeMs);
	}
	return t;
}

export function buildState(root: string, out = 'build'): { missing: boolean; stale: boolean; newestSource: string | null } {
	const marks = ['index.js', 'handler.js'].map((f) => path.join(root, out, f));
	if (marks.some((m) => !existsSync(m))) return { missing: true, stale: true, newestSource: null };
	const built = Math.min(...marks.map((m) => statSync(m).mtimeMs));
	let src = Math.max(newest(path.join(root, 'src')), newest(path.join(root, 'static')));
	for (const c of CONFIG) if (existsSync(path.join(root, c))) src = Math.max(src, statSync(path.join(root, c)).mtimeMs);
	return { missing: false, stale: src > built, newestSource: src ? new Date(src).toISOString() : null };
}
