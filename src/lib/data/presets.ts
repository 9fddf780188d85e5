/**
 * Mappings that ship with the app, matched by header signature like saved ones. The SAP EPM sample
 * exports (../shared/samples/sap-epm): order lines from SalesOrderItems joined to SalesOrders, products
 * from Products, customers from BusinessPartners. What they cannot provide is stated in `limitations`.
 */
import { headerSignature, type SavedMapping } from './mapping';

const SAP_ITEMS = ['SALESORDERID', 'SALESORDERITEM', 'PRODUCTID', 'NOTEID', 'CURRENCY', 'GROSSAMOUNT', 'NETAMOUNT', 'TAXAMOUNT', 'ITEMATPSTATUS', 'OPITEMPOS', 'QUANTITY', 'QUANTITYUNIT', 'DELIVERYDATE'];
const SAP_ORDERS = ['SALESORDERID', 'CREATEDBY', 'CREATEDAT', 'CHANGEDBY', 'CHANGEDAT', 'FISCALYEARVARIANT', 'FISCALYEARPERIOD', 'NOTEID', 'PARTNERID', 'SALESORG', 'CURRENCY', 'GROSSAMOUNT', 'NETAMOUNT', 'TAXAMOUNT', 'LIFECYCLESTATUS', 'BILLINGSTATUS', 'DELIVERYSTATUS'];
const SAP_PRODUCTS = ['PRODUCTID', 'TYPECODE', 'PRODUCTCATEGORYID', 'LANGUAGE', 'SUPPLIER_PARTNERID', 'TAXTARIFFCODE', 'QUANTITYUNIT', 'WEIGHTMEASURE', 'WEIGHTUNIT', 'CURRENCY', 'PRICE', 'WIDTH', 'DEPTH', 'HEIGHT', 'DIMENSIONUNIT', 'CREATEDBY', 'CREATEDAT', 'CHANGEDBY', 'CHANGEDAT', 'PRODUCTPICURL'];
const SAP_PARTNERS = ['PARTNERID', 'PARTNERROLE', 'EMAILADDRESS', 'PHONENUMBER', 'FAXNUMBER', 'WEBADDRESS', 'ADDRESSID', 'COMPANYNAME', 'LEGALFORM', 'CREATEDBY', 'CREATEDAT', 'CHANGEDBY', 'CHANGEDAT', 'CURRENCY'];

/** The SAP EPM sample's headers (for specs and the docs). */
export const SAP_HEADERS = { SalesOrderItems: SAP_ITEMS, SalesOrders: SAP_ORDERS, Products: SAP_PRODUCTS, BusinessPartners: SAP_PARTNERS };

const col = (column: string, extra: object = {}) => ({ kind: 'column' as const, source: { column }, ...extra });
const hdr = (column: string, extra: object = {}) => ({ kind: 'column' as const, source: { column, from: 'lookup' as const }, ...extra });

export const PRESETS: readonly SavedMapping[] = [
	{
		name: 'SAP EPM sales order items + sales orders',
		table: 'order_lines',
		signature: headerSignature(SAP_ITEMS),
		lookup: { signature: headerSignature(SAP_ORDERS), on: 'SALESORDERID', key: 'SALESORDERID' },
		columns: {
			order_id: col('SALESORDERID'),
			line_no: col('SALESORDERITEM'),
			customer_id: hdr('PARTNERID'),
			sku: col('PRODUCTID'),
			order_date: hdr('CREATEDAT', { date: 'ymd8' }),
			promised_date: col('DELIVERYDATE', { date: 'ymd8' }),
			qty: col('QUANTITY', { decimalComma: true }),
			unit_price: { kind: 'divide', numerator: { column: 'NETAMOUNT' }, denominator: { column: 'QUANTITY' }, decimalComma: true }
		},
		limitations: [
			'No backorder quantities, shipments or ship dates: SAP EPM sales orders do not record what was unavailable or when it shipped, so every line counts as filled in full and the ledger says it has no backorder source (load the deliveries as shipments to derive them).',
			'No backorder fill dates; DELIVERYDATE is taken as the promised date.',
			'Unit price is the net amount of the item divided by its quantity.',
			'Items whose order is missing from SalesOrders have no customer or order date and are rejected.'
		]
	},
	{
		name: 'SAP EPM products',
		table: 'products',
		signature: headerSignature(SAP_PRODUCTS),
		columns: {
			sku: col('PRODUCTID'),
			category: col('PRODUCTCATEGORYID'),
			supplier: col('SUPPLIER_PARTNERID'),
			unit_cost: col('PRICE')
		},
		limitations: [
			'No unit cost: the export has only the list price, which is loaded as unit_cost (holding values are overstated by the margin).',
			'No descriptions or lead times.'
		]
	},
	{
		name: 'SAP EPM business partners',
		table: 'customers',
		signature: headerSignature(SAP_PARTNERS),
		columns: {
			customer_id: col('PARTNERID'),
			name: col('COMPANYNAME')
		},
		limitations: ['No segment, region, industry, sales rep or wallet estimate; suppliers (partner role 1) load as customers too.']
	}
];
