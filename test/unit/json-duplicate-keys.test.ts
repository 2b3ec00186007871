/** lib/protocol/json.ts findDuplicateKey: JSON.parse keeps the last of two equal keys silently; the gateway refuses them. */
import fc from 'fast-check';
import { findDuplicateKey, parseJson } from '../../lib/protocol/json';

describe('findDuplicateKey', () => {
  it.each([
    ['{"userId":1,"userId":2}', { pointer: '', key: 'userId' }],
    ['{"userInfo":{"userId":1},"addressInfo":{"zipCode":"04524","zipCode":"04525"}}', { pointer: 'addressInfo', key: 'zipCode' }],
    ['{"tcList":[{"tcId":1,"isAgree":true},{"tcId":2,"isAgree":true,"tcId":3}]}', { pointer: 'tcList/1', key: 'tcId' }],
    ['[[0],{"a":{"b":[1,{"c":1," c":2,"c":3}]}}]', { pointer: '1/a/b/1', key: 'c' }],
    // Equal once decoded, as JSON.parse compares them.
    ['{"amount":1,"\\u0061mount":100000}', { pointer: '', key: 'amount' }],
    // Pointer segments escaped as RFC 6901 says.
    ['{"a/b":{"~x":{"k":1,"k":2}}}', { pointer: 'a~1b/~0x', key: 'k' }],
    ['{"":1,"":2}', { pointer: '', key: '' }],
    // Past the first 16 keys of an object, as before them.
    [`{${Array.from({ length: 40 }, (_, i) => `"k${i}":${i}`).join(',')},"k3":0}`, { pointer: '', key: 'k3' }],
    [`{${Array.from({ length: 40 }, (_, i) => `"k${i}":${i}`).join(',')},"k39":0}`, { pointer: '', key: 'k39' }],
  ])('%s → %j', (text, expected) => {
    expect(() => parseJson(text)).not.toThrow();
    expect(findDuplicateKey(text)).toEqual(expected);
  });

  it.each([
    '{"userId":1,"userid":2}',
    // Keys and quotes inside strings are not keys.
    '{"memo":"\\"userId\\":1,\\"userId\\":2","userId":1}',
    '{"a":"\\\\","a\\\\":1}',
    '{"a":{"x":1},"b":{"x":1},"c":[{"x":1},{"x":2}]}',
    '[{"x":1},{"x":1}]',
    '{}', '[]', '"userId"', '12345678901234567890', 'null',
  ])('%s: none', (text) => {
    expect(() => parseJson(text)).not.toThrow();
    expect(findDuplicateKey(text)).toBeUndefined();
  });

  it('finds none in anything JSON.stringify writes, which never repeats a key', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => findDuplicateKey(JSON.stringify(value)) === undefined), { numRuns: 500, seed: 11 });
    fc.assert(fc.property(fc.jsonValue(), (value) => findDuplicateKey(JSON.stringify(value, null, 2)) === undefined), { numRuns: 200, seed: 12 });
  });

  it('finds a key repeated anywhere, with the pointer of the object holding it', () => {
    // A path of object keys and array indexes down to an object, into which a key is written twice.
    const segment = fc.oneof(fc.string({ maxLength: 6 }), fc.nat({ max: 3 }));
    fc.assert(fc.property(fc.array(segment, { maxLength: 5 }), fc.string({ maxLength: 8 }), fc.jsonValue(), (path, key, filler) => {
      let inner = `{${JSON.stringify(key)}:1,"#":${JSON.stringify(filler)},${JSON.stringify(key)}:2}`;
      if (key === '#') inner = `{${JSON.stringify(key)}:1,${JSON.stringify(key)}:2}`;
      for (const step of [...path].reverse()) {
        inner = typeof step === 'number'
          ? `[${[...Array(step).fill(JSON.stringify(filler)), inner].join(',')}]`
          : `{"x\\"y":${JSON.stringify(filler)},${JSON.stringify(step)}:${inner}}`;
      }
      const pointer = path.map((step) => (typeof step === 'number' ? String(step) : step.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
      const found = findDuplicateKey(inner);
      // A path key equal to the sibling "x\"y" is itself a duplicate, found first.
      if (path.some((step) => step === 'x"y')) return found !== undefined;
      return found?.pointer === pointer && found.key === key;
    }), { numRuns: 500, seed: 13 });
  });
});
