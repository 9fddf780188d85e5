import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Content-Security-Policy of every page (issue 10). Kit adds a nonce (or, for prerendered pages, a
		// hash) for its own inline bootstrap script to script-src; every other script is a file from this
		// origin (the theme script is static/theme-init.js). style-src needs 'unsafe-inline': ECharts and
		// Svelte's style: directives set inline style attributes, which CSP cannot allow by nonce or hash
		// (only 'unsafe-hashes' per exact value); inline styles cannot run script. With 'unsafe-inline'
		// present kit adds no style nonce, which would otherwise switch 'unsafe-inline' off.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};
