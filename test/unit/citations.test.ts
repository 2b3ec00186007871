/**
 * Whoever clones the repository can follow every citation in it: `protocol.md §N.N` names a numbered
 * section of docs/protocol.md, `<file>.md § Heading` a heading of that file, any other `*.md` a file
 * of the repository; nothing points outside it (the notes it was written from are not shipped). The
 * tree is walked, so files added later are checked too. And the worked example of docs/protocol.md §8
 * signs exactly what lib/protocol signs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { operationByPath } from '../../lib/catalog';
import { tranToken } from '../../lib/protocol';

const ROOT = path.resolve(__dirname, '../..');
const PROTOCOL_DOC = 'docs/protocol.md';
const SCANNED_DIRS = ['lib', 'client', 'sandbox', 'scripts', 'functions', 'bench', 'test', 'docs'];
const SCANNED_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.md', '.yml', '.yaml', '.sh']);
const SKIPPED_DIRS = new Set(['node_modules', '.local', '.serverless', '.esbuild', '.build', 'dist', 'coverage']);
const SELF = path.relative(ROOT, __filename);

function walk(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(rel, out);
    } else if (SCANNED_EXTENSIONS.has(path.extname(entry.name)) && rel !== SELF) {
      out.push(rel);
    }
  }
  return out;
}

function scannedFiles(): string[] {
  const rootFiles = readdirSync(ROOT, { withFileTypes: true })
    .filter((entry) => entry.isFile() && ['.md', '.yml', '.yaml'].includes(path.extname(entry.name)))
    .map((entry) => entry.name);
  return [...rootFiles, ...SCANNED_DIRS.filter((dir) => existsSync(path.join(ROOT, dir))).flatMap((dir) => walk(dir, []))];
}

interface Headings {
  /** `## N.` and `### N.N` headings: the section numbers a `§` may cite. */
  numbers: Set<string>;
  /** Every heading's text, for `file.md § Heading` citations. */
  titles: string[];
}

const headingCache = new Map<string, Headings>();

