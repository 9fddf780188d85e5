import { error } from '@sveltejs/kit';
import { pageScenario } from '$lib/server/assumptions/requested';
import { customerDetail, MAX_ID_LENGTH } from '$lib/server/customers/customer';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params }) => {
	const { context, filters } = await parent();
	const id = params.id;
	if (id.length > MAX_ID_LENGTH) error(404, { message: 'There is no customer with that id.' });
	const scenario = await pageScenario(filters.scenario);
	let detail;
	try {
		detail = await customerDetail(id, scenario.assumptions.keywords, context);
	} catch (e) {
		console.error('customer:', e);
		return { detail: null, id, error: e instanceof Error ? e.message : String(e) };
	}
	if (!detail) error(404, { message: `There is no customer “${id.slice(0, 80)}” in the loaded data.` });
	return { detail, id, error: null };
};
