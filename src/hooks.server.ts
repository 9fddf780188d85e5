import type { ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { handleAccess, handleHeaders } from '$lib/server/auth';

/**
 * Security headers on every dynamic response, then the access check (sign-in and roles when
 * LEDGER_TOKEN / LEDGER_VIEWER_TOKEN are set; see src/lib/server/auth/handle.ts and README "Security").
 */
export const handle = sequence(handleHeaders, handleAccess);

/**
 * Before the first request: clean up after uploads a restart cut short (see $lib/server/data/uploads.ts),
 * then start building the derived tables and the default ledger in the background (not awaited: the
 * server listens at once, and a request that comes first waits for the same work).
 */
export const init: ServerInit = async () => {
	const { cleanUpInterruptedUploads } = await import('$lib/server/data/load');
	await cleanUpInterruptedUploads();
	const { warmCaches } = await import('$lib/server/metrics/warm');
	void warmCaches('start');
	// adapter-node's graceful stop (SIGTERM, SIGINT): let kept answers still being written reach the file,
	// then close it cleanly, rather than exit under a write and recompute that answer after the restart
	const { closeInstance } = await import('$lib/server/db');
	process.once('sveltekit:shutdown', () => void closeInstance());
};
