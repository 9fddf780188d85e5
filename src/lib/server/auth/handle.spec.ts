import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleAccess, handleHeaders, roleOf, safeNext, secureCookie } from './handle';
import { LIMIT, resetRateLimits, retryAfter, WINDOW_MS } from './rate-limit';
import { clearSessions, createSession, getSession, SESSION_COOKIE } from './sessions';
import { roleForToken } from './tokens';
import { requireWriteToken } from '../assumptions/auth';

const EDITOR = 'editor-token-0123456789';
const VIEWER = 'viewer-token-9876543210';

interface Opts {
	method?: string;
	headers?: Record<string, string>;
	cookie?: string;
	ip?: string;
	data?: boolean;
}

function event(path: string, o: Opts = {}): RequestEvent {
	const url = new URL(path, 'http://127.0.0.1:3000');
	const request = new Request(url, { method: o.method ?? 'GET', headers: o.headers ?? {} });
	return {
		url,
		request,
		isDataRequest: o.data ?? false,
		cookies: { get: (n: string) => (n === SESSION_COOKIE ? o.cookie : undefined) },
		getClientAddress: () => o.ip ?? '10.0.0.1'
	} as unknown as RequestEvent;
}

const ok = async (ev: RequestEvent) => new Response(`ok ${roleOf(ev.request)}`, { headers: { 'content-type': 'text/html' } });

async function run(path: string, o: Opts = {}) {
	const ev = event(path, o);
	const res = await handleAccess({ event: ev, resolve: ok as never });
	return { res, ev, text: await res.clone().text() };
}

const html = { accept: 'text/html,application/xhtml+xml' };

beforeEach(() => {
	delete process.env.LEDGER_TOKEN;
	delete process.env.LEDGER_VIEWER_TOKEN;
	clearSessions();
	resetRateLimits();
});
afterEach(() => {
	delete process.env.LEDGER_TOKEN;
	delete process.env.LEDGER_VIEWER_TOKEN;
});

describe('without a token (the default)', () => {
	it('lets every read and write through as editor', async () => {
		expect((await run('/drivers', { headers: html })).text).toBe('ok editor');
		expect((await run('/api/assumptions', { method: 'PUT' })).text).toBe('ok editor');
	});
});

