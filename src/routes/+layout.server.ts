import { dataContext } from '$lib/server/context';
import { readFilters } from '$lib/url-state';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ url }) => {
	const context = await dataContext();
	return { context, filters: readFilters(url.searchParams, context.defaults) };
};
