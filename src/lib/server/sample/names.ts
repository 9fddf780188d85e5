/**
 * Word lists for names and free text. Kept apart from the SQL so the wording of contacts (which the
 * keyword rule of DESIGN §3 reads) can be reviewed in one place.
 */
import { DEFAULT_KEYWORDS } from '../../metrics/keywords';

/**
 * DESIGN §3 default keyword list — the app's own definition. The generator's truth counts match it with
 * their own regex (truth-sql.ts), so the recount stays independent of the ledger's matching code.
 */
export const KEYWORDS = DEFAULT_KEYWORDS;

/** Words planted in non-backorder text that contain a keyword only as a substring (must NOT match). */
export const DECOY_WORDS = ['beta', 'metadata', 'theta', 'zeta', 'reallocation'] as const;

export const REGIONS = ['North', 'South', 'East', 'West', 'Central'];
export const INDUSTRIES = [
	'Manufacturing', 'Construction', 'Food & Beverage', 'Healthcare', 'Automotive', 'Utilities',
	'Education', 'Hospitality', 'Logistics', 'Government', 'Mining', 'Agriculture'
];
export const FIRST_NAMES = [
	'Ava', 'Liam', 'Noah', 'Emma', 'Olivia', 'Mateo', 'Sophia', 'Ethan', 'Mia', 'Lucas', 'Amara', 'Hiro',
	'Priya', 'Diego', 'Chloe', 'Omar', 'Grace', 'Wei', 'Nora', 'Samuel', 'Leah', 'Kofi', 'Isla', 'Ravi',
	'Elena', 'Jonas', 'Fatima', 'Marcus', 'Yuki', 'Daniel'
];
export const LAST_NAMES = [
	'Patel', 'Nguyen', 'Garcia', 'Smith', 'Okafor', 'Kim', 'Müller', 'Rossi', 'Johnson', 'Silva', 'Chen',
	'Haddad', 'Kowalski', 'Brown', 'Tanaka', 'Lopez', "O'Brien", 'Novak', 'Williams', 'Singh', 'Fischer',
	'Mensah', 'Andersson', 'Dubois', 'Reyes', 'Cohen', 'Ivanova', 'Walker', 'Moreau', 'Sato'
];
export const COMPANY_FIRST = [
	'Acme', 'Summit', 'Pioneer', 'Harbor', 'Granite', 'Bluewater', 'Cedar', 'Ironwood', 'Northstar', 'Redline',
	'Silverline', 'Keystone', 'Riverside', 'Lakeshore', 'Prairie', 'Frontier', 'Evergreen', 'Atlas', 'Beacon',
	'Cobalt', 'Delta', 'Eagle', 'Falcon', 'Gateway', 'Highland', 'Liberty', 'Meridian', 'Oakridge', 'Pinnacle',
	'Quarry', 'Sterling', 'Tristate', 'Union', 'Vanguard', 'Westfield', 'Yellowstone', 'Copper', 'Alpine',
	'Coastal', 'Heritage'
];
export const COMPANY_SECOND = [
	'Manufacturing', 'Fabrication', 'Foods', 'Builders', 'Health', 'Motors', 'Energy', 'Services', 'Logistics',
	'Plastics', 'Metalworks', 'Packaging', 'Labs', 'Mechanical', 'Controls', 'Engineering', 'Facilities',
	'Hospitality', 'Machining', 'Water', 'Power', 'Textiles', 'Systems', 'Dairy', 'Construction'
];
export const COMPANY_FORM = ['Inc.', 'LLC', 'Co.', 'Corp.', 'Group', 'Ltd.', '& Sons', 'Partners'];

/** The planted long customer name, for UI truncation tests. */
export const LONG_NAME =
	'The Consolidated Northern Precision Manufacturing & Industrial Maintenance Cooperative of Greater Lakeshore, LLC';

