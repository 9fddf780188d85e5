/**
 * Customers, suppliers, products and each customer's basket of SKUs. Internal tables keep integer keys
 * (ci, si, pi) and the hidden drivers of behaviour (size, cadence, discount); export-sql.ts picks the
 * canonical columns.
 */
import { DATA_FROM, LEAN, SEGMENT_MODEL, SHORTAGE, DELAY, type SampleParams } from './params';
import { sqlList, sqlNestedList, sqlString } from './random-sql';
import * as W from './names';

/** CASE over the segment for a per-segment number. */
function bySegment(f: (m: (typeof SEGMENT_MODEL)[keyof typeof SEGMENT_MODEL]) => number): string {
	const s = SEGMENT_MODEL;
	return `(CASE segment WHEN 'Strategic' THEN ${f(s.Strategic)} WHEN 'Key' THEN ${f(s.Key)} ELSE ${f(s.Core)} END)`;
}

/** ramp(d): 0 before the lean programme, 1 once it is done; linear in between. */
export function calendarMacros(): string[] {
	return [
		`CREATE OR REPLACE TEMP MACRO ramp(d) AS greatest(0.0, least(1.0,
			(d - DATE '${LEAN.ramp_from}') / (DATE '${LEAN.ramp_to}' - DATE '${LEAN.ramp_from}')::DOUBLE))`,
		`CREATE OR REPLACE TEMP MACRO years(d) AS ((d - DATE '${DATA_FROM}') / 365.0)`
	];
}

export function sellersSql(p: SampleParams): string[] {
	const R = p.sizes.reps;
	const reps = Array.from({ length: R }, (_, i) => {
		const f = W.FIRST_NAMES[i % W.FIRST_NAMES.length];
		const l = W.LAST_NAMES[(i * 13 + Math.floor(i / W.FIRST_NAMES.length)) % W.LAST_NAMES.length];
		return `${f} ${l}`;
	});
	return [`CREATE OR REPLACE TABLE rep AS SELECT i::BIGINT AS ri, ${sqlList(reps)}[i + 1] AS name FROM range(${R}) t(i)`];
}

export function customersSql(p: SampleParams): string[] {
	const C = p.sizes.customers;
	const sS = SEGMENT_MODEL.Strategic.share;
	const sK = SEGMENT_MODEL.Key.share;
	const perRegion = Math.floor(p.sizes.reps / W.REGIONS.length);
	return [
		// lines: relative ordering intensity, lognormal within segment (mean-preserving)
		`CREATE OR REPLACE TABLE cust0 AS
		WITH b AS (
			SELECT i::BIGINT AS ci,
				CASE WHEN u(i, 'segment') < ${sS} THEN 'Strategic' WHEN u(i, 'segment') < ${sS + sK} THEN 'Key' ELSE 'Core' END AS segment
			FROM range(${C}) t(i)
		)
		SELECT ci, segment,
			${bySegment((m) => m.lines)} * exp(0.45 * nrm(ci, 'lines') - 0.10125) AS lam_raw,
			${bySegment((m) => m.value)} * exp(0.4 * nrm(ci, 'value') - 0.08) AS line_value,
			greatest(1, round(${bySegment((m) => m.lines_per_order)} * exp(0.25 * nrm(ci, 'lpo'))))::INTEGER AS lpo,
			(${bySegment((m) => m.basket[0])} + floor(u(ci, 'basket') * (${bySegment((m) => m.basket[1] - m.basket[0] + 1)})))::INTEGER AS basket_target,
			${bySegment((m) => m.discount[0])} + u(ci, 'discount') * ${bySegment((m) => m.discount[1] - m.discount[0])} AS discount,
			0.04 * nrm(ci, 'trend') AS trend,
			u(ci, 'phase') AS phase,
			floor(u(ci, 'region') * ${W.REGIONS.length})::INTEGER AS region_i,
			'C' || lpad((ci + 1)::VARCHAR, 6, '0') AS customer_id,
			pick(${sqlList(W.COMPANY_FIRST)}, u(ci, 'name1')) || ' ' || pick(${sqlList(W.COMPANY_SECOND)}, u(ci, 'name2'))
				|| ' ' || pick(${sqlList(W.COMPANY_FORM)}, u(ci, 'name3')) AS plain_name,
			pick(${sqlList(W.INDUSTRIES)}, u(ci, 'industry')) AS industry,
			u(ci, 'wallet_missing') < 0.12 AS wallet_missing,
			(2 + 2 * u(ci, 'wallet')) * exp(0.15 * nrm(ci, 'wallet_noise')) AS wallet_multiple
		FROM b`,
		// Known customers for UI tests: a Strategic one gets a long name, a Key one gets no notes.
		`CREATE OR REPLACE TABLE cust AS
		SELECT c.*,
			c.ci = (SELECT min(ci) FROM cust0 WHERE segment = 'Strategic' AND ci >= ${Math.floor(C / 2)}) AS long_name,
			c.ci = (SELECT min(ci) FROM cust0 WHERE segment = 'Key' AND ci >= ${Math.floor(C / 3)}) AS no_notes,
			-- scale intensities so expected lines ≈ scale; exact DECIMAL sum keeps it identical across runs
			c.lam_raw * ${p.scale} / (24 * (SELECT sum(lam_raw::DECIMAL(18, 6)) FROM cust0)::DOUBLE) AS lam,
			(SELECT name FROM rep WHERE ri = c.region_i * ${perRegion} + floor(u(c.ci, 'rep') * ${perRegion})::INTEGER) AS sales_rep,
			${W.REGIONS.map((r, i) => `CASE WHEN c.region_i = ${i} THEN ${sqlString(r)} END`).reduce((a, b) => `coalesce(${a}, ${b})`)} AS region
		FROM cust0 c`
	];
}

