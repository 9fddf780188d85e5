import { describe, expect, it } from 'vitest';
import { VersionCache } from './version-cache';

describe('VersionCache', () => {
	it('computes once per version and key, sharing a pending computation', async () => {
		const c = new VersionCache(10);
		let runs = 0;
		const make = async () => ({ n: ++runs });
		const [a, b] = await Promise.all([c.get('v1', ['q', { x: 1 }], make), c.get('v1', ['q', { x: 1 }], make)]);
		expect(a).toBe(b);
		expect(runs).toBe(1);
		expect(await c.get('v1', ['q', { x: 2 }], make)).toEqual({ n: 2 });
		expect(await c.get('v1', ['q', { x: 1 }], make)).toBe(a);
		expect(runs).toBe(2);
	});

	it('drops the old version’s entries when a new version is seen', async () => {
		const c = new VersionCache(10);
		let runs = 0;
		const make = async () => ++runs;
		expect(await c.get('v1', ['a'], make)).toBe(1);
		expect(await c.get('v1', ['b'], make)).toBe(2);
		expect(c.size).toBe(2);
		expect(await c.get('v2', ['a'], make)).toBe(3);
		expect(c.size).toBe(1);
		expect(await c.get('v2', ['a'], make)).toBe(3);
	});

	it('does not cache without a version, forgets failures and keeps at most `keep` entries', async () => {
		const c = new VersionCache(2);
		let runs = 0;
		const make = async () => ++runs;
		expect(await c.get(undefined, ['a'], make)).toBe(1);
		expect(await c.get(undefined, ['a'], make)).toBe(2);
		expect(c.size).toBe(0);

		await expect(c.get('v', ['bad'], async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		await Promise.resolve();
		expect(c.size).toBe(0);
		expect(await c.get('v', ['bad'], make)).toBe(3);

		await c.get('v', ['b'], make); // 4
		await c.get('v', ['bad'], make); // hit: 'bad' is now the most recent
		await c.get('v', ['c'], make); // 5, evicts 'b'
		expect(c.size).toBe(2);
		expect(await c.get('v', ['bad'], make)).toBe(3);
		expect(await c.get('v', ['b'], make)).toBe(6);
	});
});
