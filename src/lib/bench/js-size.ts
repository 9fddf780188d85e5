/**
 * The client JavaScript a page loads, gzip-sized. The page's HTML names its entry modules (modulepreload
 * links, `<script type="module" src>`, and SvelteKit's inline `import("…")` bootstrap); from those, the
 * static imports of every module are followed. That closure is the page's JS. Modules a page's own code
 * imports with `import()` are reported apart as "lazy" (the router's loaders of the other pages, in the
 * entry chunk, are not followed: they belong to other pages).
 */
import { gzipSync } from 'node:zlib';

const ATTR = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');

/**
 * Absolute URLs of the JS modules a page names directly: in its HTML, and in the `Link` response header
 * (SvelteKit sends its modulepreloads there).
 */
export function entryScripts(html: string, pageUrl: string, linkHeader: string | null = null): string[] {
	const out = new Set<string>();
	const add = (u: string | undefined) => {
		if (!u) return;
		const abs = new URL(u, pageUrl);
		if (/\.m?js$/.test(abs.pathname)) out.add(abs.href);
	};
	const attr = (tag: string, name: string) => {
		const m = ATTR(name).exec(tag);
		return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
	};
	for (const m of (linkHeader ?? '').matchAll(/<([^>]+)>([^,]*)/g)) {
		if (/\brel\s*=\s*"?modulepreload"?/i.test(m[2])) add(m[1]);
	}
	for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
		if (/^modulepreload$/i.test(attr(tag, 'rel') ?? '')) add(attr(tag, 'href'));
	}
	for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
		const src = attr(m[1], 'src');
		if (src) add(src);
		else for (const d of m[2].matchAll(/\bimport\(\s*(["'`])([^"'`]+)\1\s*\)/g)) add(d[2]);
	}
	return [...out];
}

/** Relative module specifiers a JS module imports statically and dynamically (bare names are ignored). */
export function moduleImports(js: string): { static: string[]; dynamic: string[] } {
	const stat = new Set<string>();
	const dyn = new Set<string>();
	// minifiers quote specifiers with ", ' or ` (a template literal without substitutions)
	const spec = `(["'\\x60])(\\.{1,2}/[^"'\\x60$]+|/[^"'\\x60$]+)\\1`;
	for (const m of js.matchAll(new RegExp(`\\bfrom\\s*${spec}`, 'g'))) stat.add(m[2]);
	for (const m of js.matchAll(new RegExp(`\\bimport\\s*${spec}`, 'g'))) stat.add(m[2]);
	for (const m of js.matchAll(new RegExp(`\\bimport\\(\\s*${spec}\\s*\\)`, 'g'))) dyn.add(m[2]);
	return { static: [...stat], dynamic: [...dyn].filter((d) => !stat.has(d)) };
}

export function gzipBytes(text: string | Uint8Array): number {
	return gzipSync(typeof text === 'string' ? Buffer.from(text) : text, { level: 9 }).length;
}

export interface PageJs {
	files: string[];
	raw_bytes: number;
	gzip_bytes: number;
	lazy_files: string[];
	lazy_gzip_bytes: number;
}

/**
 * The JS closure of a page. `load` returns a module's text by absolute URL (fetched, or read from
 * build/client); modules are loaded once across calls when `cache` is shared.
 */
/** SvelteKit's hydration names the page's route nodes (`node_ids: [0, 9]`). */
export function nodeIds(html: string): number[] {
	const m = /\bnode_ids:\s*\[([\d,\s]*)\]/.exec(html);
	return m ? m[1].split(',').map((x) => x.trim()).filter(Boolean).map(Number) : [];
}

/** The module files of route nodes as an entry chunk names them (`…/nodes/9.C5ha-hBT.js`). */
export function nodeModules(entryJs: string, ids: readonly number[]): string[] {
	const out: string[] = [];
	for (const id of ids) {
		const m = new RegExp(`(["'\x60])((?:\\.{1,2})?/(?:[^"'\x60]*/)?nodes/${id}\\.[^"'\x60/]*\\.js)\\1`).exec(entryJs);
		if (m) out.push(m[2]);
	}
	return out;
}

export async function pageJs(
	html: string,
	pageUrl: string,
	load: (url: string) => Promise<string>,
	cache = new Map<string, Promise<string>>(),
	linkHeader: string | null = null
): Promise<PageJs> {
	const get = (u: string) => {
		let p = cache.get(u);
		if (!p) cache.set(u, (p = load(u)));
		return p;
	};
	const closure = async (roots: string[], seen: Set<string>, lazyOut: Set<string> | null) => {
		const queue = [...roots];
		while (queue.length) {
			const u = queue.shift()!;
			if (seen.has(u)) continue;
			seen.add(u);
			const imp = moduleImports(await get(u));
			for (const s of imp.static) queue.push(new URL(s, u).href);
			// the router's loaders of every page live in the entry chunk: not this page's code
			if (lazyOut && !/\/entry\//.test(new URL(u).pathname)) for (const d of imp.dynamic) lazyOut.add(new URL(d, u).href);
		}
	};
	const files = new Set<string>();
	const lazyRoots = new Set<string>();
	const entries = entryScripts(html, pageUrl, linkHeader);
	// the page's own nodes, in case the preloads do not list them: found in the entry chunks
	const ids = nodeIds(html);
	const roots = [...entries];
	if (ids.length) {
		for (const e of entries.filter((u) => /\/entry\//.test(new URL(u).pathname))) {
			for (const n of nodeModules(await get(e), ids)) roots.push(new URL(n, e).href);
		}
	}
	await closure(roots, files, lazyRoots);
	const lazy = new Set<string>();
	await closure([...lazyRoots].filter((u) => !files.has(u)), lazy, null);
	for (const f of files) lazy.delete(f);
	let raw = 0;
	let gz = 0;
	for (const f of files) {
		const t = await get(f);
		raw += Buffer.byteLength(t);
		gz += gzipBytes(t);
	}
	let lazyGz = 0;
	for (const f of lazy) lazyGz += gzipBytes(await get(f));
	return { files: [...files], raw_bytes: raw, gzip_bytes: gz, lazy_files: [...lazy], lazy_gzip_bytes: lazyGz };
}
