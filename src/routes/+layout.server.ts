import { dataContext, noDataContext } from '$lib/server/context';
import { accessControlled, roleOf } from '$lib/server/auth';
import { checkCustomer, type CustomerCheck } from '$lib/server/customers/lookup';
import { readFilters } from '$lib/url-state';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ url, request }) => {
	// with sign-in on (LEDGER_TOKEN), the top bar shows the role and a way to sign out; a request without
	// a role gets no data at all, whatever page (an error page included) renders this layout
	const role = accessControlled() ? roleOf(request) : null;
	const context = accessControlled() && !role ? noDataContext() : await dataContext();
	const filters = readFilters(url.searchParams, context.defaults);
	// the customer filter's name for the filter bar, and whether it names a customer at all: pages show
	// "No such customer" instead of figures that would all be $0
	let customer: CustomerCheck | null = null;
	if (context.hasData && filters.customer) {
		// a failed check must not hide a page: it then shows its own figures, or its own error
		customer = await checkCustomer(filters.customer).catch(() => ({ id: filters.customer!, name: null, known: true }));
	}
	return { context, filters, role, customer };
};