describe('with LEDGER_TOKEN and LEDGER_VIEWER_TOKEN', () => {
	beforeEach(() => {
		process.env.LEDGER_TOKEN = EDITOR;
		process.env.LEDGER_VIEWER_TOKEN = VIEWER;
	});

	it('maps tokens to roles, in constant time, ignoring surrounding blanks', () => {
		expect(roleForToken(EDITOR)).toBe('editor');
		expect(roleForToken(` ${VIEWER} `)).toBe('viewer');
		expect(roleForToken('nope')).toBeNull();
		expect(roleForToken('')).toBeNull();
	});

	it('sends page navigations to /signin with where they were going', async () => {
		const { res } = await run('/customers?segment=Key', { headers: html });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/signin?next=%2Fcustomers%3Fsegment%3DKey');
		expect((await run('/', { headers: html })).res.headers.get('location')).toBe('/signin');
		// client-side navigation (__data.json): kit turns this 303 into its JSON redirect
		expect((await run('/drivers/__data.json', { data: true })).res.status).toBe(303);
	});

	it('answers API calls and non-HTML requests with 401 JSON', async () => {
		for (const [path, o] of [
			['/api/summary', {}],
			['/api/summary', { headers: html }],
			['/customers/at-risk.csv', { headers: { accept: '*/*' } }],
			['/api/assumptions', { method: 'PUT', headers: html }]
		] as const) {
			const { res } = await run(path, o as Opts);
			expect(res.status, path).toBe(401);
			expect(res.headers.get('content-type')).toContain('application/json');
			expect(res.headers.get('www-authenticate')).toBe('Bearer');
			expect((await res.json()).error).toMatch(/sign in/);
		}
	});

	it('keeps /signin and /signout reachable', async () => {
		expect((await run('/signin?next=/drivers', { headers: html })).text).toBe('ok null');
		expect((await run('/signin', { method: 'POST' })).text).toBe('ok null');
		expect((await run('/signout')).text).toBe('ok null');
		expect((await run('/signinx', { headers: html })).res.status).toBe(303);
		expect((await run('/signin/form.js')).text).toBe('ok null');
	});

	it('makes only those exact paths public: a path below them is a page like any other (issue 19)', async () => {
		// before: /^\/sign(in|out)(\/|$)/ let /signin/x through to a 404 rendered in the root layout,
		// with every customer name in its page data
		for (const path of ['/signin/x', '/signout/x', '/signin/', '/signin/form.js/x', '/signin/__data.json', '/signout/a/b']) {
			const page = await run(path, { headers: html });
			expect(page.res.status, path).toBe(303);
			expect(page.res.headers.get('location'), path).toMatch(/^\/signin\?next=/);
			expect(page.text, path).toBe('');
			const api = await run(path, { headers: { accept: '*/*' } });
			expect(api.res.status, path).toBe(401);
		}
	});

	it('accepts the bearer header: viewers read, editors change', async () => {
		const v = { authorization: `Bearer ${VIEWER}` };
		const e = { authorization: `Bearer ${EDITOR}` };
		expect((await run('/api/summary', { headers: v })).text).toBe('ok viewer');
		const denied = (await run('/api/assumptions', { method: 'PUT', headers: v })).res;
		expect(denied.status).toBe(403);
		expect((await denied.json()).error).toMatch(/editor/);
		expect((await run('/api/assumptions/reset', { method: 'POST', headers: e })).text).toBe('ok editor');
		// a future upload or mapping route is covered by the same rule
		expect((await run('/api/upload', { method: 'POST', headers: v })).res.status).toBe(403);
	});

	it('accepts a session cookie, and refuses an unknown or expired one', async () => {
		const viewer = createSession('viewer').id;
		expect((await run('/drivers', { headers: html, cookie: viewer })).text).toBe('ok viewer');
		expect((await run('/drivers', { headers: html, cookie: 'x'.repeat(43) })).res.status).toBe(303);
		const old = createSession('editor', Date.now() - 13 * 3600_000).id;
		expect((await run('/api/summary', { cookie: old })).res.status).toBe(401);
		expect(getSession(old)).toBeNull();
	});

	it('refuses cross-site changes made with the cookie', async () => {
		const editor = createSession('editor').id;
		const put = (headers: Record<string, string>) => run('/api/assumptions', { method: 'PUT', cookie: editor, headers });
		expect((await put({ origin: 'http://127.0.0.1:3000' })).text).toBe('ok editor');
		expect((await put({ 'sec-fetch-site': 'same-origin' })).text).toBe('ok editor');
		// adapter-node reports https unless told otherwise: the host is what must match
		expect((await put({ origin: 'https://127.0.0.1:3000' })).text).toBe('ok editor');
		expect((await put({ origin: 'https://evil.example' })).res.status).toBe(403);
		expect((await put({ origin: 'null' })).res.status).toBe(403);
		expect((await put({ origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-site' })).res.status).toBe(403);
		expect((await put({ 'sec-fetch-site': 'cross-site' })).res.status).toBe(403);
		expect((await run('/api/assumptions', { method: 'PUT', cookie: createSession('viewer').id })).res.status).toBe(403);
	});

	it('rate-limits wrong bearer tokens per address, with Retry-After', async () => {
		const bad = { authorization: 'Bearer guess' };
		for (let i = 0; i < LIMIT; i++) expect((await run('/api/summary', { headers: bad, ip: '10.9.9.9' })).res.status).toBe(401);
		const limited = (await run('/api/summary', { headers: { authorization: `Bearer ${EDITOR}` }, ip: '10.9.9.9' })).res;
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(WINDOW_MS / 1000);
		// another address is not affected, and the window ends
		expect((await run('/api/summary', { headers: { authorization: `Bearer ${EDITOR}` }, ip: '10.1.1.1' })).text).toBe('ok editor');
		expect(retryAfter('10.9.9.9', Date.now() + WINDOW_MS)).toBe(0);
	});

	it('the assumptions routes defer to the role the hook granted', async () => {
		const { ev: viewerEv } = await run('/api/assumptions', { headers: { authorization: `Bearer ${VIEWER}` } });
		expect(requireWriteToken(viewerEv.request)?.status).toBe(403);
		const { ev: editorEv } = await run('/api/assumptions', { method: 'PUT', cookie: createSession('editor').id, headers: { origin: 'http://127.0.0.1:3000' } });
		expect(requireWriteToken(editorEv.request)).toBeNull();
		// called directly (no hook), the bearer header still works
		expect(requireWriteToken(new Request('http://x/api/assumptions', { headers: { authorization: `Bearer ${EDITOR}` } }))).toBeNull();
		expect(requireWriteToken(new Request('http://x/api/assumptions'))?.status).toBe(401);
	});

	it('with only a viewer token, nobody can change anything', async () => {
		delete process.env.LEDGER_TOKEN;
		expect((await run('/api/summary', { headers: { authorization: `Bearer ${VIEWER}` } })).text).toBe('ok viewer');
		expect((await run('/api/assumptions', { method: 'PUT', headers: { authorization: `Bearer ${VIEWER}` } })).res.status).toBe(403);
		expect((await run('/api/summary')).res.status).toBe(401);
	});
});

describe('security headers', () => {
	it('are added to every response, JSON gets a no-content CSP, and signed-in content is private', async () => {
		const json = async () => new Response('{}', { headers: { 'content-type': 'application/json' } });
		let res = await handleHeaders({ event: event('/api/summary'), resolve: json as never });
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		expect(res.headers.get('referrer-policy')).toBe('same-origin');
		expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
		expect(res.headers.get('cache-control')).toBeNull();
		process.env.LEDGER_TOKEN = EDITOR;
		res = await handleHeaders({ event: event('/'), resolve: ok as never });
		expect(res.headers.get('cache-control')).toBe('private, no-cache');
		expect(res.headers.get('content-security-policy')).toBeNull(); // pages: kit.csp sets it
		// an immutable Response (e.g. from fetch) is copied, not crashed on
		const frozen = async () => {
			const r = new Response('x');
			Object.defineProperty(r, 'headers', { value: new Proxy(r.headers, { get: (t, p) => (p === 'set' ? () => { throw new TypeError('immutable'); } : (t as never)[p]) }) });
			return r;
		};
		res = await handleHeaders({ event: event('/x'), resolve: frozen as never });
		expect(res.headers.get('x-frame-options')).toBe('DENY');
	});
});

describe('secureCookie', () => {
	it('is Secure on https, but not on a loopback host where adapter-node only guesses https', () => {
		expect(secureCookie(new URL('https://ledger.example.com/signin'))).toBe(true);
		expect(secureCookie(new URL('http://ledger.example.com/signin'))).toBe(false);
		expect(secureCookie(new URL('https://127.0.0.1:3000/signin'))).toBe(false);
		expect(secureCookie(new URL('https://localhost:3000/signin'))).toBe(false);
		process.env.ORIGIN = 'https://127.0.0.1:8443';
		try {
			expect(secureCookie(new URL('https://127.0.0.1:8443/signin'))).toBe(true);
		} finally {
			delete process.env.ORIGIN;
		}
	});
});

describe('safeNext', () => {
	it('keeps local paths and refuses everything that could leave the site', () => {
		expect(safeNext('/customers?segment=Key')).toBe('/customers?segment=Key');
		for (const bad of [null, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/signin', '/x\n']) {
			expect(safeNext(bad)).toBe('/');
		}
	});
});
