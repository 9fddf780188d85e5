import { dataContext, noDataContext } from '$lib/server/context';
import { accessControlled, roleOf } from '$lib/server/auth';
import { readFilters } from '$lib/url-state';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ url, request }) => {
	// with sign-in on (LEDGER_TOKEN), the top bar shows the role and a way to sign out; a request without
	// a role gets no data at all, whatever page (an error page included) renders this layout
	const role = accessControlled() ? roleOf(request) : null;
	const context = accessControlled() && !role ? noDataContext() : await dataContext();
	return { context, filters: readFilters(url.searchParams, context.defaults), role };
};
