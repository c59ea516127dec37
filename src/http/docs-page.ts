/*
 * A self-contained reference page for /api/docs: it reads /api/openapi.json
 * and lists every operation with its parameters and schemas. No CDN, so it
 * works offline and under a strict CSP (the script is served as a file).
 */

export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tend API reference</title>
<style>
  :root { color-scheme: light dark; --accent: #0f766e; --muted: #6b7280; --line: #e5e7eb; --soft: #f8fafc; }
  @media (prefers-color-scheme: dark) { :root { --line: #2a2f3a; --soft: #151922; --muted: #9ca3af; } }
  body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; }
  main { max-width: 980px; margin: 0 auto; padding: 32px 20px 80px; }
  h1 { font-size: 28px; margin: 0 0 4px; } h2 { margin: 40px 0 8px; text-transform: capitalize; }
  p.lead { color: var(--muted); margin: 0 0 24px; }
  details { border: 1px solid var(--line); border-radius: 10px; margin: 8px 0; background: var(--soft); }
  summary { cursor: pointer; padding: 10px 14px; display: flex; gap: 12px; align-items: baseline; }
  .m { font: 600 12px ui-monospace, monospace; padding: 2px 8px; border-radius: 6px; color: #fff; min-width: 52px; text-align: center; }
  .GET { background: #2563eb; } .POST { background: #059669; } .PATCH { background: #d97706; } .DELETE { background: #dc2626; } .PUT { background: #7c3aed; }
  code, pre { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; }
  pre { overflow: auto; padding: 12px; border-radius: 8px; border: 1px solid var(--line); max-height: 420px; }
  .body { padding: 0 14px 14px; } .sum { color: var(--muted); }
  table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
</style>
</head>
<body><main>
<h1>Tend API</h1>
<p class="lead" id="lead">Loading <a href="/api/openapi.json">/api/openapi.json</a>…</p>
<div id="ops"></div>
</main>
<script src="/api/docs/docs.js"></script>
</body></html>`;

export const DOCS_JS = `(async () => {
  const doc = await (await fetch('/api/openapi.json')).json();
  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  document.getElementById('lead').innerHTML = esc(doc.info.description) + ' <a href="/api/openapi.json">OpenAPI document</a>.';
  const byTag = {};
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
    (byTag[op.tags[0]] ??= []).push({ path, method: method.toUpperCase(), op });
  }
  let html = '';
  for (const tag of doc.tags) {
    const ops = byTag[tag.name] || [];
    if (!ops.length) continue;
    html += '<h2>' + esc(tag.name) + '</h2><p class="sum">' + esc(tag.description) + '</p>';
    for (const { path, method, op } of ops) {
      html += '<details><summary><span class="m ' + method + '">' + method + '</span><code>' + esc(path) + '</code><span class="sum">' + esc(op.summary) + '</span></summary><div class="body">';
      if (op.parameters.length) {
        html += '<table><tr><th>Parameter</th><th>In</th><th>Type</th><th>Description</th></tr>';
        for (const p of op.parameters) html += '<tr><td><code>' + esc(p.name) + (p.required ? '*' : '') + '</code></td><td>' + esc(p.in) + '</td><td><code>' + esc(p.schema.type || (p.schema.enum ? p.schema.enum.join(' | ') : '')) + (p.schema.enum ? ': ' + esc(p.schema.enum.join(' | ')) : '') + '</code></td><td>' + esc(p.description) + '</td></tr>';
        html += '</table>';
      }
      if (op.requestBody) html += '<p>Request body</p><pre>' + esc(JSON.stringify(op.requestBody.content['application/json'].schema, null, 2)) + '</pre>';
      for (const [status, r] of Object.entries(op.responses)) {
        const c = r.content && (r.content['application/json'] || r.content['application/problem+json']);
        html += '<p>' + esc(status) + ' — ' + esc(r.description) + '</p>';
        if (c && status < 300) html += '<pre>' + esc(JSON.stringify(c.schema, null, 2)) + '</pre>';
      }
      html += '</div></details>';
    }
  }
  document.getElementById('ops').innerHTML = html;
})();`;
