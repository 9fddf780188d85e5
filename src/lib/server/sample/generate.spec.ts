import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCHEMA, TABLE_NAMES, CHANNELS } from '../../schema';
import type { SampleTruth } from '../../sample-truth';
import { generateSample } from './generate';
import { readBack, type Readback } from './csv-readback';
import { DECOY_WORDS, KEYWORDS } from './names';
import { PERIOD_FROM, PERIOD_TO, WALLET_DECLINE } from './params';

const SCALE = 80_000;
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'sample-spec-'));
const dirs: string[] = [];
let A: string, B: string, C: string;
let truth: SampleTruth;
let db: Readback;
const n = (x: unknown) => Number(x);

/** Independent of the generator's SQL regex: JS word boundaries, case-insensitive. */
const KW = new RegExp(`\\b(${KEYWORDS.map((k) => k.replace(/[-]/g, '\\-')).join('|')})\\b`, 'i');
const matches = (s: unknown) => typeof s === 'string' && KW.test(s);

beforeAll(async () => {
	[A, B, C] = [tmp(), tmp(), tmp()];
	dirs.push(A, B, C);
	truth = (await generateSample({ outDir: A, seed: 11, scale: SCALE })).truth;
	await generateSample({ outDir: B, seed: 11, scale: SCALE });
	await generateSample({ outDir: C, seed: 12, scale: SCALE });
	db = await readBack(A);
});
afterAll(() => {
	db?.close();
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('sample generator: files', () => {
	it('writes the six canonical files and truth.json (the optional shipments only in the shipments shape)', () => {
		expect(readdirSync(A).sort()).toEqual([...TABLE_NAMES.filter((t) => t !== 'shipments').map((t) => `${t}.csv`), 'truth.json'].sort());
		expect(JSON.parse(readFileSync(path.join(A, 'truth.json'), 'utf8'))).toEqual(truth);
	});

	it('is deterministic: same seed and scale give byte-identical files, another seed differs', () => {
		for (const f of readdirSync(A)) expect(readFileSync(path.join(B, f)).equals(readFileSync(path.join(A, f))), f).toBe(true);
		expect(readFileSync(path.join(C, 'order_lines.csv')).equals(readFileSync(path.join(A, 'order_lines.csv')))).toBe(false);
		expect(readFileSync(path.join(C, 'contacts.csv')).equals(readFileSync(path.join(A, 'contacts.csv')))).toBe(false);
	});

	it('headers are exactly the canonical column names, comma-delimited', () => {
		for (const t of TABLE_NAMES.filter((x) => x !== 'shipments')) {
			const first = readFileSync(path.join(A, `${t}.csv`), 'utf8').split('\n', 1)[0];
			// line_status is optional and the recorded sample has no use for it
			expect(first, t).toBe(SCHEMA[t].columns.map((c) => c.name).filter((c) => c !== 'line_status').join(','));
		}
	});

	it('dates are ISO and contact_at is an ISO timestamp', () => {
		const lines = readFileSync(path.join(A, 'contacts.csv'), 'utf8').split('\n').slice(1, 50).filter(Boolean);
		for (const l of lines) expect(l.split(',')[2]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
		const o = readFileSync(path.join(A, 'order_lines.csv'), 'utf8').split('\n')[1].split(',');
		expect(o[4]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('sizes follow the scale', () => {
		expect(truth.sizes.order_lines).toBeGreaterThan(SCALE * 0.95);
		expect(truth.sizes.order_lines).toBeLessThan(SCALE * 1.05);
		expect(truth.sizes.inventory_snapshots).toBe(truth.sizes.products * 104);
		expect(truth.sizes.suppliers).toBeGreaterThanOrEqual(15);
		expect(truth.sizes.categories).toBe(10);
		expect(truth.sizes.sales_reps).toBeGreaterThanOrEqual(20);
	});
});

describe('sample generator: every row obeys DESIGN §2', () => {
	const zero = async (sql: string) => expect(n((await db.one<{ n: unknown }>(`SELECT count(*) AS n FROM (${sql})`)).n), sql).toBe(0);

	it('keys are unique', async () => {
		await zero('SELECT customer_id FROM customers GROUP BY 1 HAVING count(*) > 1');
		await zero('SELECT sku FROM products GROUP BY 1 HAVING count(*) > 1');
		await zero('SELECT order_id, line_no FROM order_lines GROUP BY 1, 2 HAVING count(*) > 1');
		await zero('SELECT snapshot_date, sku FROM inventory_snapshots GROUP BY 1, 2 HAVING count(*) > 1');
		await zero('SELECT contact_id FROM contacts GROUP BY 1 HAVING count(*) > 1');
		await zero('SELECT opportunity_id FROM opportunities GROUP BY 1 HAVING count(*) > 1');
	});

	it('order line quantities, prices and dates are consistent', async () => {
		await zero(`SELECT * FROM order_lines WHERE NOT (qty > 0 AND unit_price >= 0 AND qty_backordered BETWEEN 0 AND qty
			AND qty_cancelled BETWEEN 0 AND qty_backordered)`);
		await zero('SELECT * FROM order_lines WHERE backorder_filled_date < order_date OR ship_date < order_date OR promised_date < order_date');
		await zero('SELECT * FROM order_lines WHERE qty_backordered = 0 AND (backorder_filled_date IS NOT NULL OR qty_cancelled > 0)');
		await zero(`SELECT * FROM order_lines WHERE order_date NOT BETWEEN DATE '${truth.date_range.from}' AND DATE '${truth.date_range.to}'
			OR backorder_filled_date > DATE '${truth.date_range.to}' OR ship_date > DATE '${truth.date_range.to}'`);
		// fully cancelled lines have no fill date
		await zero('SELECT * FROM order_lines WHERE qty_backordered > 0 AND qty_cancelled = qty_backordered AND backorder_filled_date IS NOT NULL');
		await zero('SELECT * FROM order_lines WHERE line_no IS NULL OR customer_id IS NULL OR sku IS NULL OR order_date IS NULL');
	});

	it('references resolve', async () => {
		await zero('SELECT * FROM order_lines WHERE customer_id NOT IN (SELECT customer_id FROM customers)');
		await zero('SELECT * FROM order_lines WHERE sku NOT IN (SELECT sku FROM products)');
		await zero('SELECT * FROM inventory_snapshots WHERE sku NOT IN (SELECT sku FROM products)');
		await zero('SELECT * FROM contacts WHERE customer_id NOT IN (SELECT customer_id FROM customers)');
		await zero('SELECT * FROM contacts WHERE order_id IS NOT NULL AND order_id NOT IN (SELECT order_id FROM order_lines)');
		await zero('SELECT * FROM opportunities WHERE customer_id IS NOT NULL AND customer_id NOT IN (SELECT customer_id FROM customers)');
	});

	it('other tables keep their ranges and enums', async () => {
		await zero('SELECT * FROM products WHERE unit_cost < 0 OR unit_cost IS NULL OR lead_time_days NOT BETWEEN 7 AND 90');
		await zero('SELECT * FROM inventory_snapshots WHERE on_hand_qty < 0 OR on_hand_qty IS NULL OR unit_cost < 0');
		await zero(`SELECT * FROM contacts WHERE team NOT IN ('service', 'sales') OR contact_at IS NULL
			OR (channel IS NOT NULL AND channel NOT IN (${CHANNELS.map((c) => `'${c}'`).join(', ')}))
			OR csat NOT BETWEEN 1 AND 5 OR minutes < 0`);
		await zero(`SELECT * FROM opportunities WHERE outcome NOT IN ('won', 'lost', 'no_bid') OR amount < 0 OR amount IS NULL
			OR closed_date IS NULL OR created_date > closed_date`);
		await zero(`SELECT * FROM customers WHERE segment NOT IN ('Strategic', 'Key', 'Core') OR annual_wallet < 0`);
	});

	it('has the variety a loader and the UI must handle', async () => {
		const r = await db.one<Record<string, unknown>>(`SELECT
			(SELECT count(*) FROM customers WHERE annual_wallet IS NULL) AS no_wallet,
			(SELECT count(*) FROM customers WHERE name LIKE '%,%') AS comma_names,
			(SELECT count(*) FROM contacts WHERE minutes IS NULL) AS no_minutes,
			(SELECT count(*) FROM contacts WHERE channel IS NULL) AS no_channel,
			(SELECT count(*) FROM contacts WHERE escalated) AS escalated,
			(SELECT count(*) FROM inventory_snapshots WHERE unit_cost IS NOT NULL) AS cost_overrides,
			(SELECT count(*) FROM order_lines WHERE promised_date IS NULL) AS no_promise,
			(SELECT count(*) FROM order_lines WHERE qty_backordered = 0 AND ship_date > promised_date) AS late_no_backorder,
			(SELECT count(*) FROM order_lines WHERE qty_backordered > 0 AND backorder_filled_date IS NULL AND qty_cancelled = 0) AS open_backorders,
			(SELECT count(*) FROM order_lines WHERE qty_cancelled > 0 AND qty_cancelled < qty_backordered) AS partial_cancels,
			(SELECT count(DISTINCT sales_rep) FROM customers) AS reps,
			(SELECT count(*) FROM opportunities WHERE customer_id IS NULL) AS opp_no_customer`);
		for (const [k, v] of Object.entries(r)) expect(n(v), k).toBeGreaterThan(0);
	});
});

describe('sample generator: planted effects are in the files', () => {
	it('backorders rise over time as inventory falls (lean programme)', async () => {
		const r = await db.one<{ early: number; late: number }>(`SELECT
			avg((qty_backordered > 0)::INTEGER) FILTER (order_date < DATE '2025-02-01') AS early,
			avg((qty_backordered > 0)::INTEGER) FILTER (order_date >= DATE '${PERIOD_FROM}') AS late FROM order_lines`);
		expect(r.late).toBeGreaterThan(r.early * 1.6);
		expect(r.late).toBeGreaterThan(0.04);
		expect(r.late).toBeLessThan(0.16);
		const inv = await db.one<{ base: number; last: number }>(`WITH d AS (SELECT snapshot_date, sum(on_hand_qty * coalesce(s.unit_cost, p.unit_cost)) AS v
			FROM inventory_snapshots s JOIN products p USING (sku) GROUP BY 1)
			SELECT avg(v) FILTER (snapshot_date < DATE '2025-02-01') AS base, avg(v) FILTER (snapshot_date >= DATE '${PERIOD_FROM}') AS last FROM d`);
		const cut = 1 - inv.last / inv.base;
		expect(cut).toBeGreaterThan(0.22);
		expect(cut).toBeLessThan(0.4);
		expect(truth.observed.lean.inventory_reduction_pct).toBeCloseTo(cut * 100, 4);
	});

	it('a few suppliers cause most backordered value (Pareto)', async () => {
		const s = await db.rows<{ share: number }>(`WITH v AS (SELECT supplier, sum(qty_backordered * unit_price) AS v
			FROM order_lines JOIN products USING (sku) GROUP BY 1) SELECT v / (SELECT sum(v) FROM v) AS share FROM v ORDER BY v DESC`);
		const top3 = s.slice(0, 3).reduce((a, r) => a + r.share, 0);
		expect(top3).toBeGreaterThan(0.4);
		expect(s[0].share).toBeGreaterThan(3 * s[Math.floor(s.length / 2)].share);
	});

	it('backorder delays have a long tail: ≤10 and >10 days both well populated, some cancelled or open', async () => {
		const r = await db.one<Record<string, unknown>>(`SELECT
			count(*) FILTER (backorder_filled_date - order_date <= 10) AS short, count(*) FILTER (backorder_filled_date - order_date > 10) AS long,
			count(*) FILTER (backorder_filled_date - order_date > 45) AS very_long, count(*) FILTER (backorder_filled_date IS NULL) AS unfilled,
			count(*) AS n FROM order_lines WHERE qty_backordered > 0`);
		expect(n(r.short) / n(r.n)).toBeGreaterThan(0.25);
		expect(n(r.long) / n(r.n)).toBeGreaterThan(0.25);
		expect(n(r.very_long)).toBeGreaterThan(0);
		expect(n(r.unfilled) / n(r.n)).toBeGreaterThan(0.02);
	});

	it('backorder contacts cluster on backordered orders; untagged noise and decoy words exist and do not match', async () => {
		const contacts = await db.rows<{ team: string; reason: string | null; note: string | null; order_id: string | null; bo: boolean }>(
			`SELECT c.team, c.reason, c.note, c.order_id, c.order_id IN (SELECT order_id FROM order_lines WHERE qty_backordered > 0) AS bo FROM contacts c`
		);
		const tagged = contacts.filter((c) => (matches(c.reason) || matches(c.note)) && c.order_id);
		const untaggedLinked = contacts.filter((c) => !matches(c.reason) && !matches(c.note) && c.order_id);
		const onBo = (xs: typeof contacts) => xs.filter((c) => c.bo).length / xs.length;
		expect(onBo(tagged)).toBeGreaterThan(0.95);
		expect(onBo(untaggedLinked)).toBeLessThan(onBo(tagged) - 0.2);
		// noise the ledger must not count: backorder-caused but neither tagged nor linked
		expect(contacts.filter((c) => c.reason === 'Order status' && !c.order_id && !matches(c.note)).length).toBeGreaterThan(0);
		for (const w of DECOY_WORDS) {
			const rx = new RegExp(w, 'i');
			const withDecoy = contacts.filter((c) => rx.test(c.reason ?? '') || rx.test(c.note ?? ''));
			expect(withDecoy.length, w).toBeGreaterThan(0);
			expect(withDecoy.filter((c) => matches(c.reason) || matches(c.note)).length, w).toBe(0);
		}
		// the generator's SQL keyword rule agrees with this JS one on every distinct text
		const texts = [...new Set(contacts.flatMap((c) => [c.reason, c.note]).filter((x): x is string => !!x))];
		const sqlRx = (await import('./truth-sql')).KEYWORD_PATTERN;
		for (const t of texts) expect(new RegExp(sqlRx).test(t.toLowerCase()), t).toBe(matches(t));
	});

	it('a naive before/after comparison shows the planted revenue decline after an isolated first backorder', async () => {
		// simpler than DESIGN §4 on purpose: controls = same segment, no backorder in the 13 months
		const r = await db.rows<{ segment: string; t: number; pre: number; post: number; c_pre: number; c_post: number }>(`
			WITH m AS (SELECT customer_id, datediff('month', DATE '${truth.date_range.from}', order_date) AS m,
					sum((qty - qty_cancelled) * unit_price)::DOUBLE AS rev, bool_or(qty_backordered > 0) AS bo FROM order_lines GROUP BY 1, 2),
				t0 AS (SELECT customer_id, min(m) AS t FROM m WHERE bo GROUP BY 1),
				tr AS (SELECT t0.* FROM t0 WHERE t BETWEEN 12 AND 17
					AND NOT EXISTS (SELECT 1 FROM m WHERE m.customer_id = t0.customer_id AND m.bo AND m.m BETWEEN t0.t + 1 AND t0.t + 6)),
				win AS (SELECT c.customer_id, c.segment, ts.t,
					sum(rev) FILTER (m.m BETWEEN ts.t - 6 AND ts.t - 1) AS pre, sum(rev) FILTER (m.m BETWEEN ts.t + 1 AND ts.t + 6) AS post,
					bool_or(bo) FILTER (m.m BETWEEN ts.t - 6 AND ts.t + 6) AS any_bo
					FROM customers c JOIN m USING (customer_id) CROSS JOIN (SELECT DISTINCT t FROM tr) ts GROUP BY 1, 2, 3),
				ctl AS (SELECT segment, t, sum(pre) AS c_pre, sum(post) AS c_post FROM win WHERE NOT any_bo GROUP BY 1, 2)
			SELECT w.segment, w.t, sum(w.pre) AS pre, sum(w.post) AS post, any_value(ctl.c_pre) AS c_pre, any_value(ctl.c_post) AS c_post
			FROM tr JOIN win w ON w.customer_id = tr.customer_id AND w.t = tr.t JOIN ctl ON ctl.segment = w.segment AND ctl.t = w.t
			GROUP BY 1, 2`);
		const pre = r.reduce((a, x) => a + x.pre, 0);
		const treatedGrowth = r.reduce((a, x) => a + x.post, 0) / pre;
		const controlGrowth = r.reduce((a, x) => a + (x.pre * x.c_post) / x.c_pre, 0) / pre;
		const decline = 1 - treatedGrowth / controlGrowth;
		expect(decline).toBeGreaterThan(WALLET_DECLINE.le10 - 0.05);
		expect(decline).toBeLessThan(WALLET_DECLINE.cancelled_open);
		expect(truth.observed.wallet.treated_customers).toBeGreaterThan(30);
		expect(truth.observed.wallet.did_pct).toBeLessThan(-5);
	});

	it('prices do not carry the effect: the same SKU costs the same before and after an incident', async () => {
		// average price per SKU and year drifts by inflation only (≈2.5 %/year), for all customers alike
		const r = await db.one<{ drift: number }>(`SELECT avg(p26 / p25 - 1) AS drift FROM (
			SELECT sku, avg(unit_price) FILTER (year(order_date) = 2025) AS p25, avg(unit_price) FILTER (year(order_date) = 2026) AS p26
			FROM order_lines JOIN customers USING (customer_id) WHERE segment = 'Core' GROUP BY 1) WHERE p25 > 0 AND p26 > 0`);
		expect(r.drift).toBeGreaterThan(0);
		expect(r.drift).toBeLessThan(0.06);
	});
});

describe('sample generator: truth.json equals an independent recount of the files', () => {
	const P = `BETWEEN DATE '${PERIOD_FROM}' AND DATE '${PERIOD_TO}'`;

	it('order facts', async () => {
		const r = await db.one<Record<string, unknown>>(`SELECT count(*) AS lines, count(*) FILTER (qty_backordered > 0) AS bo,
			sum(qty * unit_price)::DOUBLE AS ordered, sum(qty_backordered * unit_price)::DOUBLE AS bov, sum(qty_cancelled * unit_price)::DOUBLE AS canc
			FROM order_lines WHERE order_date ${P}`);
		const f = truth.default_period_facts;
		expect(f.lines).toBe(n(r.lines));
		expect(f.backordered_lines).toBe(n(r.bo));
		expect(f.ordered_value).toBeCloseTo(n(r.ordered), 1);
		expect(f.backordered_value).toBeCloseTo(n(r.bov), 1);
		expect(f.cancelled_value).toBeCloseTo(n(r.canc), 1);
	});

	it('backorder-related contacts and deals by the §3 rule', async () => {
		const cs = await db.rows<{ team: string; reason: string | null; note: string | null; bo: boolean }>(`SELECT team, reason, note,
			coalesce(order_id IN (SELECT order_id FROM order_lines WHERE qty_backordered > 0), false) AS bo
			FROM contacts WHERE contact_at::DATE ${P}`);
		const related = cs.filter((c) => c.bo || matches(c.reason) || matches(c.note));
		expect(truth.default_period_facts.service_backorder_contacts).toBe(related.filter((c) => c.team === 'service').length);
		expect(truth.default_period_facts.sales_backorder_contacts).toBe(related.filter((c) => c.team === 'sales').length);
		const os = await db.rows<{ outcome: string; loss_reason: string | null; note: string | null; amount: number }>(
			`SELECT outcome, loss_reason, note, amount::DOUBLE AS amount FROM opportunities WHERE closed_date ${P}`
		);
		const lost = os.filter((o) => o.outcome !== 'won' && (matches(o.loss_reason) || matches(o.note)));
		expect(truth.default_period_facts.availability_lost_opportunities).toBe(lost.length);
		expect(truth.default_period_facts.availability_lost_value).toBeCloseTo(lost.reduce((a, o) => a + o.amount, 0), 1);
		expect(truth.default_period_facts.won_opportunities).toBe(os.filter((o) => o.outcome === 'won').length);
		expect(truth.default_period_facts.decided_opportunities).toBe(os.filter((o) => o.outcome !== 'no_bid').length);
	});

	it('inventory values', async () => {
		const r = await db.one<{ base: number; period: number }>(`WITH d AS (SELECT snapshot_date, sum(on_hand_qty * coalesce(s.unit_cost, p.unit_cost))::DOUBLE AS v
			FROM inventory_snapshots s JOIN products p USING (sku) GROUP BY 1)
			SELECT avg(v) FILTER (snapshot_date < (SELECT min(snapshot_date) FROM d) + 90) AS base, avg(v) FILTER (snapshot_date ${P}) AS period FROM d`);
		expect(truth.default_period_facts.inventory_baseline_value).toBeCloseTo(r.base, 1);
		expect(truth.default_period_facts.inventory_period_value).toBeCloseTo(r.period, 1);
	});

	it('known customers are what they claim', async () => {
		const k = truth.known_customers;
		const inc = k.incident;
		expect(inc.customer_id).toMatch(/^C\d+$/);
		const boOrders = await db.rows<{ order_id: string; month: string }>(`SELECT DISTINCT order_id, strftime(order_date, '%Y-%m') AS month
			FROM order_lines WHERE customer_id = '${inc.customer_id}' AND qty_backordered > 0 ORDER BY 1`);
		expect(boOrders[0].month).toBe(inc.t0_month);
		expect(boOrders.filter((o) => o.month === inc.t0_month).map((o) => o.order_id)).toEqual(inc.order_ids);
		expect(inc.caused_contact_ids.length).toBeGreaterThanOrEqual(2);
		const counted = await db.rows<{ contact_id: string; customer_id: string }>(
			`SELECT contact_id, customer_id FROM contacts WHERE contact_id IN (${inc.counted_contact_ids.map((x) => `'${x}'`).join(', ')})`
		);
		expect(counted.length).toBe(inc.counted_contact_ids.length);
		for (const c of counted) expect(c.customer_id).toBe(inc.customer_id);

		const nb = await db.one<{ bo: unknown; lines: unknown }>(`SELECT count(*) FILTER (qty_backordered > 0) AS bo, count(*) AS lines
			FROM order_lines WHERE customer_id = '${k.no_backorders.customer_id}'`);
		expect(n(nb.bo)).toBe(0);
		expect(n(nb.lines)).toBe(k.no_backorders.lines);
		const ln = await db.one<{ name: string }>(`SELECT name FROM customers WHERE customer_id = '${k.long_name.customer_id}'`);
		expect(ln.name).toBe(k.long_name.name);
		expect(ln.name.length).toBeGreaterThan(80);
		const nn = await db.one<{ n: unknown; notes: unknown }>(`SELECT count(*) AS n, count(note) AS notes FROM contacts WHERE customer_id = '${k.no_notes.customer_id}'`);
		expect(n(nn.n)).toBe(k.no_notes.contacts);
		expect(n(nn.n)).toBeGreaterThan(0);
		expect(n(nn.notes)).toBe(0);
	});
});
