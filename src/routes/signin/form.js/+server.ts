import type { RequestHandler } from './$types';

/**
 * The sign-in and sign-out pages' only script (same origin, so the CSP allows it): posts the form as JSON and
 * follows the answer. See ../+server.ts for why not a plain form post.
 */
const SCRIPT = `(function () {
	var out = document.getElementById('signout');
	if (out && window.fetch) {
		out.addEventListener('submit', function (e) {
			e.preventDefault();
			fetch('/signout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', credentials: 'same-origin' })
				.then(function () { location.assign('/signin'); });
		});
	}
	var form = document.getElementById('signin');
	if (!form || !window.fetch) return;
	form.addEventListener('submit', function (e) {
		e.preventDefault();
		var button = form.querySelector('button');
		var error = document.getElementById('signin-error');
		button.disabled = true;
		fetch('/signin', {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify({ token: form.token.value, next: form.next.value }),
			credentials: 'same-origin'
		})
			.then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
			.then(function (r) {
				if (r.ok && r.body.location) { location.assign(r.body.location); return; }
				error.textContent = r.body.error || 'Sign-in failed.';
				error.hidden = false;
				button.disabled = false;
				form.token.select();
			})
			.catch(function () {
				error.textContent = 'The server did not answer. Try again.';
				error.hidden = false;
				button.disabled = false;
			});
	});
})();
`;

export const GET: RequestHandler = () =>
	new Response(SCRIPT, {
		headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }
	});
