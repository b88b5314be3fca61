// Shelf → Products, the manual product form (php/admin/class-products-page.php): a pasted
// Amazon link becomes its ASIN, decided by the admin core (the server never guesses which URLs
// are Amazon's), and the image comes from the Media Library (wp.media). The form's data
// attributes carry the core's URL, the link options and the translated words: script modules
// have no script translations in WordPress 6.8. Without this script the ASIN is typed.

const form = /** @type {HTMLFormElement | null} */ (document.getElementById('shelf-product-form'));

/** @type {Promise<any> | undefined} */
let ready;

/** The admin core, fetched and compiled on first use. @param {string} url */
function loadCore(url) {
	ready ??= import(/* @vite-ignore */ url).then(async (core) => {
		await core.default();
		return core;
	});
	return ready;
}

/**
 * The ASIN and store a pasted text names: an Amazon product link, or an ASIN tried as the
 * default store's product link; null when it names neither.
 * @param {any} core @param {string} text @param {any} links @param {string} market
 * @returns {{ asin: string, market: string } | null}
 */
function recognise(core, text, links, market) {
	if (text === '' || /\s/.test(text)) return null;
	for (const href of [text, `https://${market}/dp/${encodeURIComponent(text)}`]) {
		const outcome = core.processHref(href, links);
		if (outcome.asin) return { asin: outcome.asin, market: outcome.marketplace ?? market };
		if (outcome.outcome !== 'notAmazon') break;
	}
	return null;
}

/** Fills a "%1$s … %2$s" template. @param {string} template @param {string[]} values */
function fill(template, values) {
	return values.reduce((text, value, i) => text.replace(`%${i + 1}$s`, value), template);
}

if (form) {
	const { dataset } = form;
	const asin = /** @type {HTMLInputElement} */ (document.getElementById('shelf-product-asin'));
	const status = /** @type {HTMLElement} */ (document.getElementById('shelf-product-asin-status'));
	const links = JSON.parse(dataset.links ?? '{}');

	// On leaving the field (and so before submitting by keyboard or mouse): a link becomes its ASIN.
	const resolve = async () => {
		const text = asin.value.trim();
		if (text === '' || /^[A-Za-z0-9]{10}$/.test(text)) {
			status.textContent = '';
			return;
		}
		try {
			const found = recognise(await loadCore(dataset.wasm ?? ''), text, links, dataset.market ?? '');
			if (found) {
				asin.value = found.asin;
				status.textContent = fill(dataset.found ?? '', [found.asin, found.market]);
			} else {
				status.textContent = dataset.notFound ?? '';
			}
		} catch (error) {
			console.warn('Shelf: the link could not be read', error);
		}
	};
	asin.addEventListener('change', resolve);
	form.addEventListener('submit', async (event) => {
		if (/^[A-Za-z0-9]{10}$/.test(asin.value.trim())) return;
		event.preventDefault();
		await resolve();
		form.submit();
	});

	const image = /** @type {HTMLInputElement} */ (document.getElementById('shelf-product-image'));
	const preview = /** @type {HTMLElement} */ (document.getElementById('shelf-product-image-preview'));
	const pick = /** @type {HTMLButtonElement} */ (document.getElementById('shelf-product-image-pick'));
	const clear = /** @type {HTMLButtonElement} */ (document.getElementById('shelf-product-image-clear'));
	/** @type {any} */
	let frame;
	pick.addEventListener('click', () => {
		const media = /** @type {any} */ (window).wp?.media;
		if (!media) return;
		frame ??= media({ title: dataset.pick, button: { text: dataset.use }, library: { type: 'image' }, multiple: false });
		frame.off('select');
		frame.on('select', () => {
			const chosen = frame.state().get('selection').first().toJSON();
			image.value = String(chosen.id);
			const img = document.createElement('img');
			img.src = chosen.sizes?.thumbnail?.url ?? chosen.url;
			img.alt = '';
			img.width = 150;
			preview.replaceChildren(img);
			clear.hidden = false;
			pick.focus();
		});
		frame.open();
	});
	clear.addEventListener('click', () => {
		image.value = '0';
		preview.replaceChildren();
		clear.hidden = true;
		pick.focus();
	});
}
