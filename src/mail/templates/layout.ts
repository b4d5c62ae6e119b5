/** A piece of a mail body; every mail is built from these, as plain text and as HTML. */
export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'rows'; rows: [label: string, value: string][] }
  | { kind: 'code'; text: string };

export interface MailBody {
  locale: 'en' | 'ja';
  blocks: Block[];
  /** The one link a mail may carry (to the order); replaced by `instead` when links are off. */
  action: { label: string; url: string; instead: string } | null;
  footer: string[];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Plain text that is complete on its own. */
export function renderText(body: MailBody, links: boolean): string {
  const out: string[] = [];
  for (const block of body.blocks) {
    if (block.kind === 'p') out.push(block.text);
    if (block.kind === 'heading') out.push(`■ ${block.text}`);
    if (block.kind === 'code') out.push(`    ${block.text}`);
    if (block.kind === 'rows')
      out.push(block.rows.map(([label, value]) => `${label}: ${value}`).join('\n'));
  }
  if (body.action)
    out.push(links ? `${body.action.label}:\n${body.action.url}` : body.action.instead);
  out.push(['-- ', ...body.footer].join('\n'));
  return `${out.join('\n\n')}\n`;
}

/** Simple, self-contained HTML: no remote images, no scripts, no tracking; escaped throughout. */
export function renderHtml(body: MailBody, links: boolean): string {
  const parts: string[] = [];
  for (const block of body.blocks) {
    if (block.kind === 'p')
      parts.push(
        `<p style="margin:0 0 14px">${escapeHtml(block.text).replaceAll('\n', '<br>')}</p>`,
      );
    if (block.kind === 'heading') {
      parts.push(`<h2 style="font-size:16px;margin:22px 0 8px">${escapeHtml(block.text)}</h2>`);
    }
    if (block.kind === 'code') {
      parts.push(
        `<p style="font-size:28px;letter-spacing:6px;font-weight:bold;margin:8px 0 18px">${escapeHtml(block.text)}</p>`,
      );
    }
    if (block.kind === 'rows') {
      const rows = block.rows
        .map(
          ([label, value]) =>
            `<tr><td style="padding:4px 12px 4px 0;color:#555;vertical-align:top">${escapeHtml(label)}</td><td style="padding:4px 0">${escapeHtml(value).replaceAll('\n', '<br>')}</td></tr>`,
        )
        .join('');
      parts.push(
        `<table role="presentation" style="border-collapse:collapse;margin:0 0 14px">${rows}</table>`,
      );
    }
  }
  if (body.action) {
    parts.push(
      links
        ? `<p style="margin:20px 0"><a href="${escapeHtml(body.action.url)}" style="color:#c8264b">${escapeHtml(body.action.label)}</a></p>`
        : `<p style="margin:20px 0">${escapeHtml(body.action.instead)}</p>`,
    );
  }
  const footer = body.footer.map(escapeHtml).join('<br>');
  return [
    '<!doctype html>',
    `<html lang="${body.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>`,
    '<body style="margin:0;padding:24px;background:#ffffff;color:#1d1d24;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.6">',
    '<div style="max-width:560px;margin:0 auto">',
    ...parts,
    `<hr style="border:0;border-top:1px solid #ddd;margin:24px 0"><p style="font-size:12px;color:#666">${footer}</p>`,
    '</div></body></html>',
  ].join('\n');
}
