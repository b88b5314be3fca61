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
		if (l.nodeType !== n.nodeType || l.nodeName !== n.nodeName || (n.nodeType === Node.ELEMENT_NODE && !sameNames(/** @type {Element} */ (l), /** @type {Element} */ (n)))) {
			// A different node, or attributes added or removed: take the new one whole, so the
			// markup serialises exactly as the new HTML (attribute order included).
			const fresh = doc.importNode(n, true);
			live.replaceChild(fresh, l);
			l = fresh;
		} else if (n.nodeType === Node.ELEMENT_NODE) {
			const [le, ne] = [/** @type {Element} */ (l), /** @type {Element} */ (n)];
			for (let i = 0; i < ne.attributes.length; i++) {
				const { name, value } = ne.attributes[i];
				if (le.getAttribute(name) !== value) le.setAttribute(name, value);
			}
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

/** Whether two elements have the same attribute names in the same order. @param {Element} a @param {Element} b */
function sameNames(a, b) {
	if (a.attributes.length !== b.attributes.length) return false;
	for (let i = 0; i < a.attributes.length; i++) if (a.attributes[i].name !== b.attributes[i].name) return false;
	return true;
}
