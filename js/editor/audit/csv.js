// The report as CSV (RFC 4180, one row per link), and its download. Cells that a spreadsheet
// would run as a formula (post titles and URLs are the site's authors' text) are prefixed with
// an apostrophe.

/** @param {unknown} value */
export function csvCell(value) {
	let text = String(value ?? '');
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** @param {unknown[][]} records the header first */
export function toCsv(records) {
	return records.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * One record per link of every post.
 * @param {import('./scan.js').Row[]} rows
 * @param {{
 *   header: string[],
 *   category: (link: import('./classify.js').AuditLink) => string,
 *   describe: (link: import('./classify.js').AuditLink) => string,
 *   result: (row: import('./scan.js').Row) => string,
 * }} words the header's twelve titles and the report's wording
 */
export function reportCsv(rows, { header, category, describe, result }) {
	/** @type {unknown[][]} */
	const records = [header];
	for (const row of rows) {
		for (const link of row.links) {
			records.push([row.id, row.title, row.typeLabel, row.status, row.editUrl, link.href, category(link), describe(link),
				link.to ?? '', link.rel ?? '', link.target ?? '', result(row)]);
		}
	}
	return toCsv(records);
}

/**
 * Offers text as a file download (a Blob; nothing leaves the browser).
 * @param {string} text @param {string} filename
 */
export function download(text, filename) {
	// The byte order mark makes spreadsheet programs read the file as UTF-8.
	const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 0);
}
