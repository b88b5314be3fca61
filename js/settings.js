// Settings → Shelf: validates each tracking ID as it is typed, with the core's rules and words.
// The admin module: visitors' module (wasm/) leaves validateTag out to stay small.
import init, * as core from './wasm-admin/shelf_core.js';

/** @param {HTMLInputElement} input */
function check(input) {
	const message = document.getElementById(input.getAttribute('aria-describedby') ?? '');
	if (!message) return;
	const value = input.value;
	if (value.trim() === '') {
		message.textContent = '';
		input.removeAttribute('aria-invalid');
		return;
	}
	const result = core.validateTag(value, input.dataset.marketplace ?? '');
	message.textContent = result.ok ? result.warnings.join(' ') : result.error;
	message.classList.toggle('shelf-tag-message--error', !result.ok);
	if (result.ok) input.removeAttribute('aria-invalid');
	else input.setAttribute('aria-invalid', 'true');
}

init().then(
	() => {
		/** @type {NodeListOf<HTMLInputElement>} */
		const inputs = document.querySelectorAll('input.shelf-tag-input');
		for (const input of inputs) {
			input.addEventListener('input', () => check(input));
			check(input);
		}
	},
	(error) => console.warn('Shelf: live tracking-ID checks are unavailable.', error),
);
