import { afterEach, describe, expect, it, vi } from 'vitest';

// the layout must not even ask the database for a request without a role
const dataContext = vi.fn(async () => {
	throw new Error('dataContext must not be called');
});
vi.mock('$lib/server/context', async (orig) => ({ ...(await orig<typeof import('$lib/server/context')>()), dataContext }));

const { load } = await import('./+layout.server');

type LoadEvent = Parameters<typeof load>[0];
const event = (path: string) => ({ url: new URL(path, 'http://127.0.0.1:3000'), request: new Request(`http://127.0.0.1:3000${path}`) }) as unknown as LoadEvent;

afterEach(() => {
	delete process.env.LEDGER_TOKEN;
	delete process.env.LEDGER_VIEWER_TOKEN;
	dataContext.mockClear();
});

describe('root layout data (issue 19)', () => {
	it('holds no filter values, names or data range for a request without a role when sign-in is on', async () => {
		for (const env of ['LEDGER_TOKEN', 'LEDGER_VIEWER_TOKEN'] as const) {
			process.env[env] = 'a-token-of-some-length-0123';
			const out = (await load(event('/signin/x?segment=Key')))!;
			expect(dataContext).not.toHaveBeenCalled();
			expect(out.role).toBeNull();
			expect(out.context.hasData).toBe(false);
			expect(out.customer).toBeNull();
			expect(Object.values(out.context.options).flat()).toEqual([]);
			expect(out.context.firstOrder).toBeNull();
			delete process.env[env];
		}
	});

	it('reads the data context when sign-in is off', async () => {
		await expect(load(event('/'))).rejects.toThrow('dataContext must not be called');
		expect(dataContext).toHaveBeenCalledTimes(1);
	});
});
