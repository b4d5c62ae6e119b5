import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The dependency rules of docs/architecture.md, checked on the import statements of every file.

const SRC = resolve(import.meta.dirname);

/** One import: both sides as paths under src/, e.g. 'orders/advance-order.ts'. */
interface Edge {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

// Static imports and re-exports start a line; dynamic ones may sit anywhere.
const STATIC = /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm;
const BARE = /^\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  const from = relative(SRC, file);
  return [...text.matchAll(STATIC), ...text.matchAll(BARE), ...text.matchAll(DYNAMIC)]
    .map((match) => match[1]!)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => ({ from, to: relative(SRC, resolve(dirname(file), specifier)) }));
}

const edges = sourceFiles(SRC).flatMap(importsOf);
const show = (list: Edge[]) => list.map((e) => `${e.from} -> ${e.to}`);
const area = (path: string) => path.split('/')[0]!;
const isTest = (path: string) => /\.test\.tsx?$/.test(path);

/** A domain's console face: its admin routes, admin pages and admin inputs. */
const isConsoleFace = (path: string) =>
  !['admin', 'web'].includes(area(path)) && /^[a-z-]+\/(?:pages\/)?admin-[^/]+$/.test(path);

describe('dependency rules', () => {
  it('finds the imports it checks', () => {
    // Guards the rules below against a parser that silently finds nothing.
    expect(edges.length).toBeGreaterThan(500);
    expect(edges).toContainEqual({ from: 'app.tsx', to: 'admin/routes.tsx' });
  });

  it('lets nothing outside admin/ import it, except app.tsx, which mounts the console', () => {
    const wrong = edges.filter(
      (e) => area(e.to) === 'admin' && area(e.from) !== 'admin' && e.from !== 'app.tsx',
    );
    expect(show(wrong)).toEqual([]);
  });

  it("keeps a domain's admin routes, pages and inputs to the domain and the console that mounts them", () => {
    const wrong = edges.filter(
      (e) => isConsoleFace(e.to) && area(e.from) !== area(e.to) && area(e.from) !== 'admin',
    );
    expect(show(wrong)).toEqual([]);
  });

  it('lets mail import web/ only from its HTTP face, or for the shared dictionary', () => {
    const allowed = (e: Edge) =>
      // Mail is written in the customer's language with the same dictionary as the pages.
      e.to === 'web/i18n.ts' ||
      // Webhooks and the console's mail pages are HTTP: request context, errors, layout, form pieces.
      /^mail\/(?:[a-z-]*routes\.tsx?|admin-[^/]+|pages\/.+)$/.test(e.from) ||
      isTest(e.from);
    const wrong = edges.filter((e) => area(e.from) === 'mail' && area(e.to) === 'web');
    expect(show(wrong.filter((e) => !allowed(e)))).toEqual([]);
  });

  it('keeps lib/ pure: its helpers import nothing else from src/', () => {
    const wrong = edges.filter((e) => area(e.from) === 'lib' && area(e.to) !== 'lib');
    expect(show(wrong)).toEqual([]);
  });
});