function headingsOf(file: string): Headings {
  let headings = headingCache.get(file);
  if (!headings) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    headings = { numbers: new Set(), titles: [] };
    for (const [, hashes, title] of text.matchAll(/^(#{1,6})\s+(.+?)\s*$/gm)) {
      headings.titles.push(title!);
      const number = /^(\d+(?:\.\d+)*)\.?\s/.exec(title!)?.[1];
      // A section is `## N.` or `### N.N`: its depth must match its heading level.
      if (number && number.split('.').length === hashes!.length - 1) headings.numbers.add(number);
    }
    headingCache.set(file, headings);
  }
  return headings;
}

function inside(absolute: string): boolean {
  const relative = path.relative(ROOT, absolute);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The repository file a mention names, or why it names none. */
function resolveMention(fromFile: string, mention: string): { file: string } | { problem: string } {
  // The code's short form for the one protocol document.
  if (mention === 'protocol.md') return { file: PROTOCOL_DOC };
  const candidates = [path.resolve(ROOT, mention), path.resolve(ROOT, path.dirname(fromFile), mention)];
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    if (!inside(candidate)) return { problem: 'points outside the repository' };
    return { file: path.relative(ROOT, candidate) };
  }
  return { problem: 'no such file in the repository' };
}

const MD_MENTION = /(?<![\w/.-])((?:\.{1,2}\/)*(?:[\w-]+\/)*[\w.-]*[\w-]\.md)(?![\w-])/g;
const NUMBERED_LIST = /^\s+(§\s?\d+(?:\.\d+)*(?:\s*(?:,|and|or|\/)\s*§\s?\d+(?:\.\d+)*)*)/;
const SECTION_NUMBER = /§\s?(\d+(?:\.\d+)*)/g;
const HEADING_CITATION = /^\s+§\s+(?=[^\s\d])/;
const OUTSIDE = /\.\.\/shared\b|\/work\/shared|shared\/konaplate/;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** The words a `§ Heading` citation quotes: up to the first closing punctuation, comment wraps joined. */
function citedHeading(text: string, from: number): string {
  const rest = text.slice(from, from + 160).replace(/\s*\n\s*(?:\*|\/\/|#)?\s*/g, ' ');
  return rest.split(/[),;:]|\s—\s|\.(?=\s|$)/)[0]!.trim();
}

interface CitationCheck {
  problems: string[];
  /** How many `§` sections of docs/protocol.md were cited. */
  protocolSections: number;
}

/** Every broken citation in one file's text (the file name says where relative paths start). */
function checkCitations(file: string, text: string): CitationCheck {
  const problems: string[] = [];
  const where = (index: number, what: string, problem: string) => problems.push(`${file}:${lineOf(text, index)}: ${what} — ${problem}`);
  const covered: Array<[number, number]> = [];
  let protocolSections = 0;

  const checkNumbers = (target: string, list: string, index: number) => {
    const { numbers } = headingsOf(target);
    for (const [, number] of list.matchAll(SECTION_NUMBER)) {
      if (target === PROTOCOL_DOC) protocolSections += 1;
      if (!numbers.has(number!)) where(index, `§${number}`, `${target} has no section ${number} (its sections: ## N. / ### N.N headings)`);
    }
  };

  for (const match of text.matchAll(new RegExp(OUTSIDE, 'g'))) where(match.index, match[0], 'points outside the repository');

  for (const match of text.matchAll(MD_MENTION)) {
    const mention = match[1]!;
    const start = match.index;
    const word = text.slice(text.lastIndexOf(' ', start) + 1, start + mention.length);
    if (word.includes('://')) continue; // a web address, not a repository file
    if (OUTSIDE.test(mention)) continue; // reported above
    const resolved = resolveMention(file, mention);
    const after = text.slice(start + mention.length);
    const numbered = NUMBERED_LIST.exec(after);
    const heading = HEADING_CITATION.exec(after);
    const end = start + mention.length + (numbered?.[0].length ?? heading?.[0].length ?? 0);
    covered.push([start, end]);
    if ('problem' in resolved) {
      where(start, mention, resolved.problem);
      continue;
    }
    if (numbered) checkNumbers(resolved.file, numbered[1]!, start);
    if (heading) {
      const cited = citedHeading(text, end);
      const known = headingsOf(resolved.file).titles.some((title) => title === cited || (title.startsWith(cited) && /^\W/.test(title.slice(cited.length))));
      if (!known) where(start, `${mention} § ${cited}`, `${resolved.file} has no heading "${cited}"`);
    }
  }

  // A bare § names no document, except inside docs/protocol.md (its own sections) and after an RFC number.
  for (const match of text.matchAll(/§/g)) {
    const index = match.index;
    if (covered.some(([from, to]) => index >= from && index < to)) continue;
    if (/RFC\s?\d+\s*$/.test(text.slice(Math.max(0, index - 16), index))) continue;
    if (/^§N\b/.test(text.slice(index))) continue; // the citation form itself, as in "`protocol.md §N.N`"
    if (file === PROTOCOL_DOC) {
      const own = /^§\s?\d+(?:\.\d+)*/.exec(text.slice(index));
      if (own) checkNumbers(PROTOCOL_DOC, own[0], index);
      continue;
    }
    where(index, /^§\s?(?:\d+(?:\.\d+)*)?/.exec(text.slice(index))![0], 'a § citation must name its document, e.g. protocol.md §2.3');
  }
  return { problems, protocolSections };
}

describe('citations', () => {
  it('every citation in the tree resolves to a file and section of the repository', () => {
    const files = scannedFiles();
    let protocolSections = 0;
    const problems: string[] = [];
    for (const file of files) {
      const result = checkCitations(file, readFileSync(path.join(ROOT, file), 'utf8'));
      protocolSections += result.protocolSections;
      problems.push(...result.problems);
    }
    expect(problems).toEqual([]);
    // The code cites docs/protocol.md throughout; finding few citations would mean the scan broke.
    expect(files).toEqual(expect.arrayContaining(['README.md', 'sandbox/README.md', 'bench/README.md', 'lib/protocol/tran-token.ts']));
    expect(protocolSections).toBeGreaterThan(30);
  });

  it('docs/protocol.md numbers its sections 1 to 9, each number once', () => {
    const text = readFileSync(path.join(ROOT, PROTOCOL_DOC), 'utf8');
    const chapters = [...text.matchAll(/^## (\d+)\. /gm)].map((match) => Number(match[1]));
    expect(chapters).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const sections = [...text.matchAll(/^### (\d+\.\d+) /gm)].map((match) => match[1]!);
    expect(new Set(sections).size).toBe(sections.length);
    for (const section of sections) expect(chapters).toContain(Number(section.split('.')[0]));
  });

  it.each([
    ['a missing document', 'See DESIGN.md § Configuration.'],
    ['a section docs/protocol.md lacks', 'protocol.md §2.9 says so'],
    ['a missing section later in a list', 'protocol.md §2.3, §10.1'],
    ['a heading the README lacks', 'README.md § Deployment secrets'],
    ['a bare section sign', 'signed after encryption (§2.3)'],
    ['the notes outside the repository', 'from ../shared/konaplate/protocol.md'],
  ])('refuses %s', (_what, text) => {
    expect(checkCitations('lib/example.ts', text).problems).toHaveLength(1);
  });

  it('accepts the forms the tree uses', () => {
    const text = [
      '/** X-KM-Tran-Token (protocol.md §2): over the body (protocol.md §2.3, §8). */',
      '// docs/protocol.md §4.4 and sandbox/README.md § Fault injection; README.md § Configuration): shape',
      '/** GeneralizedTime after 2049, as RFC 5280 §4.1.2.5 requires; see ../../README.md and https://x.org/a.md */',
      '// cite sections as `protocol.md §N.N`',
    ].join('\n');
    expect(checkCitations('test/unit/example.ts', text)).toEqual({ problems: [], protocolSections: 4 });
  });
});

describe('docs/protocol.md §8, the worked example', () => {
  const text = readFileSync(path.join(ROOT, PROTOCOL_DOC), 'utf8');
  const example = text.slice(text.indexOf('\n## 8.'), text.indexOf('\n## 9.'));
  const secret = /Secret key \(made up\): `([^`]+)`/.exec(example)?.[1];
  const requests = [...example.matchAll(/```http\n(POST [\s\S]*?)```/g)].map((match) => {
    const [head, body] = match[1]!.split('\n\n');
    const lines = head!.split('\n');
    const headers = new Map(lines.slice(1).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
    return { path: lines[0]!.split(' ')[1]!, headers, body: body!.trim() };
  });

  it('has a made-up secret and three requests', () => {
    expect(secret).toBe('MADE-UP-SECRET-do-not-use');
    expect(requests).toHaveLength(3);
  });

  it.each(requests.map((request) => [request.path, request] as const))('%s is signed as lib/protocol signs it, its headers as the catalog says', (_path, request) => {
    const token = request.headers.get('X-KM-Tran-Token')!;
    const stamp17 = /^KMV1:(\d{17}):/.exec(token)?.[1] ?? '';
    expect(token).toBe(tranToken(secret!, request.body, stamp17));
    expect(token).toHaveLength(67);
    expect(request.headers.get('X-KM-Tran-Time')).toBe(stamp17.slice(0, 14));
    expect(request.headers.get('X-KM-Correlation-Id')).toMatch(new RegExp(`^${stamp17.slice(2, 14)}-[0-9a-f]{7}$`));
    const op = operationByPath(request.path.replace(/^\/open-api/, ''));
    expect(op).toBeDefined();
    expect(request.headers.has('X-KM-Crypto-Key-Id')).toBe(op!.encrypted.request || op!.encrypted.response);
    expect(request.body.startsWith('{"encData":"')).toBe(op!.encrypted.request);
  });
});
