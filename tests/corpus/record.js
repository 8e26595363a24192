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
      const executions = summary.run.executions.map((e) => ({
        request: e.item.name || '',
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
