/**
 * The scope macros (queries/scope/macros.sql) must cost nothing when a filter is unset and keep DuckDB's
 * range pruning: checked on the query plans (EXPLAIN) of ledger queries over a small data set.
 * - an unset customer/product filter folds away: no scan of customers or products feeds a probe;
 * - a set filter probes them (the filter is really applied);
 * - the period's bounds reach the scan of order_lines as table filters (zone maps skip row groups).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, readSql, runSql, withConnection } from './index';
import { ledgerParams } from '../metrics/summary';
import { DEFAULT_ASSUMPTIONS, resolveAssumptions } from '$lib/metrics/assumptions';
import type { MetricFilters } from '$lib/metrics/filters-type';

type Node = { name: string; extra_info?: Record<string, unknown>; children: Node[] };
const a = resolveAssumptions(DEFAULT_ASSUMPTIONS);

beforeAll(async () => {
	process.env.LEDGER_DB = ':memory:';
	await withConnection((c) =>
		c.run(`
		INSERT INTO customers (customer_id, segment, region, sales_rep) SELECT 'C' || i, ['Key', 'Core'][1 + i % 2], 'R' || (i % 3), 'S' || (i % 4) FROM range(200) t(i);
		INSERT INTO products (sku, category, supplier, unit_cost) SELECT 'P' || i, 'K' || (i % 5), 'V' || (i % 7), 2 FROM range(100) t(i);
		INSERT INTO order_lines (order_id, line_no, customer_id, sku, order_date, qty, unit_price, qty_backordered)
			SELECT 'O' || i, 1, 'C' || (i % 200), 'P' || (i % 100), DATE '2025-01-01' + (i % 365)::INTEGER, 1, 10, (i % 9 = 0)::INTEGER FROM range(20000) t(i);
		INSERT INTO opportunities (opportunity_id, customer_id, closed_date, amount, outcome, loss_reason)
			SELECT 'Y' || i, 'C' || (i % 200), DATE '2025-01-01' + (i % 365)::INTEGER, 100, 'lost', 'stockout' FROM range(2000) t(i);
	`)
	);
});
afterAll(() => closeInstance());

async function plan(query: string, f: Partial<MetricFilters>): Promise<Node[]> {
	const params = ledgerParams({ from: '2025-03-15', to: '2025-05-31', ...f } as MetricFilters, a);
	const r = await runSql<Record<string, string>>('explain', `EXPLAIN (FORMAT json) ${readSql(query)}`, params);
	if (!r.ok) throw new Error(r.error.message);
	return JSON.parse(Object.values(r.rows[0])[1]) as Node[];
}

function nodes(ns: Node[]): Node[] {
	return ns.flatMap((n) => [n, ...nodes(n.children)]);
}
const scans = (ns: Node[], table: string) => nodes(ns).filter((n) => n.name === 'SEQ_SCAN' && String(n.extra_info?.Table ?? '').endsWith(`.${table}`));

describe('scope macros in query plans', () => {
	it('fold an unset filter away: no scan of customers feeds the deals', async () => {
		expect(scans(await plan('ledger/deals_lost', {}), 'customers')).toHaveLength(0);
		const filtered = scans(await plan('ledger/deals_lost', { segment: 'Key' }), 'customers');
		expect(filtered.length).toBeGreaterThan(0);
		expect(JSON.stringify(filtered[0].extra_info)).toContain('segment');
	});

	it('fold unset product filters away in the order lines of the period\'s edge days', async () => {
		const p = await plan('ledger/orders', {});
		// products is joined once for unit costs; no second scan feeds a probe of the lines' SKUs
		expect(scans(p, 'products')).toHaveLength(1);
		expect(scans(p, 'customers')).toHaveLength(0);
		// without a product filter the edge days come from order_lines (date order), never product_lines
		expect(scans(p, 'order_lines').length).toBeGreaterThan(0);
		expect(scans(p, 'product_lines')).toHaveLength(0);
	});

	it('read a product filter\'s lines from derived.product_lines with the filter on the scan (zone maps)', async () => {
		const p = await plan('ledger/orders', { supplier: 'V1', region: 'R1' });
		expect(scans(p, 'order_lines')).toHaveLength(0);
		const lines = scans(p, 'product_lines');
		expect(lines).toHaveLength(1);
		expect(JSON.stringify(lines[0].extra_info?.Filters ?? '')).toMatch(/supplier/);
		expect(scans(p, 'customers')).toHaveLength(1);
	});

	it('keep the period bounds on the scan of order_lines (range pruning)', async () => {
		for (const f of [{}, { segment: 'Key' }, { customer: 'C7' }]) {
			const lines = scans(await plan('ledger/orders', f), 'order_lines');
			expect(lines.length).toBeGreaterThan(0);
			for (const s of lines) expect(JSON.stringify(s.extra_info?.Filters ?? ''), JSON.stringify(f)).toMatch(/order_date/);
		}
	});
});
