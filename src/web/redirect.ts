import { AppError } from './errors.ts';

// A stand-in origin: a path is ours only if, resolved against it, it stays on it.
const OWN_ORIGIN = 'http://tenpo.invalid';
// Tabs and newlines are dropped by URL parsers ("/\t/evil" becomes "//evil"), and CR/LF cannot go
// into a Location header: such a value is not a mistake a link can make.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * A path on this site to go back to after an action. Anything that would leave the site (another
 * host, a scheme, a protocol-relative or backslash path) becomes `fallback`; a value with control
 * characters is refused with a 400. The answer is re-serialised by the URL parser, so what goes
 * into a Location header is always percent-encoded.
 */
export function safeLocalPath(value: string | undefined, fallback = '/'): string {
  if (value === undefined || value === '') return fallback;
  if (CONTROL_CHARACTERS.test(value))
    throw new AppError('invalid_return_path', 400, 'The return address in the link is not valid.');
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  let url: URL;
  try {
    url = new URL(value, OWN_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== OWN_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
