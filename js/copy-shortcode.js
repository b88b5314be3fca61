// Shelf → Tables: a "Copy" button (data-shelf-copy = the id of its row's read-only shortcode
// field) copies the shortcode and announces the result in the screen's live region, whose data
// attributes carry the translated words (php/admin/class-tables-list.php): script modules have
// no script translations in WordPress 6.8. Buttons are real <button>s, so keyboards work.

const live = document.getElementById('shelf-copy-status');

/**
 * Says something in the live region; emptied first so that the same words twice are read twice.
 * @param {string} text
 */
function announce(text) {
	if (!live) return;
	live.textContent = '';
	setTimeout(() => {
		live.textContent = text;
	}, 50);
}

/**
 * Copies a field's text: the Clipboard API where the page is a secure context, else the
 * selection and the older copy command.
 * @param {HTMLInputElement} input
 */
async function copy(input) {
	try {
		await navigator.clipboard.writeText(input.value);
		return true;
	} catch {
		input.select();
		try {
			return document.execCommand('copy');
		} catch {
			return false;
		}
	}
}

document.addEventListener('click', async (event) => {
	const button = event.target instanceof Element ? event.target.closest('button[data-shelf-copy]') : null;
	if (!(button instanceof HTMLButtonElement)) return;
	const input = document.getElementById(button.dataset.shelfCopy ?? '');
	if (!(input instanceof HTMLInputElement)) return;
	const copied = await copy(input);
	if (!copied) {
		// Selected, so the keyboard shortcut the message names copies it.
		input.focus();
		input.select();
	}
	announce((copied ? live?.dataset.copied : live?.dataset.failed) ?? '');
});

// Focusing a shortcode field selects it whole, ready to copy by keyboard.
document.addEventListener('focusin', (event) => {
	if (event.target instanceof HTMLInputElement && event.target.classList.contains('shelf-shortcode')) {
		event.target.select();
	}
});
