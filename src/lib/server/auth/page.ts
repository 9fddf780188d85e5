/**
 * The sign-in and sign-out pages. They are plain HTML from +server.ts routes, deliberately outside the
 * app shell: the root layout loads filter options (customer names, reps…) that must not reach anyone
 * who has not signed in. No script runs on them but /theme-init.js; styles are inline.
 */
const esc = (s: string) =>
	s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const AUTH_PAGE_CSP =
	"default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = `
:root{color-scheme:light;--bg:#f6f7f9;--surface:#fff;--border:#dde1e7;--text:#17202b;--muted:#5b6675;--accent:#1f5f99;--danger:#b91c1c;--focus:#2563eb}
:root[data-theme='dark']{color-scheme:dark;--bg:#0f141b;--surface:#171e27;--border:#2c3744;--text:#e6ebf1;--muted:#9aa6b5;--accent:#6aa8e6;--danger:#f87171;--focus:#93c5fd}
html{background:var(--bg);color:var(--text);font:15px/1.5 'Inter','Segoe UI',system-ui,-apple-system,Arial,sans-serif}
body{margin:0;min-height:100vh;display:grid;place-items:center}
main{background:var(--surface);border:1px solid var(--border);border-radius:10px;padding:2rem;width:min(24rem,90vw)}
h1{font-size:1.35rem;margin:0 0 .25rem}p{color:var(--muted);margin:0 0 1.25rem}
label{display:block;font-weight:600;margin-bottom:.35rem}
input{box-sizing:border-box;width:100%;padding:.5rem .6rem;border:1px solid var(--border);border-radius:6px;background:var(--bg);color:var(--text);font:inherit}
button{margin-top:1rem;width:100%;padding:.55rem;border:0;border-radius:6px;background:var(--accent);color:#fff;font:inherit;font-weight:600;cursor:pointer}
:root[data-theme='dark'] button{color:#0f141b}
:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
.error{color:var(--danger);font-weight:600}[hidden]{display:none}
a{color:var(--accent)}`;

function page(title: string, body: string): string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="robots" content="noindex" />
<title>${esc(title)} · Backorder Ledger</title>
<link rel="icon" href="/favicon.svg" />
<script src="/theme-init.js"></script>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export function signInPage(opts: { next: string; error?: string }): string {
	const error = `<p class="error" role="alert" id="signin-error"${opts.error ? '' : ' hidden'}>${esc(opts.error ?? '')}</p>`;
	return page(
		'Sign in',
		`<h1>Sign in</h1>
<p>This Backorder Ledger needs an access token. Ask whoever runs it for the viewer or editor token.</p>
${error}
<form id="signin" method="POST" action="/signin">
<input type="hidden" name="next" value="${esc(opts.next)}" />
<label for="token">Access token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required maxlength="1024" autofocus />
<button type="submit">Sign in</button>
</form>
<script src="/signin/form.js"></script>`
	);
}

export function signOutPage(signedIn: boolean): string {
	return page(
		'Sign out',
		signedIn
			? `<h1>Sign out</h1>
<p>End this browser's session. You will need the token to sign in again.</p>
<form id="signout" method="POST" action="/signout"><button type="submit">Sign out</button></form>
<script src="/signin/form.js"></script>`
			: `<h1>Signed out</h1>
<p>You are not signed in.</p>
<p><a href="/signin">Sign in</a></p>`
	);
}

export function htmlResponse(html: string, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(html, {
		status,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'cache-control': 'no-store',
			'content-security-policy': AUTH_PAGE_CSP,
			...headers
		}
	});
}
