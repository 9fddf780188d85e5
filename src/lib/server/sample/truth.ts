/**
 * Builds truth.json: the planted parameters (params.ts) next to the facts measured on the generated
 * tables by truth-sql.ts.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DelayBucket, SampleTruth } from '../../sample-truth';
import * as PARAMS from './params';
import { DECOY_WORDS, KEYWORDS } from './names';
import { KNOWN_QUERIES, TRUTH_QUERIES, truthMacros, walletTreatedSql } from './truth-sql';

type Row = Record<string, unknown>;
const BUCKETS: DelayBucket[] = ['le10', 'gt10', 'cancelled_open'];

async function rows(c: DuckDBConnection, sql: string): Promise<Row[]> {
	return (await c.runAndReadAll(sql)).getRowObjectsJson() as Row[];
}
const num = (x: unknown) => (x === null || x === undefined ? 0 : Number(x));
/** money to cents, ratios to 6 places: stable text across runs */
const money = (x: unknown) => Math.round(num(x) * 100) / 100;
const ratio = (x: unknown) => Math.round(num(x) * 1e6) / 1e6;

export async function buildTruth(c: DuckDBConnection, p: PARAMS.SampleParams): Promise<SampleTruth> {
	for (const s of truthMacros()) await c.run(s);
	const Q = TRUTH_QUERIES;
	const count = async (sql: string) => num((await rows(c, sql))[0].n);

	const [o] = await rows(c, Q.orders);
	const [m] = await rows(c, Q.margin);
	const byTeam = Object.fromEntries((await rows(c, Q.contacts)).map((r) => [r.team as string, r]));
	const [opp] = await rows(c, Q.opportunities);
	const [inv] = await rows(c, Q.inventory);
	const [rw] = await rows(c, Q.rateWindows);
	const quarters = await rows(c, Q.byQuarter);
	const top = await rows(c, Q.topSuppliers);
	const rec = Object.fromEntries((await rows(c, Q.recording)).map((r) => [r.kind as string, num(r.n)]));
	const prone = await rows(c, `SELECT supplier, prone FROM sup WHERE prone >= 1 ORDER BY prone_rank`);
	const version = String((await rows(c, 'SELECT version() AS v'))[0].v);

	// share of wallet (DESIGN §4), own implementation
	const treated = await rows(c, walletTreatedSql());
	const did = (ts: Row[]) => {
		const pre = ts.reduce((a, t) => a + num(t.pre), 0);
		if (pre <= 0) return null;
		const post = ts.reduce((a, t) => a + num(t.post), 0);
		const ctrl = ts.reduce((a, t) => a + (num(t.pre) * num(t.c_post)) / num(t.c_pre), 0) / pre;
		const planted = ts.reduce((a, t) => a + num(t.pre) * p.walletDecline[t.bucket as DelayBucket], 0) / pre;
		return { growth: post / pre, ctrl, did: post / pre - ctrl, planted };
	};
	const all = did(treated);
	const byBucket = Object.fromEntries(
		BUCKETS.map((b) => {
			const d = did(treated.filter((t) => t.bucket === b));
			return [b, d ? ratio(d.did * 100) : null];
		})
	) as Record<DelayBucket, number | null>;

	// known customers: the first treated customer whose incident caused at least two recorded contacts
	let incident: SampleTruth['known_customers']['incident'] = {
		customer_id: '', t0_month: '', bucket: 'le10', order_ids: [], caused_contact_ids: [], counted_contact_ids: []
	};
	for (const inc of treated.slice(0, 200)) {
		const orderIds = inc.order_ids as string[];
		const inList = orderIds.map((x) => `'${x}'`).join(', ');
		const contacts = await rows(c, `SELECT ct.contact_id, t.bo_related FROM ct JOIN t_contacts t USING (contact_id)
			WHERE 'SO' || lpad(ct.cause_oi::VARCHAR, 8, '0') IN (${inList}) ORDER BY ct.contact_id`);
		const counted = contacts.filter((r) => r.bo_related).map((r) => String(r.contact_id));
		if (contacts.length < 2 || counted.length < 1) continue;
		incident = {
			customer_id: String(inc.customer_id),
			t0_month: String(inc.t0_month),
			bucket: inc.bucket as DelayBucket,
			order_ids: orderIds,
			caused_contact_ids: contacts.map((r) => String(r.contact_id)),
			counted_contact_ids: counted
		};
		break;
	}
	const [nob] = await rows(c, KNOWN_QUERIES.noBackorders);
	const [ln] = await rows(c, KNOWN_QUERIES.longName);
	const [nn] = await rows(c, KNOWN_QUERIES.noNotes);

	const sizes = await rows(c, `SELECT
		(SELECT count(*) FROM x_customers) AS customers, (SELECT count(*) FROM x_products) AS products,
		(SELECT count(DISTINCT supplier) FROM x_products) AS suppliers, (SELECT count(DISTINCT category) FROM x_products) AS categories,
		(SELECT count(*) FROM rep) AS sales_reps, (SELECT count(DISTINCT order_id) FROM x_order_lines) AS orders,
		(SELECT count(*) FROM x_order_lines) AS order_lines, (SELECT count(*) FROM x_inventory_snapshots) AS inventory_snapshots,
		(SELECT count(DISTINCT snapshot_date) FROM x_inventory_snapshots) AS snapshot_dates,
		(SELECT count(*) FROM x_contacts) AS contacts, (SELECT count(*) FROM x_opportunities) AS opportunities`);
	const sz = Object.fromEntries(Object.entries(sizes[0]).map(([k, v]) => [k, num(v)])) as SampleTruth['sizes'];

	const lines = num(o.lines);
	const ordered = money(o.ordered_value);
	const baseline = money(inv.baseline);
	const period = money(inv.period);
	return {
		version: 1,
		generator: { seed: p.seed, scale: p.scale, duckdb_version: version },
		date_range: { from: PARAMS.DATA_FROM, to: PARAMS.DATA_TO },
		default_period: { from: PARAMS.PERIOD_FROM, to: PARAMS.PERIOD_TO },
		sizes: sz,
		keywords: {
			list: [...KEYWORDS],
			decoy_words: [...DECOY_WORDS],
			must_match_examples: ['ETA request', 'Asked for ETA?', 'Back-order inquiry', 'Partial ship, rest on back order', 'no_bid: allocation', 'Where is my order'],
			must_not_match_examples: ['Beta program enrollment', 'Metadata update', 'Theta series question', 'Zeta line catalog sent', 'Budget reallocation']
		},
		planted: {
			wallet: {
				decline_by_bucket: { ...p.walletDecline },
				decline_overall: all ? ratio(all.planted) : 0,
				bucket_rule:
					'bucket of the first backordered month t0: cancelled_open if any backordered line of t0 has qty_cancelled > 0 or no backorder_filled_date; else gt10 if the longest backorder_filled_date − order_date > 10 days; else le10',
				note: 'applies to every customer with a backorder, from the month after t0 on, as a factor on order quantity (prices untouched)'
			},
			lean: {
				ramp_from: PARAMS.LEAN.ramp_from,
				ramp_to: PARAMS.LEAN.ramp_to,
				cover_weeks_before: PARAMS.LEAN.cover_weeks_before,
				cover_reduction: PARAMS.LEAN.cover_reduction,
				shortage_multiplier: PARAMS.LEAN.shortage_multiplier
			},
			shortage: {
				episode_start_rate: PARAMS.SHORTAGE.episode_start_rate,
				hit_probability: PARAMS.SHORTAGE.hit_probability,
				prone_suppliers: prone.map((r) => ({ supplier: String(r.supplier), proneness: num(r.prone) }))
			}
		},
		observed: {
			backorder_rate_by_quarter: quarters.map((q) => ({
				quarter: String(q.quarter),
				lines: num(q.lines),
				backordered_lines: num(q.backordered_lines),
				rate: ratio(num(q.backordered_lines) / num(q.lines))
			})),
			backorder_rate_first_quarter: ratio(rw.first_quarter),
			backorder_rate_last_year: ratio(rw.last_year),
			lean: {
				baseline_value: baseline,
				last_year_value: period,
				inventory_reduction_pct: ratio(((baseline - period) / baseline) * 100)
			},
			top_suppliers: top.map((r) => ({ supplier: String(r.supplier), backordered_value: money(r.backordered_value), share: ratio(r.share) })),
			contacts_by_recording: {
				kw_linked: rec.kw_linked ?? 0,
				linked_only: rec.linked_only ?? 0,
				kw_unlinked: rec.kw_unlinked ?? 0,
				noise: rec.noise ?? 0,
				ordinary: rec.ordinary ?? 0
			},
			wallet: {
				treated_customers: treated.length,
				treated_by_bucket: Object.fromEntries(BUCKETS.map((b) => [b, treated.filter((t) => t.bucket === b).length])) as Record<DelayBucket, number>,
				treated_growth: ratio(all?.growth),
				control_growth: ratio(all?.ctrl),
				did_pct: ratio((all?.did ?? 0) * 100),
				did_pct_by_bucket: byBucket,
				expected_did_pct: ratio(-(all?.planted ?? 0) * 100),
				customers_never_backordered: await count(Q.neverBackordered)
			}
		},
		default_period_facts: {
			lines,
			backordered_lines: num(o.backordered_lines),
			line_fill_rate: ratio(1 - num(o.backordered_lines) / lines),
			ordered_value: ordered,
			backordered_value: money(o.backordered_value),
			value_fill_rate: ratio(1 - num(o.backordered_value) / num(o.ordered_value)),
			cancelled_value: money(o.cancelled_value),
			avg_backorder_days: ratio(o.avg_backorder_days),
			otif: ratio(o.otif),
			gross_margin: ratio(m.gross_margin),
			service_backorder_contacts: num(byTeam.service?.n),
			service_backorder_cost: money(byTeam.service?.cost),
			sales_backorder_contacts: num(byTeam.sales?.n),
			sales_backorder_minutes: num(byTeam.sales?.minutes),
			availability_lost_opportunities: num(opp.availability_lost),
			availability_lost_value: money(opp.availability_lost_value),
			won_opportunities: num(opp.won),
			lost_opportunities: num(opp.lost),
			decided_opportunities: num(opp.won) + num(opp.lost),
			inventory_baseline_value: baseline,
			inventory_period_value: period,
			snapshot_dates_in_period: num(inv.period_dates)
		},
		known_customers: {
			incident,
			no_backorders: { customer_id: String(nob?.customer_id ?? ''), lines: num(nob?.lines) },
			long_name: { customer_id: String(ln?.customer_id ?? ''), name: String(ln?.name ?? '') },
			no_notes: { customer_id: String(nn?.customer_id ?? ''), contacts: num(nn?.contacts) }
		}
	};
}
