'use strict';
// Time to require one bundle in a fresh process. argv[2]: JSON {file}.
const { performance } = require('node:perf_hooks');
const { report } = require('./lambda.cjs');

const config = JSON.parse(process.argv[2]);
const started = performance.now();
require(config.file);
report({ requireMs: performance.now() - started, bootMs: started });
