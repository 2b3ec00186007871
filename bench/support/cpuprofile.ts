/**
 * Reads V8 .cpuprofile files (node --cpu-prof) of unminified esbuild bundles and says where the
 * time went: self time per package (the bundle's `// node_modules/...` section comments map each
 * line back to its source file) and per function.
 */
import { readFileSync } from 'node:fs';
import { packageOf, ROOT } from './build';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Line (0-based) → source file of an unminified esbuild bundle, from its section comments. */
export function bundleLineMap(bundleFile: string): (line: number) => string {
  const lines = readFileSync(bundleFile, 'utf8').split('\n');
  const marks: Array<{ line: number; file: string }> = [];
  lines.forEach((text, line) => {
    const m = /^\s*\/\/ ((?:node_modules|lib|functions|bench|sandbox)\/\S+\.(?:[cm]?js|ts|json))$/.exec(text);
    if (m) marks.push({ line, file: m[1]! });
  });
  return (line) => {
    let lo = 0;
    let hi = marks.length - 1;
    let found = '(bundle prelude)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (marks[mid]!.line <= line) {
        found = marks[mid]!.file;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

export interface Attribution {
  totalMs: number;
  byPackage: Array<{ name: string; ms: number }>;
  byFunction: Array<{ name: string; ms: number }>;
}

function categoryOf(frame: CallFrame, bundles: Map<string, (line: number) => string>): { pkg: string; fn: string } {
  const { url, functionName, lineNumber } = frame;
  if (!url) {
    const special = functionName.startsWith('(') ? functionName : '(native)';
    return { pkg: special, fn: special };
  }
  const clean = url.replace(/^file:\/\//, '');
  const map = bundles.get(clean);
  if (map) {
    const file = map(lineNumber);
    const pkg = packageOf(file);
    return { pkg, fn: `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}` };
  }
  if (clean.startsWith(`${ROOT}/`)) {
    const file = clean.slice(ROOT.length + 1);
    return { pkg: file.startsWith('sandbox/') ? file : packageOf(file), fn: `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}` };
  }
  if (clean.startsWith('node:')) {
    const area = clean.startsWith('node:internal/modules') ? 'node: module loader' : clean.startsWith('node:internal/crypto') || clean === 'node:crypto' ? 'node: crypto' : clean.includes('http') || clean.includes('net') || clean.includes('stream') ? 'node: http/net/streams' : 'node: other';
    return { pkg: area, fn: `${functionName || '(anonymous)'} ${clean}:${lineNumber + 1}` };
  }
  return { pkg: `other: ${clean.split('/').slice(-2).join('/')}`, fn: `${functionName || '(anonymous)'} ${clean}:${lineNumber + 1}` };
}

/** Self time of many profiles, averaged per profile. */
export function attribute(files: string[], bundleFiles: string[]): Attribution {
  const bundles = new Map(bundleFiles.map((f) => [f, bundleLineMap(f)]));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const cache = new Map<number, { pkg: string; fn: string }>();
    profile.samples.forEach((id, i) => {
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      let cat = cache.get(id);
      if (!cat) {
        cat = categoryOf(nodes.get(id)!.callFrame, bundles);
        cache.set(id, cat);
      }
      if (cat.pkg === '(idle)') return;
      total += dt;
      byPackage.set(cat.pkg, (byPackage.get(cat.pkg) ?? 0) + dt);
      byFunction.set(cat.fn, (byFunction.get(cat.fn) ?? 0) + dt);
    });
  }
  const n = Math.max(1, files.length);
  const sorted = (m: Map<string, number>) =>
    [...m].map(([name, ms]) => ({ name, ms: Math.round((ms / n) * 100) / 100 })).sort((a, b) => b.ms - a.ms);
  return { totalMs: Math.round((total / n) * 100) / 100, byPackage: sorted(byPackage), byFunction: sorted(byFunction).slice(0, 40) };
}
