// Settings → Shelf, product data status: "Test connection" and "Refresh now" POST to the admin
// REST routes with the REST nonce and write the answer as text (never as HTML). The panel's
// data attributes carry the routes' base URL, the nonce and the translated words
// (php/class-status-panel.php): script modules have no script translations in WordPress 6.8.

/**
 * The summary of a refresh as the admin/refresh route answers it.
 * @typedef {{ requests: number, items: number, unavailable: number, lists: number, errors: number, stopped?: string | null, more_due?: boolean }} RefreshSummary
 */

/**
 * Fills a translated template's placeholders as PHP's sprintf would: `%s`, `%d` in turn, or
 * numbered (`%1$s`, `%2$d`), which translators may reorder.
 * @param {string} template @param {...(string | number)} values
 */
function format(template, ...values) {
	let next = 0;
	return template.replace(/%(?:(\d+)\$)?[sd]/g, (_, n) => String(values[n ? Number(n) - 1 : next++] ?? ''));
}

const box = document.querySelector('.shelf-status-actions');
const out = document.querySelector('.shelf-status-result');
const select = box?.querySelector('select');
if (box instanceof HTMLElement && out && select) {
	/** @type {{ working: string, summary: string, stopped: string, more: string }} */
	const words = JSON.parse(box.dataset.strings ?? '{}');
	box.addEventListener('click', async (event) => {
		const button = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
		if (!(button instanceof HTMLButtonElement)) return;
		button.disabled = true;
		out.textContent = words.working;
		try {
			const response = await fetch((box.dataset.rest ?? '') + button.dataset.action, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'X-WP-Nonce': box.dataset.nonce ?? '' },
				credentials: 'same-origin',
				body: JSON.stringify({ market: select.value }),
			});
			/** @type {{ message?: string } & Partial<RefreshSummary>} */
			const data = await response.json();
			if (!response.ok) out.textContent = data.message || String(response.status);
			else if (data.message) out.textContent = data.message;
			else {
				const summary = /** @type {RefreshSummary} */ (data);
				out.textContent = format(
					words.summary,
					summary.requests,
					summary.items,
					summary.unavailable,
					summary.lists,
					summary.errors,
					summary.stopped ? format(words.stopped, summary.stopped) : '',
					summary.more_due ? words.more : '',
				);
			}
		} catch (error) {
			out.textContent = String(error);
		} finally {
			button.disabled = false;
		}
	});
}
