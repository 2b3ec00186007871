'use strict';
// N invocations started at once in one fresh process, right after the bundle loads.
// argv[2]: JSON {bundle, event, count}. Reports the status codes and the time to the last answer.
const { performance } = require('node:perf_hooks');
const { makeEvent, makeContext, report } = require('./lambda.cjs');

const config = JSON.parse(process.argv[2]);
const mod = require(config.bundle);
const started = performance.now();
const calls = Array.from({ length: config.count }, () =>
  Promise.resolve(mod.handler(makeEvent(config.event), makeContext())).then(
    (answer) => (answer && answer.statusCode) || 0,
    () => -1,
  ));
Promise.all(calls).then((codes) => {
  const statuses = {};
  for (const code of codes) statuses[code] = (statuses[code] || 0) + 1;
  report({ statuses, ms: performance.now() - started });
});