export const CATEGORIES = [
	'Fasteners', 'Electrical', 'Plumbing', 'Safety', 'Hand Tools', 'Adhesives', 'Packaging', 'HVAC',
	'Abrasives', 'Lighting'
];
/** per category: product nouns for descriptions */
export const CATEGORY_NOUNS = [
	['Hex bolt', 'Lock nut', 'Flat washer', 'Wood screw', 'Anchor'],
	['Circuit breaker', 'Cable tie', 'Junction box', 'Wire connector', 'Conduit'],
	['Ball valve', 'Pipe fitting', 'PVC elbow', 'Pressure gauge', 'Hose clamp'],
	['Nitrile glove', 'Safety glasses', 'Hard hat', 'Ear plug', 'Hi-vis vest'],
	['Socket set', 'Screwdriver', 'Utility knife', 'Wrench', 'Tape measure'],
	['Epoxy', 'Thread locker', 'Silicone sealant', 'Duct tape', 'Spray adhesive'],
	['Stretch film', 'Corrugated box', 'Packing tape', 'Poly bag', 'Pallet wrap'],
	['Air filter', 'Fan belt', 'Thermostat', 'Blower motor', 'Refrigerant'],
	['Sanding disc', 'Grinding wheel', 'Flap disc', 'Cut-off wheel', 'Wire brush'],
	['LED tube', 'High bay light', 'Flood light', 'Exit sign', 'Lamp ballast']
];
export const SIZE_CODES = ['S', 'M', 'L', 'XL', '1/4"', '3/8"', '1/2"', 'M8', 'M10', '24 pk', '100 pk', '5 gal'];
export const SUPPLIERS = [
	'Apex Industrial', 'Brightway Components', 'Crestline Manufacturing', 'Dunmore Supply', 'Everline Products',
	'Foxridge Tools', 'Goldcrest Electric', 'Hollis & Grant', 'Ironbridge Fastening', 'Jasper Safety',
	'Kestrel Packaging', 'Lumen Works', 'Marlow Chemical', 'Norgate Plumbing', 'Orchard Abrasives',
	'Pembrook HVAC', 'Quillon Industries', 'Ridgeway Metals', 'Sablewood Supply', 'Trident Controls',
	'Upland Polymers', 'Vireo Lighting', 'Westbrook Fittings', 'Xeno Tech', 'Yardley Products',
	'Zenith Tooling', 'Ashford Electric', 'Boulder Safety', 'Calder Packaging', 'Driftwood Adhesives',
	'Elmstead Valves', 'Fairmont Fasteners', 'Glenrock HVAC', 'Hartwell Abrasives', 'Inglewood Lighting',
	'Juniper Tools', 'Kingsway Plumbing', 'Larchmont Supply', 'Mossgrove Components', 'Newhaven Industrial'
];
export const COMPETITORS = ['Fastline Supply', 'Midstate Industrial', 'Orion Distribution', 'Keystone Parts Co', 'Redwood MRO'];

// ---- contact and opportunity wording (DESIGN §3 reads these) ----

/** backorder-caused, tagged by a keyword in the reason */
export const SERVICE_BO_REASONS = ['Backorder status', 'ETA request', 'Out of stock', 'Back-order inquiry', 'Shortage follow-up', 'Where is my order'];
export const SERVICE_BO_NOTES = [null, 'Customer asked for ETA on remaining qty', 'Asked for ETA?', 'Wants the delayed shipment expedited', 'Partial ship, rest on back order', null];
export const SALES_BO_REASONS = ['Expedite request', 'Allocation call', 'Availability check', 'Lead time update', 'Stockout follow-up'];
export const SALES_BO_NOTES = ['Called supplier about shortage', 'Chasing stock for customer', null, 'Rep checking ETA with buyer'];
/** backorder-caused, linked to the order but worded without any keyword */
export const LINKED_ONLY_REASONS = ['Order inquiry', 'Follow-up', null, 'Account review', 'General'];
export const LINKED_ONLY_NOTES = [null, 'Follow-up call', 'Customer called back', 'See order'];
/** backorder-caused, not linked, keyword only in the note */
export const UNLINKED_KW_REASONS = ['Order status', 'General', null];
export const UNLINKED_KW_NOTES = ['Customer asked for ETA', 'Out of stock on last order', 'Asked when the back-order ships'];
/** backorder-caused but invisible to the ledger: no keyword, no order link (noise the ledger must not count) */
export const NOISE_REASON = 'Order status';
export const NOISE_NOTES = [null, 'Called about open order'];

/** ordinary contacts: never contain a keyword as a whole word (but contain decoys like beta/metadata) */
export const SERVICE_ORDINARY_REASONS = [
	'Billing question', 'Invoice copy', 'Return request', 'Product question', 'Beta program enrollment',
	'Metadata update', 'Theta series question', 'Account update', 'Delivery confirmation', 'Pricing question',
	'Credit memo', 'Portal login help'
];
export const SERVICE_ORDINARY_NOTES = [
	null, null, null, 'Customer asked about invoice', 'Enrolled in beta program', 'Updated product metadata on account',
	'Question about theta-series valve', 'Return label sent', 'Zeta line catalog sent', 'Budget reallocation next quarter'
];
export const SALES_ORDINARY_REASONS = [
	'Quarterly business review', 'New product pitch', 'Quote follow-up', 'Beta program demo', 'Contract renewal',
	'Site visit', 'Pricing negotiation'
];
export const SALES_ORDINARY_NOTES = [null, null, 'Discussed beta pricing', 'Left samples', 'Sent quote', 'Reviewed metadata for catalog'];

export const OPP_AVAILABILITY_LOST = ['Lead time too long', 'Out of stock', 'Competitor had availability', 'Supplier allocation'];
export const OPP_AVAILABILITY_NO_BID = ['no_bid: allocation', 'Could not commit lead time'];
export const OPP_OTHER_LOST = ['Price', 'Relationship', 'Features', 'Budget reallocation', 'Beta features missing'];
export const OPP_OTHER_NO_BID = ['Outside our range', 'Customer requirements', 'Timeline'];
