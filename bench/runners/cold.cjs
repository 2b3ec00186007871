'use strict';
// One cold start: a fresh node process loads one bundle and answers one request.
// argv[2]: JSON {bundle, event: {path, body}}. Reports times since the process started
// (performance.timeOrigin), via IPC (the bundle's own logs go to stdout as in Lambda).
const { performance } = require('node:perf_hooks');
const { makeEvent, makeContext, report } = require('./lambda.cjs');

const started = performance.now();
const config = JSON.parse(process.argv[2]);
const mod = require(config.bundle);
const loaded = performance.now();
Promise.resolve(mod.handler(makeEvent(config.event), makeContext())).then(
  (answer) => {
    const answered = performance.now();
    report({
      statusCode: answer && answer.statusCode,
      body: answer && answer.body,
      bootMs: started,
      loadMs: loaded - started,
      firstCallMs: answered - loaded,
      totalMs: answered,
    });
  },
  (error) => report({ error: String((error && error.stack) || error) }, 1),
);
