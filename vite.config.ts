import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	ssr: {
		// native addon: never bundle, load from node_modules at run time
		external: ['@duckdb/node-api', '@duckdb/node-bindings']
	},
	test: {
		include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts', 'scripts/**/*.spec.ts'],
		environment: 'node',
		env: { TZ: 'UTC' },
		testTimeout: 120_000,
		hookTimeout: 300_000,
		pool: 'forks'
	}
});
