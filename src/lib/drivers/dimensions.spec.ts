import { describe, expect, it } from 'vitest';
import { applyPicks, attributable, parsePick, picksExcept, pickString, readPicks, readView, togglePick, writeView } from './dimensions';
import { parseDrillMember, drillMemberString, searchPattern } from './drill';

describe('picks', () => {
	it('parse only whitelisted dimensions and well-formed values', () => {
		expect(parsePick('supplier:Acme: Ltd')).toEqual({ dim: 'supplier', value: 'Acme: Ltd' });
		expect(parsePick('segment:(none)')).toEqual({ dim: 'segment', value: null });
		expect(parsePick('month:2026-03')).toEqual({ dim: 'month', value: '2026-03' });
		for (const bad of ['color:red', 'supplier:', ':x', 'month:2026-13', 'month:March', `sku:${'x'.repeat(201)}`]) expect(parsePick(bad)).toBeNull();
		expect(pickString({ dim: 'region', value: null })).toBe('region:(none)');
	});

	it('round-trip through the URL, one per dimension, defaults left out', () => {
		const base = new URLSearchParams('segment=Key&pick=month:2026-01&pick=supplier:Acme&pick=supplier:Bolt&pick=bad');
		const v = readView(base);
		expect(v).toEqual({ dim: 'supplier', hy: 'category', hx: 'month', picks: [{ dim: 'supplier', value: 'Bolt' }, { dim: 'month', value: '2026-01' }] });
		expect(writeView(v, base).toString()).toBe('segment=Key&pick=supplier%3ABolt&pick=month%3A2026-01');
		const w = { ...v, dim: 'category' as const, hy: 'supplier' as const, picks: [] };
		expect(writeView(w, new URLSearchParams()).toString()).toBe('dim=category');
		expect(readView(new URLSearchParams('dim=category'))).toMatchObject({ hy: 'supplier', hx: 'month' });
		expect(readView(new URLSearchParams('hx=region&hy=region'))).toMatchObject({ hy: 'region', hx: 'month' });
		expect(readPicks(new URLSearchParams('pick=sku:A&pick=category:B')).map((p) => p.dim)).toEqual(['sku', 'category']);
	});

	it('toggle: add, replace the same dimension, remove', () => {
		const a = togglePick([], { dim: 'supplier', value: 'Acme' });
		const b = togglePick(a, { dim: 'category', value: 'Valves' });
		expect(b.map(pickString)).toEqual(['category:Valves', 'supplier:Acme']);
		expect(togglePick(b, { dim: 'supplier', value: 'Bolt' }).map(pickString)).toEqual(['category:Valves', 'supplier:Bolt']);
		expect(togglePick(b, { dim: 'supplier', value: 'Acme' }).map(pickString)).toEqual(['category:Valves']);
		expect(picksExcept(b, 'category').map(pickString)).toEqual(['supplier:Acme']);
	});

	it('apply as filters: a month narrows the period, a conflicting filter is refused', () => {
		const f = { from: '2025-11-15', to: '2026-10-31' };
		expect(applyPicks(f, [{ dim: 'month', value: '2025-11' }, { dim: 'sku', value: 'P1' }])).toEqual({ ok: true, filters: { from: '2025-11-15', to: '2025-11-30', sku: 'P1' } });
		expect(applyPicks(f, [{ dim: 'month', value: '2024-02' }])).toMatchObject({ ok: false });
		expect(applyPicks({ ...f, supplier: 'Bolt' }, [{ dim: 'supplier', value: 'Acme' }])).toEqual({ ok: false, reason: 'the supplier filter is already Bolt' });
		expect(applyPicks({ ...f, supplier: 'Acme' }, [{ dim: 'supplier', value: 'Acme' }])).toMatchObject({ ok: true });
		expect(applyPicks(f, [{ dim: 'region', value: null }])).toMatchObject({ ok: false });
		expect(applyPicks(f, [{ dim: 'month', value: '2026-02' }])).toMatchObject({ ok: true, filters: { from: '2026-02-01', to: '2026-02-28' } });
	});

	it('say which components a dimension can place', () => {
		expect(attributable('supplier')).toMatchObject({ service_cost: true, cancelled_margin: true, wallet_lost_margin: true, deals_expected_lost_margin: false });
		expect(attributable('channel')).toMatchObject({ service_cost: true, cancelled_margin: false, wallet_lost_margin: false });
		expect(attributable('sales_rep')).toMatchObject({ wallet_lost_margin: true, deals_expected_lost_margin: true });
		expect(attributable('month').wallet_lost_margin).toBe(true);
	});
});

describe('drill vocabulary', () => {
	it('parses the drill member', () => {
		expect(parseDrillMember('supplier:Acme')).toEqual({ dim: 'supplier', kind: 'value', value: 'Acme' });
		expect(parseDrillMember('channel:(unattributed)')).toEqual({ dim: 'channel', kind: 'unattributed' });
		expect(parseDrillMember('region:(none)')).toEqual({ dim: 'region', kind: 'none' });
		expect(parseDrillMember(null)).toBeNull();
		expect(parseDrillMember('nope:x')).toBe('invalid');
		expect(drillMemberString({ dim: 'sku', kind: 'unattributed' })).toBe('sku:(unattributed)');
	});
	it('escapes LIKE wildcards in a search', () => {
		expect(searchPattern('  50%_off\\ ')).toBe('%50\\%\\_off\\\\%');
		expect(searchPattern('')).toBeNull();
		expect(searchPattern('x'.repeat(300))!.length).toBe(102);
	});
});
