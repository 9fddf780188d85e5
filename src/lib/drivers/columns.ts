/**
 * The breakdown table's columns, shared by the page and the CSV/XLSX export so both show the same
 * figures under the same names. Pure.
 */
import type { MemberRow } from './breakdown';
import { CUSTOMER_DIMS, DIMENSION_LABELS, type Dimension } from './dimensions';

export type BreakdownColumnType = 'money' | 'number' | 'decimal' | 'text';
export interface BreakdownColumn {
	key: keyof MemberRow;
	label: string;
	type: BreakdownColumnType;
	/** shown in the on-screen table (the export has every column) */
	screen: boolean;
}

export const BREAKDOWN_COLUMNS: BreakdownColumn[] = [
	{ key: 'backordered_lines', label: 'Backordered lines', type: 'number', screen: true },
	{ key: 'backordered_value', label: 'Backordered value', type: 'money', screen: false },
	{ key: 'lines', label: 'Order lines', type: 'number', screen: false },
	{ key: 'service_contacts', label: 'Service contacts', type: 'decimal', screen: false },
	{ key: 'service_cost', label: 'Service cost', type: 'money', screen: true },
	{ key: 'sales_activities', label: 'Sales activities', type: 'decimal', screen: false },
	{ key: 'sales_hours', label: 'Sales hours', type: 'decimal', screen: false },
	{ key: 'sales_cost', label: 'Sales time', type: 'money', screen: true },
	{ key: 'sales_opportunity_cost', label: 'Selling time lost', type: 'money', screen: true },
	{ key: 'cancelled_value', label: 'Cancelled value', type: 'money', screen: false },
	{ key: 'cancelled_margin', label: 'Cancelled margin', type: 'money', screen: true },
	{ key: 'lost_deals', label: 'Deals lost', type: 'number', screen: false },
	{ key: 'lost_deal_value', label: 'Lost deal value', type: 'money', screen: false },
	{ key: 'deals_expected_lost_margin', label: 'Deals lost (exp. margin)', type: 'money', screen: true },
	{ key: 'treated_customers', label: 'Wallet: treated customers', type: 'number', screen: false },
	{ key: 'wallet_lost_margin', label: 'Share-of-wallet loss', type: 'money', screen: true },
	{ key: 'total', label: 'Total backorder cost', type: 'money', screen: true }
];

/** Export columns: the member (and a customer's name), then every figure, then its share of the total. */
export function breakdownExportColumns(dim: Dimension) {
	return [
		{ key: 'member', label: DIMENSION_LABELS[dim] },
		...(dim === 'customer' ? [{ key: 'name', label: 'Customer name' }] : []),
		...BREAKDOWN_COLUMNS.map((c) => ({ key: c.key as string, label: c.label, numFmt: c.type === 'money' ? '#,##0.00' : c.type === 'decimal' ? '0.00' : undefined })),
		{ key: 'share', label: 'Share of total', numFmt: '0.0%' }
	];
}

/** A breakdown row as an export record; a share-of-wallet loss that cannot be estimated is left empty. */
export function breakdownExportRow(r: MemberRow, total: number, walletReason: string | null = null): Record<string, unknown> {
	const out: Record<string, unknown> = {
		member: r.kind === 'unattributed' ? 'Unattributed' : r.kind === 'none' ? '(none)' : r.member,
		name: r.kind === 'member' && r.label !== r.member ? r.label : null,
		share: total > 0 ? r.total / total : null
	};
	for (const c of BREAKDOWN_COLUMNS) out[c.key] = r[c.key];
	if (walletReason) out.wallet_lost_margin = null;
	return out;
}

/**
 * Why a row's share-of-wallet loss is n/a rather than $0 (DESIGN §4), or null when it is a figure: the
 * view's own reason (the company's estimate cannot be made for the period, or none of the filtered
 * customers is among the treated: `viewReason`, as the ledger says it), else — on a customer-level
 * dimension — a member none of whose customers is among the treated: the estimate says nothing about
 * them. A product or month member without treated incidents carries a true $0.
 */
export function walletNotEstimable(dim: Dimension, row: MemberRow, viewReason: string | null): string | null {
	if (viewReason) return viewReason;
	if ((row.kind === 'member' || row.kind === 'none') && CUSTOMER_DIMS.includes(dim) && row.treated_customers === 0)
		return `no customer of this ${DIMENSION_LABELS[dim].toLowerCase()} had a first backorder in the period with six months of data before and after it, so their share-of-wallet change cannot be measured`;
	return null;
}
