/**
 * The ledger queries read pre-aggregated derived tables (queries/derived/) instead of every order line.
 * They must give exactly the figures of the plain queries over the canonical tables
 * (tests/unit/reference-sql/), for periods that start and end on and off month boundaries, periods with
 * no whole month, every filter kind, a single customer, and lines whose customer or SKU is unknown.
 * Then a load must make the derived tables follow the new data.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFolder } from '$lib/server/ingest';
import { getInstance, queryRows, runSql, withConnection } from '$lib/server/db';
import { useSampleDatabase } from './sample-database';
import { ledgerContacts, ledgerParams } from '$lib/server/metrics/summary';
import type { ContactGroupRow } from '$lib/metrics/ledger';
import { DEFAULT_ASSUMPTIONS, resolveAssumptions } from '$lib/metrics/assumptions';
import { filterParams, type MetricFilters } from '$lib/metrics/filters-type';
import { keywordPattern } from '$lib/metrics/keywords';
import { breakdownSql, driverParams, linesByMonth, splitsContacts } from '$lib/server/drivers/sql';
import { contactsSource } from '$lib/server/drivers/breakdown';
import type { Dimension } from '$lib/drivers/dimensions';

const sampleDir = useSampleDatabase('derived-ledger', 60_000);
const a = resolveAssumptions(DEFAULT_ASSUMPTIONS);
const reference = (name: string) => readFileSync(path.join(__dirname, 'reference-sql', `${name}.sql`), 'utf8');

beforeAll(async () => {
	// lines the filters must treat like the semi-joins do: unknown customer, unknown SKU, both
	await withConnection(async (c) => {
		const r = await c.runAndReadAll(`SELECT customer_id, sku FROM order_lines LIMIT 1`);
		const [cust, sku] = r.getRowsJson()[0] as string[];
		await c.run(`INSERT INTO order_lines (order_id, line_no, customer_id, sku, order_date, promised_date, ship_date, qty, unit_price, qty_backordered, backorder_filled_date, qty_cancelled) VALUES
			('X1', 1, 'NOBODY', '${sku}', '2026-03-14', '2026-03-20', '2026-03-15', 10, 3, 4, '2026-04-02', 1),
			('X1', 2, '${cust}', 'NO-SKU', '2026-03-01', '2026-03-05', '2026-03-02', 5, 7, 5, NULL, 0),
			('X2', 1, 'NOBODY', 'NO-SKU', '2026-05-31', NULL, '2026-06-01', 2, 9, 0, NULL, 0)`);
	});
}, 120_000);

async function filterValues() {
	const pick = (sql: string) => runSql<{ v: string }>('pick', sql).then((r) => (r.ok ? r.rows[0].v : ''));
	return {
		segment: await pick(`SELECT segment AS v FROM customers GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`),
		region: await pick(`SELECT region AS v FROM customers GROUP BY 1 ORDER BY count(*) LIMIT 1`),
		sales_rep: await pick(`SELECT sales_rep AS v FROM customers GROUP BY 1 ORDER BY 1 LIMIT 1`),
		category: await pick(`SELECT category AS v FROM products GROUP BY 1 ORDER BY 1 LIMIT 1`),
		supplier: await pick(`SELECT supplier AS v FROM products GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`),
		customer: await pick(`SELECT customer_id AS v FROM order_lines WHERE qty_backordered > 0 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`)
	};
}

const PERIODS: [string, string][] = [
	['2025-11-01', '2026-10-31'], // whole months only
	['2025-11-17', '2026-10-09'], // edges on both sides
	['2026-03-01', '2026-03-31'], // one whole month
	['2026-03-02', '2026-03-30'], // no whole month
	['2026-02-20', '2026-03-10'], // two partial months
	['2026-03-01', '2026-05-31'], // the planted lines on month boundaries
	['2024-11-01', '2026-10-31'] // everything
];

function close(actual: Record<string, unknown>[], expected: Record<string, unknown>[]) {
	expect(actual.length).toBe(expected.length);
	actual.forEach((row, i) => {
		const e = expected[i];
		expect(Object.keys(row).sort()).toEqual(Object.keys(e).sort());
		for (const [k, v] of Object.entries(row)) {
			const w = e[k];
			if (typeof v === 'number' && typeof w === 'number') {
				expect(Math.abs(v - w), `${k}: ${v} vs ${w}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(w)));
			} else expect(v, k).toEqual(w);
		}
	});
}

/** Rows in one order, whatever order the query gave them in (keys joined in the given order). */
function sorted(rows: Record<string, unknown>[], keys: string[]): Record<string, unknown>[] {
	const key = (r: Record<string, unknown>) => keys.map((k) => String(r[k] ?? '\u0000')).join('\u0001');
	return [...rows].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

/** Rows with the same keys summed into one (numbers added; a query may split a group the reference keeps whole). */
function summedBy(rows: Record<string, unknown>[], keys: string[]): Record<string, unknown>[] {
	const out = new Map<string, Record<string, unknown>>();
	for (const r of rows) {
		const k = JSON.stringify(keys.map((x) => r[x]));
		const g = out.get(k);
		if (!g) out.set(k, { ...r });
		else for (const [f, v] of Object.entries(r)) if (typeof v === 'number' && !keys.includes(f)) g[f] = (g[f] as number) + v;
	}
	return [...out.values()];
}

const sortedContacts = (rows: ContactGroupRow[]) =>
	sorted(rows as unknown as Record<string, unknown>[], ['month', 'team', 'channel', 'backorder_related', 'in_scope']);

async function filterSets(): Promise<Partial<MetricFilters>[]> {
	const v = await filterValues();
	return [
		{},
		{ segment: v.segment },
		{ region: v.region, sales_rep: v.sales_rep },
		{ category: v.category },
		{ supplier: v.supplier, segment: v.segment },
		{ customer: v.customer },
		{ customer: v.customer, category: v.category }
	];
}

// the drivers and customers queries read the scope macros and the derived tables too (issue 15)
describe('drivers and customers queries on the scope layer = the plain queries', () => {
	const periods = PERIODS.filter((_, i) => [0, 1, 3].includes(i));
	const pattern = keywordPattern(a.keywords);

	it.each(['segment', 'supplier', 'month', 'customer', 'sku'] as Dimension[])('drivers lines by %s', async (dim) => {
		let compared = 0;
		for (const [from, to] of periods) {
			for (const fs of await filterSets()) {
				const f = { from, to, ...fs } as MetricFilters;
				const params = { ...driverParams(f, pattern), by_month: linesByMonth(f, [dim]) };
				const mine = await runSql('drivers/lines', breakdownSql('lines', dim), params);
				const ref = await runSql('reference', reference('drivers_lines'), { ...filterParams(f), dim });
				if (!mine.ok || !ref.ok) throw new Error(JSON.stringify([mine, ref]));
				const got = mine.rows.map(({ member, lines, backordered_lines, backordered_value, cancelled_value }) => ({ member, lines, backordered_lines, backordered_value, cancelled_value }));
				close(sorted(got, ['member']), sorted(ref.rows, ['member']));
				compared += ref.rows.length;
			}
		}
		expect(compared).toBeGreaterThan(periods.length * 5);
	});

	it.each(['segment', 'channel', 'month', 'supplier', 'sku'] as Dimension[])('drivers contacts by %s', async (dim) => {
		let compared = 0;
		for (const [from, to] of periods) {
			for (const fs of await filterSets()) {
				const f = { from, to, ...fs } as MetricFilters;
				// as the breakdown reads them (under a product filter, two calls of the query)
				const mine = await contactsSource(dim, null, driverParams(f, pattern, splitsContacts([dim])), undefined);
				const ref = await runSql('reference', reference('drivers_contacts'), { ...filterParams(f), dim, keyword_pattern: pattern });
				if (!ref.ok) throw new Error(ref.error.message);
				const keys = ['member', 'attributed', 'in_scope', 'team', 'channel'];
				const got = summedBy(mine.map(({ member2: _m2, label: _l, ...rest }) => rest), keys);
				close(sorted(got, keys), sorted(ref.rows, keys));
				compared += ref.rows.length;
			}
		}
		expect(compared).toBeGreaterThan(periods.length * 5);
	});

	it('customers at risk under every filter kind', async () => {
		let compared = 0;
		for (const [, to] of periods) {
			for (const fs of await filterSets()) {
				const { from: _from, ...params } = { ...filterParams({ from: '', to, ...fs } as MetricFilters), keyword_pattern: pattern };
				const mine = await queryRows('customers/at_risk', params);
				const ref = await runSql('reference', reference('at_risk'), params);
				if (!ref.ok) throw new Error(ref.error.message);
				close(sorted(mine, ['customer_id']), sorted(ref.rows, ['customer_id']));
				compared += mine.length;
			}
		}
		expect(compared).toBeGreaterThan(periods.length * 5);
	});
});

describe('ledger queries on derived tables = the plain queries', () => {
	it.each(['orders', 'monthly_orders', 'open_backorders', 'contacts'])('%s under every filter kind and period shape', async (name) => {
		const v = await filterValues();
		const filterSets: Partial<MetricFilters>[] = [
			{},
			{ segment: v.segment },
			{ region: v.region, sales_rep: v.sales_rep },
			{ category: v.category },
			{ supplier: v.supplier, segment: v.segment },
			{ customer: v.customer },
			{ customer: v.customer, category: v.category },
			{ customer: 'NOBODY' }
		];
		let nonEmpty = 0;
		for (const [from, to] of PERIODS) {
			for (const f of filterSets) {
				const params = ledgerParams({ from, to, ...f } as MetricFilters, a);
				// contacts: as the summary reads them (under a product filter, two calls of the query)
				const mine = name === 'contacts' ? sortedContacts(await ledgerContacts(params)) : await queryRows(`ledger/${name}`, params);
				const ref = await runSql('reference', reference(name), params);
				if (!ref.ok) throw new Error(ref.error.message);
				close(mine, name === 'contacts' ? sortedContacts(ref.rows as unknown as ContactGroupRow[]) : (ref.rows as Record<string, unknown>[]));
				if (mine.length && Object.values(mine[0]).some((x) => typeof x === 'number' && x > 0)) nonEmpty++;
			}
		}
		// the comparison is between real figures, not between two empty answers
		expect(nonEmpty).toBeGreaterThan(PERIODS.length * 3);
	});

	it('follows a contact added outside a load (derived.contacts is rebuilt)', async () => {
		const params = ledgerParams({ from: '2026-03-01', to: '2026-03-31' } as MetricFilters, a);
		const total = async () => (await queryRows<{ contacts: number }>('ledger/contacts', params)).reduce((s, r) => s + r.contacts, 0);
		const before = await total();
		await withConnection((c) =>
			c.run(`INSERT INTO contacts (contact_id, customer_id, contact_at, team, channel, reason) VALUES ('K-NEW', 'NOBODY', '2026-03-15 10:00:00', 'service', 'phone', 'Backorder ETA?')`)
		);
		expect(await total()).toBe(before + 1);
		await withConnection((c) => c.run(`DELETE FROM contacts WHERE contact_id = 'K-NEW'`));
		expect(await total()).toBe(before);
	});

	it('follows the data: a load replaces what the derived tables were built from', async () => {
		const params = ledgerParams({ from: '2024-11-01', to: '2026-10-31' } as MetricFilters, a);
		const before = (await queryRows<{ lines: number }>('ledger/orders', params))[0].lines;
		const sample = path.join(sampleDir(), 'sample');
		const report = await ingestFolder(await getInstance(), sample);
		expect(report.ok).toBe(true);
		const after = (await queryRows<{ lines: number }>('ledger/orders', params))[0].lines;
		// the three planted lines are gone with the reload
		expect(after).toBe(before - 3);
		const ref = await runSql<{ lines: number }>('reference', reference('orders'), params);
		expect(ref.ok && ref.rows[0].lines).toBe(after);
	});
});
