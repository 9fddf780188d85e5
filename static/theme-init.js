// Apply the saved or system theme before first paint, so dark users never see a white flash.
// A file rather than an inline script so the Content-Security-Policy needs no 'unsafe-inline' for scripts.
(function () {
	try {
		var t = localStorage.getItem('ledger-theme');
		if (t !== 'light' && t !== 'dark') t = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
		document.documentElement.dataset.theme = t;
	} catch (e) {}
})();
