import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import Methodology from '../../routes/methodology/+page.svelte';
import { FILL_QUEUE_METHOD } from './method';

describe('/methodology#fill-queue', () => {
	it('renders every term of the fill queue’s method', () => {
		const { body } = render(Methodology, { props: { data: { sql: {}, scenario: null, error: null } } as never });
		expect(body).toContain('id="fill-queue"');
		for (const m of FILL_QUEUE_METHOD) expect(body).toContain(m.term);
	});
});
