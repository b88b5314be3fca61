// Bundles the editor and admin UIs (js/editor/*.jsx) the way WordPress expects: `@wordpress/*`,
// React and the JSX runtime stay external (`wp.*` globals WordPress already loads), and each
// entry gets a `<name>.asset.php` listing the script handles it needs and a content hash as
// version, the same output as @wordpress/scripts (see BENCHMARKS.md for why esbuild).
// Usage: node tools/bundle-editor.mjs OUT_DIR
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

const ENTRIES = ['js/editor/blocks.jsx', 'js/editor/table-builder.jsx', 'js/editor/classic-tagging.js', 'js/editor/link-audit.jsx'];
const out = process.argv[2];
if (!out) throw new Error('usage: node tools/bundle-editor.mjs OUT_DIR');

/** @param {string} name an import path → [global expression, script handle] */
function external(name) {
	if (name === 'react') return ['window.React', 'react'];
	if (name === 'react-dom') return ['window.ReactDOM', 'react-dom'];
	if (name === 'react/jsx-runtime') return ['window.ReactJSXRuntime', 'react-jsx-runtime'];
	const pkg = name.slice('@wordpress/'.length);
	const camel = pkg.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
	return [`window.wp.${camel}`, `wp-${pkg}`];
}

const wordpressGlobals = {
	name: 'wordpress-globals',
	/** @param {import('esbuild').PluginBuild} b */
	setup(b) {
		b.onResolve({ filter: /^(@wordpress\/[a-z0-9-]+|react|react-dom|react\/jsx-runtime)$/ }, (args) => ({
			path: args.path,
			namespace: 'wp-global',
		}));
		b.onLoad({ filter: /.*/, namespace: 'wp-global' }, (args) => ({
			contents: `module.exports = ${external(args.path)[0]};`,
			loader: 'js',
		}));
	},
};

const result = await build({
	entryPoints: ENTRIES,
	outdir: out,
	bundle: true,
	format: 'iife',
	target: 'es2022',
	jsx: 'automatic',
	minify: true,
	legalComments: 'none',
	metafile: true,
	logLevel: 'warning',
	plugins: [wordpressGlobals],
});

for (const [file, meta] of Object.entries(result.metafile.outputs)) {
	if (!file.endsWith('.js')) continue;
	const deps = new Set();
	for (const input of Object.keys(meta.inputs)) {
		if (input.startsWith('wp-global:')) deps.add(external(input.slice('wp-global:'.length))[1]);
	}
	const version = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 20);
	const list = [...deps].sort().map((d) => `'${d}'`).join(', ');
	writeFileSync(join(out, basename(file, '.js') + '.asset.php'),
		`<?php return array( 'dependencies' => array( ${list} ), 'version' => '${version}' );\n`);
}
