import { dataContext } from '$lib/server/context';
import { roleOf } from '$lib/server/auth/handle';
import { readFilters } from '$lib/url-state';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ url, request }) => {
	const context = await dataContext();
	// with sign-in on (LEDGER_TOKEN), the top bar shows the role and a way to sign out
	const role = process.env.LEDGER_TOKEN ? roleOf(request) : null;
	return { context, filters: readFilters(url.searchParams, context.defaults), role };
};
