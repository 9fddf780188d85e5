import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { sourceHash } from './src/lib/server/source-hash.ts';

export default defineConfig(({ command, mode }) => ({
	plugins: [sveltekit()],
	// what keys the answers kept in the database file (src/lib/server/answer-store.ts): the source in a
	// build; under `vite dev` nothing is kept (the code changes under a running server); tests hash the files
	define: mode === 'test' ? {} : { __LEDGER_SOURCE__: JSON.stringify(command === 'build' ? sourceHash() : 'dev') },
	build: {
		// the largest chunk is ECharts, loaded lazily by the chart wrapper; the per-page budget is checked
		// by the benchmark (gzip size of each page's JS), not by this warning
		chunkSizeWarningLimit: 800,
		rolldownOptions: { checks: { pluginTimings: false } }
	},
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
}));
