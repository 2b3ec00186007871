import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { removeZipStaging } from '../../deploy/zip-staging';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kp-zip-staging-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const folder = (name: string, withBundle = true) => {
  mkdirSync(path.join(dir, name, 'functions'), { recursive: true });
  if (withBundle) writeFileSync(path.join(dir, name, 'functions', 'member-info.js'), 'exports.handler = 1;');
};

it('removes the packaging process\'s own staging folders, full ones included', () => {
  folder('memberInfo-4242-1796124569574-5c966b87');
  folder('konaplateCallback-4242-1796124569580-00ff00aa', false);
  expect(removeZipStaging(dir, 4242).sort()).toEqual(['konaplateCallback-4242-1796124569580-00ff00aa', 'memberInfo-4242-1796124569574-5c966b87']);
  expect(readdirSync(dir)).toEqual([]);
});

it('keeps another process\'s folders, a file of the same shape and anything else', () => {
  folder('memberInfo-4243-1796124569574-5c966b87');
  folder('memberInfo-14242-1796124569574-5c966b87');
  folder('memberInfo-4242-1796124569574-5c966b8');
  folder('tsx-0');
  writeFileSync(path.join(dir, 'memberInfo-4242-1796124569574-5c966b87'), 'not a folder');
  expect(removeZipStaging(dir, 4242)).toEqual([]);
  expect(readdirSync(dir).sort()).toEqual(['memberInfo-14242-1796124569574-5c966b87', 'memberInfo-4242-1796124569574-5c966b8', 'memberInfo-4242-1796124569574-5c966b87', 'memberInfo-4243-1796124569574-5c966b87', 'tsx-0']);
});
