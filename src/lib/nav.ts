/** The pages of DESIGN §6, in the order a user meets them. */
export const NAV = [
	{ href: '/', label: 'Ledger', hint: 'What backorders cost against what lean saved' },
	{ href: '/drivers', label: 'Cost drivers', hint: 'Where the cost comes from' },
	{ href: '/backorders', label: 'Fill queue', hint: 'Open backorders: whose to fill first, and what a week costs' },
	{ href: '/customers', label: 'Customers', hint: 'Share of wallet, lost deals, at-risk customers' },
	{ href: '/capital', label: 'Working capital', hint: 'Economic service level and inventory' },
	{ href: '/data', label: 'Data', hint: 'What is loaded and its quality' },
	{ href: '/assumptions', label: 'Assumptions', hint: 'Costs, rates and keywords' },
	{ href: '/methodology', label: 'Methodology', hint: 'Every formula and default' }
] as const;

export function isActive(href: string, pathname: string): boolean {
	return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(href + '/');
}
