'use strict';
// Warm invocations of several variants in one process, interleaved call by call in a shuffled
// order (so drift, GC and the sandbox's state hit every variant alike). Per call: wall time
// (hrtime) and CPU time of this process (process.cpuUsage: all its threads, so WebCrypto work in
// the libuv pool counts; the sandbox runs in another process and does not).
// argv[2]: JSON {variants: [{name, bundle, kind: 'handler'|'crypto', op}], event, warmup, rounds, perRound, secretFile}
const fs = require('node:fs');
const { makeEvent, makeContext, report } = require('./lambda.cjs');

const config = JSON.parse(process.argv[2]);

function load(variant) {
  const mod = require(variant.bundle);
  if (variant.kind === 'crypto') {
    const secret = JSON.parse(fs.readFileSync(config.secretFile, 'utf8'));
    const work = mod.cryptoFloor(variant.op, secret);
    return { name: variant.name, call: () => (work(), { statusCode: 200 }) };
  }
  return { name: variant.name, call: () => mod.handler(makeEvent(config.event), makeContext()) };
}

let seed = 0x2545f491;
function random() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
}
function shuffle(list) {
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function main() {
  const variants = config.variants.map(load);
  for (const v of variants) {
    const answer = await v.call();
    if (!answer || answer.statusCode !== 200) throw new Error(`${v.name}: first answer ${answer && answer.statusCode} ${answer && answer.body}`);
  }
  for (let i = 0; i < config.warmup; i++) for (const v of shuffle(variants)) await v.call();
  const rounds = [];
  for (let r = 0; r < config.rounds; r++) {
    const samples = {};
    for (const v of variants) samples[v.name] = { wallMs: [], cpuMs: [] };
    for (let i = 0; i < config.perRound; i++) {
      for (const v of shuffle(variants)) {
        const cpu0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        const answer = await v.call();
        const t1 = process.hrtime.bigint();
        const cpu = process.cpuUsage(cpu0);
        if (!answer || answer.statusCode !== 200) throw new Error(`${v.name}: answer ${answer && answer.statusCode} ${answer && answer.body}`);
        samples[v.name].wallMs.push(Number(t1 - t0) / 1e6);
        samples[v.name].cpuMs.push((cpu.user + cpu.system) / 1000);
      }
    }
    rounds.push(samples);
  }
  report({ rounds });
}

main().catch((error) => report({ error: String((error && error.stack) || error) }, 1));
