// Brings a live element's content to new markup by changing only what differs. The preview
// re-renders on every key: replacing the whole table would rebuild every image and cell each
// time (most of an edit's cost); a typed caption should change one text node.

/**
 * @param {Element} live the element whose children are updated
 * @param {string} html the markup its children should serialise to
 */
export function morph(live, html) {
	const template = document.createElement('template'); // inert: parsing loads nothing
	template.innerHTML = html;
	patch(live, template.content);
}

/** @param {Node} live @param {Node} next */
function patch(live, next) {
	const doc = /** @type {Document} */ (live.ownerDocument);
	let l = live.firstChild;
	for (let n = next.firstChild; n; n = n.nextSibling) {
		if (!l) {
			live.appendChild(doc.importNode(n, true));
			continue;
		}
		if (l.nodeType !== n.nodeType || l.nodeName !== n.nodeName) {
			const fresh = doc.importNode(n, true);
			live.replaceChild(fresh, l);
			l = fresh;
		} else if (n.nodeType === Node.ELEMENT_NODE) {
			attributes(/** @type {Element} */ (l), /** @type {Element} */ (n));
			patch(l, n);
		} else if (l.nodeValue !== n.nodeValue) {
			l.nodeValue = n.nodeValue;
		}
		l = l.nextSibling;
	}
	while (l) {
		const extra = l;
		l = l.nextSibling;
		extra.remove();
	}
}

/** @param {Element} live @param {Element} next */
function attributes(live, next) {
	for (let i = 0; i < next.attributes.length; i++) {
		const { name, value } = next.attributes[i];
		if (live.getAttribute(name) !== value) live.setAttribute(name, value);
	}
	if (live.attributes.length === next.attributes.length) return;
	for (let i = live.attributes.length - 1; i >= 0; i--) {
		const { name } = live.attributes[i];
		if (!next.hasAttribute(name)) live.removeAttribute(name);
	}
}
