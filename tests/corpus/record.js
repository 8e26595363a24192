// Runs every collection of the Postman corpus with Newman (as a library) and writes the
// outcome pmcheck is compared with: per collection, each execution's request name,
// iteration, status or request error, and its assertions with their verdicts.
// Usage: node record.js CORPUS_DIR OUT_FILE   (run by record.sh, which starts httpbin)
'use strict';
const fs = require('fs');
const path = require('path');
const newman = require('newman');

const corpus = path.resolve(process.argv[2]);
const out = path.resolve(process.argv[3]);
const manifest = JSON.parse(fs.readFileSync(path.join(corpus, 'manifest.json'), 'utf8'));

// The folders above an item, and which same-named sibling it is (null for the first;
// 2, 3, … after it), as pmcheck's JSON report names a case.
function place(item) {
  const folders = [];
  for (let p = item.parent(); p && p.parent && p.parent(); p = p.parent()) folders.unshift(p.name || '');
  const parent = item.parent();
  let duplicate = null;
  if (parent && parent.items) {
    const same = parent.items.all().filter((i) => (i.name || '') === (item.name || ''));
    const at = same.indexOf(item);
    if (at > 0) duplicate = at + 1;
  }
  return { folders, duplicate };
}

function runOne(entry) {
  const o = entry.options || {};
  const file = (name) => name && path.join(corpus, name);
  return new Promise((resolve) => {
    newman.run({
      collection: file(entry.collection),
      environment: file(entry.environment),
      globals: file(entry.globals),
      iterationData: file(entry.data),
      workingDir: corpus,
      ignoreRedirects: !!o.ignoreRedirects,
      insecure: !!o.insecure,
      timeoutRequest: o.timeoutRequest || 0,
      timeoutScript: o.timeoutScript || 0,
      reporters: [],
    }, (err, summary) => {
      if (err) return resolve({ name: entry.name, load_error: String(err.message || err), executions: [] });
      // Newman's summary lists an item's execution once per request it sent (a digest
      // challenge's retry, each pm.sendRequest): one entry per run of the item (cursor.ref).
      const seen = new Set();
      const runs = summary.run.executions.filter((e) => !seen.has(e.cursor.ref) && seen.add(e.cursor.ref));
      const executions = runs.map((e) => ({
        request: e.item.name || '',
        ...place(e.item),
        iteration: e.cursor.iteration + 1,
        status: e.response ? e.response.code : null,
        error: e.requestError ? String(e.requestError.message || e.requestError) : null,
        assertions: (e.assertions || []).map((a) => ({
          name: a.assertion,
          result: a.skipped ? 'skipped' : (a.error ? 'failed' : 'passed'),
        })),
      }));
      resolve({ name: entry.name, executions });
    });
  });
}

(async () => {
  const results = [];
  for (const entry of manifest) {
    results.push(await runOne(entry));
    process.stderr.write(`recorded ${entry.name}\n`);
  }
  const doc = { newman: require('newman/package.json').version, collections: results };
  fs.writeFileSync(out, JSON.stringify(doc, null, 1) + '\n');
})();