export function productsSql(p: SampleParams): string[] {
	const { skus: P, suppliers: S, categories: K } = p.sizes;
	const top = SHORTAGE.top_proneness;
	return [
		`CREATE OR REPLACE TABLE sup AS
		WITH r AS (SELECT i::BIGINT AS si, row_number() OVER (ORDER BY u(i, 'prone_rank'), i) AS prone_rank FROM range(${S}) t(i))
		SELECT si, prone_rank, ${sqlList(W.SUPPLIERS)}[si + 1] AS supplier,
			(si % ${K})::INTEGER AS cat_i,
			(10 + floor(u(si, 'lead') * 70))::INTEGER AS lead_base,
			CASE ${top.map((x, i) => `WHEN prone_rank = ${i + 1} THEN ${x}`).join(' ')}
				WHEN prone_rank <= ${Math.round(S * SHORTAGE.extra_prone_per_supplier)} THEN ${SHORTAGE.extra_proneness}
				ELSE 0.15 + 0.6 * u(si, 'prone') END AS prone
		FROM r`,
		`CREATE OR REPLACE TABLE prod AS
		WITH b AS (
			SELECT i::BIGINT AS pi, floor(u(i, 'category') * ${K})::INTEGER AS cat_i FROM range(${P}) t(i)
		), s AS (
			-- a SKU's supplier is one of the suppliers of its category (supplier si serves category si % K)
			SELECT b.*, cat_i + ${K} * floor(u(pi, 'supplier') * (floor((${S} - 1 - cat_i) / ${K}) + 1))::BIGINT AS si,
				greatest(0.2, exp(ln(12) + 0.9 * nrm(pi, 'cost'))) AS cost_raw
			FROM b
		)
		SELECT s.pi, s.cat_i, s.si,
			'SKU-' || lpad((s.pi + 1)::VARCHAR, 6, '0') AS sku,
			pick(['Standard', 'Heavy-duty', 'Premium', 'Economy', 'Industrial'], u(s.pi, 'adj')) || ' '
				|| ${sqlNestedList(W.CATEGORY_NOUNS)}[s.cat_i + 1][1 + floor(u(s.pi, 'noun') * 5)::INTEGER] || ' '
				|| pick(${sqlList(W.SIZE_CODES)}, u(s.pi, 'size')) AS description,
			${sqlList(W.CATEGORIES)}[s.cat_i + 1] AS category,
			sup.supplier,
			round(s.cost_raw, 2)::DECIMAL(12, 2) AS unit_cost,
			-- list price carries a 25–40 % margin
			round(s.cost_raw, 2) / (1 - (0.25 + 0.15 * u(s.pi, 'margin'))) AS list_price,
			least(90, greatest(7, sup.lead_base + round(4 * nrm(s.pi, 'lead'))))::INTEGER AS lead_time_days,
			${DELAY.base_median_days} + ${DELAY.per_lead_time_day} * sup.lead_base AS delay_median
		FROM s JOIN sup USING (si)`
	];
}

/**
 * Each customer buys from a small basket of SKUs (popular SKUs are in more baskets), which limits how
 * many shortages a customer meets: many customers see none for months, which is what makes isolated
 * incidents and clean controls possible.
 */
export function basketSql(p: SampleParams): string[] {
	const P = p.sizes.skus;
	return [
		`CREATE OR REPLACE TABLE basket AS
		WITH raw AS (SELECT ci, unnest(range(basket_target)) AS slot FROM cust),
		picked AS (SELECT ci, slot, floor(${P} * pow(u2(ci, slot, 'basket'), 1.4))::BIGINT AS pi FROM raw),
		dedup AS (SELECT ci, pi, min(slot) AS first_slot FROM picked GROUP BY ci, pi)
		SELECT ci, pi, (row_number() OVER (PARTITION BY ci ORDER BY first_slot) - 1)::INTEGER AS slot FROM dedup`,
		`CREATE OR REPLACE TABLE cust_plan AS
		SELECT c.ci, n.basket_n, least(c.lpo, n.basket_n) AS lpo,
			greatest(2, round(24 * c.lam / least(c.lpo, n.basket_n)))::INTEGER AS n_orders
		FROM cust c JOIN (SELECT ci, count(*)::INTEGER AS basket_n FROM basket GROUP BY ci) n USING (ci)`
	];
}
