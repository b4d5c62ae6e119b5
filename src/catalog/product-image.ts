import type { Category } from './demo-catalog.ts';

const xmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// Titles and SKUs come from staff input, so nothing reaches the markup unescaped.
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => xmlEscapes[char] ?? char);
}

// Wide (CJK) characters take about two Latin widths.
function charWidth(char: string): number {
  return char.codePointAt(0)! >= 0x2e80 ? 2 : 1;
}

// Long titles would run off the image; cut by code points so no character is split.
function shorten(text: string, maxWidth: number): string {
  const chars = Array.from(text);
  if (chars.reduce((sum, char) => sum + charWidth(char), 0) <= maxWidth) return text;
  let width = 1; // room for the ellipsis
  let out = '';
  for (const char of chars) {
    width += charWidth(char);
    if (width > maxWidth) break;
    out += char;
  }
  return `${out}…`;
}

// Five points alternating between an outer and an inner radius, starting at the top.
function starPoints(cx: number, cy: number, outer: number, inner: number): string {
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? outer : inner;
    const angle = ((-90 + i * 36) * Math.PI) / 180;
    points.push(
      `${(cx + radius * Math.cos(angle)).toFixed(1)},${(cy + radius * Math.sin(angle)).toFixed(1)}`,
    );
  }
  return points.join(' ');
}

const ink = 'fill="#fff" fill-opacity="0.88"';

// `fill` is the background gradient, used to punch holes that show the background through.
function shape(category: Category, fill: string): string {
  switch (category) {
    case 'figures':
      return [
        '<ellipse cx="200" cy="282" rx="86" ry="16" fill="#fff" fill-opacity="0.45"/>',
        `<circle cx="200" cy="106" r="30" ${ink}/>`,
        `<path d="M200 142c-34 0-52 22-58 60l-22 72h160l-22-72c-6-38-24-60-58-60z" ${ink}/>`,
      ].join('');
    case 'bluray':
      return [
        `<circle cx="200" cy="180" r="112" ${ink}/>`,
        `<circle cx="200" cy="180" r="72" fill="none" stroke="${fill}" stroke-opacity="0.35" stroke-width="2"/>`,
        `<circle cx="200" cy="180" r="22" fill="${fill}"/>`,
      ].join('');
    case 'cd':
      return [
        `<rect x="90" y="70" width="220" height="220" rx="6" ${ink}/>`,
        '<rect x="90" y="70" width="22" height="220" rx="6" fill="#000" fill-opacity="0.12"/>',
        `<circle cx="212" cy="180" r="80" fill="none" stroke="${fill}" stroke-opacity="0.6" stroke-width="3"/>`,
        `<circle cx="212" cy="180" r="14" fill="${fill}"/>`,
      ].join('');
    case 'apparel':
      return `<path d="M160 78Q200 108 240 78L300 98L338 150L298 170L288 140V292H112V140L102 170L62 150L100 98Z" ${ink}/>`;
    case 'goods':
      return [
        '<rect x="130" y="60" width="140" height="204" rx="18" fill="#fff" fill-opacity="0.3" stroke="#fff" stroke-width="3"/>',
        `<circle cx="200" cy="122" r="26" ${ink}/>`,
        `<path d="M148 236c0-40 22-66 52-66s52 26 52 66z" ${ink}/>`,
        `<rect x="110" y="264" width="180" height="22" rx="11" ${ink}/>`,
      ].join('');
    case 'digital':
      return [
        `<rect x="180" y="70" width="40" height="110" rx="6" ${ink}/>`,
        `<path d="M140 170h120l-60 70z" ${ink}/>`,
        `<rect x="110" y="262" width="180" height="18" rx="9" ${ink}/>`,
      ].join('');
    case 'fanclub':
      return [
        '<circle cx="200" cy="178" r="112" fill="#fff" fill-opacity="0.25" stroke="#fff" stroke-width="4"/>',
        `<polygon points="${starPoints(200, 184, 86, 36)}" ${ink}/>`,
      ].join('');
  }
}

/** A self-contained SVG placeholder for a product: hue gradient, category shape, title and SKU. */
export function productImageSvg(input: {
  title: string;
  category: Category;
  hue: number;
  sku: string;
}): string {
  const hue = Number.isFinite(input.hue) ? ((Math.round(input.hue) % 360) + 360) % 360 : 0;
  const deepHue = (hue + 35) % 360;
  // Ids must be unique when several images are inlined in one page, and stay valid XML names.
  const gradientId = `bg-${input.sku.replace(/[^A-Za-z0-9-]/g, '')}-${hue}`;
  const fill = `url(#${gradientId})`;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400" role="img">',
    `<title>${escapeXml(input.title)}</title>`,
    '<defs>',
    `<linearGradient id="${gradientId}" x1="0" y1="0" x2="400" y2="400" gradientUnits="userSpaceOnUse">`,
    `<stop offset="0" stop-color="hsl(${hue}, 70%, 72%)"/>`,
    `<stop offset="1" stop-color="hsl(${deepHue}, 55%, 38%)"/>`,
    '</linearGradient>',
    '</defs>',
    `<rect width="400" height="400" fill="${fill}"/>`,
    '<circle cx="70" cy="50" r="170" fill="#fff" fill-opacity="0.08"/>',
    shape(input.category, fill),
    '<text x="200" y="338" text-anchor="middle" font-family="system-ui, sans-serif" font-size="18" font-weight="600" fill="#fff">',
    escapeXml(shorten(input.title, 30)),
    '</text>',
    '<text x="200" y="372" text-anchor="middle" font-family="ui-monospace, monospace" font-size="13" letter-spacing="2" fill="#fff" fill-opacity="0.8">',
    escapeXml(input.sku),
    '</text>',
    '</svg>',
  ].join('');
}
