/** KONAPLATE_BASE_URL: TLS for anything that leaves the machine (a password check travels in clear JSON). */
import { freshTransport } from '../support/fresh-transport';

// Loaded afresh in each test, so the loopback rule (a module constant) is read by the test that pins it.
const platformBaseUrl = (url: string) => freshTransport().platformBaseUrl(url);

describe('the platform base URL', () => {
  it.each([
    'https://api.konaplate.com/open-api',
    'https://10.0.0.8:8443/open-api',
    'http://127.0.0.1:4010/open-api',
    'http://127.8.9.10/open-api',
    'http://127.100.200.30/open-api',
    'http://localhost:4010/open-api',
    'http://[::1]:4010/open-api',
  ])('accepts %s', (url) => {
    expect(platformBaseUrl(url).href).toBe(new URL(url).href);
  });

  it.each([
    ['http://api.konaplate.com/open-api', 'http://api.konaplate.com'],
    ['http://10.0.0.8/open-api', 'http://10.0.0.8'],
    ['http://128.0.0.1/open-api', 'http://128.0.0.1'],
    ['http://localhost.example.com/open-api', 'http://localhost.example.com'],
    ['http://127.0.0.1.nip.io/open-api', 'http://127.0.0.1.nip.io'],
    ['http://notlocalhost/open-api', 'http://notlocalhost'],
    ['ftp://127.0.0.1/open-api', 'ftp://127.0.0.1'],
  ])('refuses %s with a configuration error naming the variable and the rule', (url, shown) => {
    let error: any;
    try {
      platformBaseUrl(url);
    } catch (caught) {
      error = caught;
    }
    expect(error?.name).toBe('GatewayConfigurationError');
    expect(error.message).toContain('KONAPLATE_BASE_URL must use https:');
    expect(error.message).toContain('127.0.0.0/8, ::1, localhost');
    expect(error.message).toContain(shown);
  });

  it('refuses what is not a URL', () => {
    expect(() => platformBaseUrl('127.0.0.1:4010/open-api')).toThrow('KONAPLATE_BASE_URL is not a URL');
  });
});
