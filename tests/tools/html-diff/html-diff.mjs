#!/usr/bin/env node
// Differential test: the links `rewrite_links` finds (crate/src/html/rewrite/tokenizer.rs and
// charref.rs, through the html_corpus example) against the links Chromium's own HTML parser makes
// of the same random documents (the generator of crate/tests/rewrite_random.rs). For every
// document, the hrefs of the `<a>`/`<area>` elements in document scope must be the same, in the
// same order. See README.md for what is compared and why; RESULTS.md for the last runs.
//
//   node tests/tools/html-diff/html-diff.mjs --count 5000     # quick sample (./build.sh test)
//   node tests/tools/html-diff/html-diff.mjs                  # full run, 100,000 documents
//   options: --seed N (default 1), --corpus PATH (an already built html_corpus), --show N
//
// Exit status 1 on any disagreement, or when Chromium makes a request or logs an error (other
// than about an SVG attribute value).

import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..', '..');

// Unknown options are refused with a message (node's parseArgs), not ignored.
const { values: opts } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    show: { type: 'string', default: '10' },
    corpus: { type: 'string' },
  },
});
const COUNT = Number(opts.count);
const SEED = Number(opts.seed);
const SHOW = Number(opts.show);
const BATCH = 500;

function corpusBinary() {
  const given = opts.corpus;
  if (given) return given;
  const build = spawnSync('cargo', ['build', '-q', '-p', 'shelf-core', '--example', 'html_corpus'], {
    cwd: repo,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) throw new Error('cargo build --example html_corpus failed');
  return resolve(repo, 'target', 'debug', 'examples', 'html_corpus');
}

/**
 * Parses each document as a post's content is parsed in a page: the fragment parser with a
 * `<div>` as context, in a document where scripting is enabled (so `<noscript>` holds raw text,
 * as for visitors with JavaScript). Returns, per document, [element, href] of every `<a href>`
 * and `<area href>` that is an HTML element outside SVG and MathML; `<template>` content is a
 * separate fragment, which querySelectorAll does not enter.
 * @param {string[]} documents
 */
function chromiumLinks(documents) {
  const html = 'http://www.w3.org/1999/xhtml';
  return documents.map((source) => {
    const div = document.createElement('div');
    div.innerHTML = source;
    const links = [];
    for (const el of div.querySelectorAll('a[href], area[href]')) {
      let foreign = false;
      for (let node = el; node && node !== div; node = node.parentElement) {
        if (node.namespaceURI !== html) foreign = true;
      }
      if (!foreign) links.push([el.localName, el.getAttribute('href')]);
    }
    return links;
  });
}

/**
 * Compares our links with Chromium's. Chromium may hold more `<a>` elements than start tags: the
 * tree builder clones an `<a>` that an end tag closed implicitly (`<p><a href=x>1<p>2` makes two
 * links to x). Such an extra element is accepted when it is an `<a>` with the href of the last
 * `<a>` matched so far, and counted. Returns the number of clones, or null on a disagreement.
 * @param {[string, string][]} ours @param {[string, string][]} theirs
 */
function align(ours, theirs) {
  let i = 0;
  let clones = 0;
  let lastA = null;
  for (const [element, href] of theirs) {
    if (i < ours.length && ours[i][0] === element && ours[i][1] === href) {
      if (element === 'a') lastA = href;
      i += 1;
    } else if (element === 'a' && href === lastA) {
      clones += 1;
    } else {
      return null;
    }
  }
  return i === ours.length ? clones : null;
}

const browser = await chromium.launch({
  executablePath: process.env.SHELF_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
const problems = [];
const stats = { documents: 0, ambiguous: 0, links: 0, clones: 0, disagreements: 0 };
/** Refusals by the tag at the reported offset (a byte offset into the UTF-8 text). */
const refusedAt = new Map();
const started = Date.now();
try {
  const context = await browser.newContext();
  // Parsing must not fetch anything; a request would mean the test does more than parse.
  await context.route('**/*', (route) => {
    problems.push(`request: ${route.request().url()}`);
    return route.abort();
  });
  const page = await context.newPage();
  // Chromium logs SVG attribute values it cannot parse (`<svg x=…>`): the corpus's doing.
  const svgAttribute = /^Error: <[\w:-]+> attribute /;
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !svgAttribute.test(msg.text())) problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"><title>html-diff</title></head><body></body></html>');
  const version = browser.version();

  const corpus = spawn(corpusBinary(), ['--count', String(COUNT), '--seed', String(SEED)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((done) => corpus.on('close', done));
  let batch = [];
  const check = async () => {
    const theirs = await page.evaluate(chromiumLinks, batch.map((d) => d.html));
    batch.forEach((doc, k) => {
      const clones = align(doc.links, theirs[k]);
      stats.links += doc.links.length;
      if (clones !== null) {
        stats.clones += clones;
        return;
      }
      stats.disagreements += 1;
      if (stats.disagreements <= SHOW) {
        console.log(`DISAGREE doc ${doc.index} (seed ${SEED}): ${JSON.stringify(doc.html)}`);
        console.log(`  ours:     ${JSON.stringify(doc.links)}`);
        console.log(`  chromium: ${JSON.stringify(theirs[k])}`);
      }
    });
    batch = [];
  };
  let index = 0;
  for await (const line of createInterface({ input: corpus.stdout })) {
    const doc = JSON.parse(line);
    doc.index = index++;
    stats.documents += 1;
    if (doc.ambiguous !== undefined) {
      stats.ambiguous += 1;
      const tag = Buffer.from(doc.html).subarray(doc.ambiguous).toString().match(/^<[!/]?[^\s/>]*/)?.[0] ?? '?';
      const key = tag.toLowerCase().replace(/^<!\[cdata\[.*/, '<![CDATA[');
      refusedAt.set(key, (refusedAt.get(key) ?? 0) + 1);
      continue;
    }
    batch.push(doc);
    if (batch.length === BATCH) await check();
  }
  if (batch.length) await check();
  if ((await exited) !== 0) throw new Error('html_corpus failed');
  if (stats.documents !== COUNT) throw new Error(`html_corpus printed ${stats.documents} documents, not ${COUNT}`);

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `html-diff: ${stats.documents} documents (${stats.ambiguous} refused as ambiguous by the rewriter), ` +
      `${stats.links} links compared, ${stats.clones} tree-builder clones of an <a> accepted`,
  );
  const refusals = [...refusedAt].sort((a, b) => b[1] - a[1]);
  const rest = refusals.slice(12).reduce((sum, [, n]) => sum + n, 0);
  const shown = refusals.slice(0, 12).map(([tag, n]) => `${tag} ${n}`);
  if (rest) shown.push(`${refusals.length - 12} other tags ${rest}`);
  console.log(`html-diff: refused at ${shown.join(', ') || 'none'}`);
  console.log(
    `html-diff: ${stats.disagreements} disagreements (seed ${SEED}, Chromium ${version}, ${seconds} s)`,
  );
} finally {
  await browser.close();
}
for (const p of problems) console.log(`PROBLEM ${p}`);
process.exit(stats.disagreements === 0 && problems.length === 0 ? 0 : 1);
