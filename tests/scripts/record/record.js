// Turns one Newman JSON report into the "expected" block of a corpus fixture.
// Usage: node record.js FIXTURE.json WORKDIR (holding report.json and Newman's
// --export-collection/--export-environment/--export-globals files).
'use strict';
const fs = require('fs');

const [fixturePath, work] = process.argv.slice(2);
const fixture = JSON.parse(fs.readFileSync(fixturePath, 'utf8'));
const read = (name) => JSON.parse(fs.readFileSync(`${work}/${name}`, 'utf8'));
const report = read('report.json');
// The report holds the collection as given; the exports hold the variables after the run.
const exported = { collection: read('collection-out.json'), environment: read('environment-out.json'), globals: read('globals-out.json') };

function text(value) {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
function vars(list, drop) {
  const out = {};
  (list || []).forEach((v) => {
    if (v.disabled || drop.includes(v.key)) return;
    out[v.key] = text(v.value);
  });
  return out;
}

const requests = [];
const assertions = [];
let previous = null;
report.run.executions.forEach((execution) => {
  // pm.sendRequest adds a second execution with the same cursor: skip it.
  const cursor = JSON.stringify(execution.cursor);
  if (cursor === previous) return;
  previous = cursor;
  const name = execution.item.name;
  if (execution.requestError) {
    requests.push(name);
  } else if (execution.request) {
    requests.push(name);
  }
  (execution.assertions || []).forEach((a) => {
    assertions.push({
      request: name,
      name: a.assertion,
      status: a.skipped ? 'skipped' : a.error ? 'failed' : 'passed',
      message: a.error ? a.error.message : null,
    });
  });
});
const scriptErrors = report.run.failures
  .filter((f) => f.error && f.error.name !== 'AssertionError' && f.at && /script/.test(f.at))
  .map((f) => ({ request: f.source && f.source.name, message: `${f.error.name}: ${f.error.message}` }));

fixture.expected = {
  newman: require(require.resolve('newman/package.json', { paths: [process.env.NEWMAN_PREFIX + '/node_modules'] })).version,
  requests,
  assertions,
  script_errors: scriptErrors,
  environment: vars(exported.environment.values, ['base']),
  globals: vars(exported.globals.values, []),
  collection_variables: vars(exported.collection.variable, []),
};
fs.writeFileSync(fixturePath, JSON.stringify(fixture, null, 2) + '\n');
