/** The whole stylesheet: small enough to ship as one file, no build step. */
export const stylesheet = `
:root { --ink:#1d1d24; --muted:#5d5d6b; --line:#e2e2ea; --brand:#c8264b; --brand-ink:#fff; --bg:#fafafc; --ok:#1f7a4a; --warn:#9a5b00; --err:#b3261e; }
* { box-sizing: border-box; }
body { margin:0; font-family: system-ui, -apple-system, "Hiragino Sans", "Noto Sans JP", sans-serif; color:var(--ink); background:var(--bg); line-height:1.55; }
a { color: var(--brand); }
.skip { position:absolute; left:-999px; } .skip:focus { left:8px; top:8px; background:#fff; padding:4px 8px; }
.site-header { display:flex; flex-wrap:wrap; gap:12px; align-items:center; justify-content:space-between; padding:12px 20px; background:#fff; border-bottom:1px solid var(--line); }
.logo { font-weight:800; font-size:1.4rem; text-decoration:none; color:var(--brand); display:flex; flex-direction:column; }
.tagline { font-size:.75rem; font-weight:400; color:var(--muted); }
.search { display:flex; flex:1 1 260px; max-width:480px; }
.search input { flex:1; padding:8px 10px; border:1px solid var(--line); border-radius:6px 0 0 6px; font-size:1rem; min-width:0; }
.search button { border-radius:0 6px 6px 0; }
.account-nav { display:flex; gap:14px; align-items:center; flex-wrap:wrap; }
main { max-width:1100px; margin:0 auto; padding:20px; overflow-wrap:anywhere; }
.site-footer { text-align:center; color:var(--muted); font-size:.85rem; padding:24px; border-top:1px solid var(--line); margin-top:40px; }
h1 { font-size:1.6rem; margin:.2em 0 .6em; }
button, .button { background:var(--brand); color:var(--brand-ink); border:0; border-radius:6px; padding:9px 16px; font-size:1rem; cursor:pointer; text-decoration:none; display:inline-block; }
button.secondary, .button.secondary { background:#fff; color:var(--ink); border:1px solid var(--line); }
button.link { background:none; color:var(--brand); padding:0; text-decoration:underline; font-size:inherit; }
button.danger { background:var(--err); }
form.inline { display:inline; }
.grid { display:grid; grid-template-columns:repeat(auto-fill, minmax(180px, 1fr)); gap:16px; }
.card { background:#fff; border:1px solid var(--line); border-radius:10px; overflow:hidden; text-decoration:none; color:inherit; display:flex; flex-direction:column; }
.card img { width:100%; height:auto; aspect-ratio:1; display:block; background:#eee; }
.card .body { padding:10px; display:flex; flex-direction:column; gap:4px; }
.card .title { font-weight:600; font-size:.95rem; }
.price { font-weight:700; }
.price small { font-weight:400; color:var(--muted); margin-left:4px; }
.badges { display:flex; gap:6px; flex-wrap:wrap; }
.badge { font-size:.72rem; padding:2px 7px; border-radius:999px; background:#eef; color:#334; white-space:nowrap; }
.badge.preorder { background:#fff2d6; color:#7a4b00; } .badge.soldout { background:#eee; color:#555; }
.badge.member { background:#fde7f0; color:#8a1840; } .badge.domestic { background:#e3f4ea; color:#1d5e3a; }
.product { display:grid; grid-template-columns:minmax(0, 1fr) minmax(0, 1fr); gap:28px; }
.product img { width:100%; height:auto; border-radius:12px; border:1px solid var(--line); background:#fff; }
@media (max-width: 720px) { .product { grid-template-columns:1fr; } .site-header { padding:10px; } main { padding:12px; } }
dl.facts { display:grid; grid-template-columns:auto 1fr; gap:4px 14px; } dl.facts dt { color:var(--muted); }
table { width:100%; border-collapse:collapse; background:#fff; }
th, td { text-align:left; padding:8px; border-bottom:1px solid var(--line); vertical-align:top; }
td.num, th.num { text-align:right; white-space:nowrap; }
.notice { padding:10px 14px; border-radius:8px; margin:0 0 16px; border:1px solid; }
.notice-info { background:#eef4ff; border-color:#c5d6f5; } .notice-success { background:#e9f7ef; border-color:#bfe3cd; }
.notice-error { background:#fdeceb; border-color:#f3c3bf; color:var(--err); }
.field-error { color:var(--err); margin:2px 0 0; font-size:.9rem; }
form.stack { display:flex; flex-direction:column; gap:12px; max-width:560px; }
form.stack label { display:flex; flex-direction:column; gap:4px; font-weight:600; font-size:.95rem; }
form.stack .help { font-weight:400; color:var(--muted); font-size:.85rem; }
input, select, textarea { font:inherit; padding:8px 10px; border:1px solid #c9c9d4; border-radius:6px; background:#fff; }
input[aria-invalid="true"], select[aria-invalid="true"] { border-color:var(--err); }
fieldset { border:1px solid var(--line); border-radius:10px; padding:14px; background:#fff; display:flex; flex-direction:column; gap:12px; }
legend { font-weight:700; padding:0 6px; }
.row { display:flex; gap:12px; flex-wrap:wrap; } .row > * { flex:1 1 140px; }
.timeline { list-style:none; padding:0; margin:0; border-left:3px solid var(--line); }
.timeline li { padding:4px 0 10px 16px; position:relative; color:var(--muted); }
.timeline li.done { color:var(--ink); }
.timeline li::before { content:""; position:absolute; left:-8px; top:10px; width:13px; height:13px; border-radius:50%; background:var(--line); }
.timeline li.done::before { background:var(--ok); } .timeline li.cancelled::before { background:var(--err); }
.muted { color:var(--muted); }
.admin-nav { display:flex; gap:16px; padding:10px 20px; background:#23232e; } .admin-nav a { color:#fff; }
.filters { display:flex; gap:8px; flex-wrap:wrap; align-items:end; margin-bottom:12px; }
.choice { flex-direction:row !important; align-items:center; gap:8px; font-weight:400 !important; }
.category-nav { margin-bottom:16px; }
.mypage-links { display:flex; gap:8px 18px; flex-wrap:wrap; margin:0 0 12px; }
.footer-links { display:flex; gap:18px; justify-content:center; flex-wrap:wrap; margin-bottom:8px; }
input.quantity { width:5em; }
form.stack input, form.stack select, form.stack textarea { font-weight:400; }
.grid { grid-template-columns:repeat(auto-fill, minmax(160px, 1fr)); }
@media (max-width: 420px) { .grid { grid-template-columns:1fr 1fr; gap:10px; } }
.account-nav form.inline button.link { vertical-align:baseline; line-height:inherit; }
/* Checkout: the card's fields and note only while the card is the chosen way to pay. */
.payment-methods { display:flex; flex-direction:column; gap:8px; }
.card-payment.stack { display:flex; flex-direction:column; gap:12px; }
form:has(input[name="paymentMethod"][value="paypal"]:checked) .card-payment { display:none; }
/* The order's addresses and payment: side by side on wide screens, stacked on a phone. */
.row.order-parties > * { flex-basis:240px; }
.challenge { max-width:420px; margin:40px auto; background:#fff; border:1px solid var(--line); border-radius:12px; padding:24px; }
/* Admin console */
body.admin main { max-width:1280px; }
.admin-nav { align-items:center; flex-wrap:wrap; }
.admin-nav .admin-brand { font-weight:800; text-decoration:none; margin-right:8px; }
.admin-nav .admin-who { margin-left:auto; color:#c9c9d6; font-size:.9rem; }
.admin-nav button.link { color:#fff; line-height:inherit; } .admin-nav form { display:flex; margin:0; }
.admin-table td, .admin-table th { font-size:.92rem; }
.admin-columns { display:grid; grid-template-columns:minmax(0, 3fr) minmax(0, 2fr); gap:28px; }
@media (max-width: 900px) { .admin-columns { grid-template-columns:1fr; } }
.admin-actions { display:flex; flex-direction:column; gap:14px; }
.admin-actions form { background:#fff; border:1px solid var(--line); border-radius:10px; padding:12px; }
form.admin-form { max-width:820px; }
form.admin-form input, form.admin-form select, form.admin-form textarea { font-weight:400; }
body.admin address { font-style:normal; }
.admin-form label.check { flex-direction:row; align-items:center; gap:8px; font-weight:400; }
.filters label { font-size:.9rem; }
.pager { display:flex; gap:16px; align-items:center; margin:14px 0; }
.badge.state-cancelled { background:#fdeceb; color:var(--err); } .badge.state-shipped, .badge.state-delivered { background:#e3f4ea; color:#1d5e3a; }
.badge.state-preparing { background:#fff2d6; color:#7a4b00; }
td.stock-out { color:var(--err); font-weight:700; }
/* inquiry form: start */
.inquiry-form [hidden] { display:none !important; }
.inquiry-form textarea { min-height:10em; resize:vertical; }
.inquiry-form input[readonly] { background:#f1f1f5; color:var(--muted); }
.inquiry-hp { position:absolute; left:-10000px; top:auto; width:1px; height:1px; overflow:hidden; }
.inquiry-counter { font-variant-numeric:tabular-nums; } .inquiry-counter.over { color:var(--err); font-weight:700; }
.inquiry-about { background:#fff; border-left:4px solid var(--brand); padding:6px 12px; }
.inquiry-number { font-size:1.5rem; letter-spacing:.04em; margin:.2em 0 .6em; }
/* inquiry form: end */
/* guide: start */
.guide { max-width:820px; margin:0 auto; }
.breadcrumb ol { list-style:none; display:flex; flex-wrap:wrap; gap:4px; padding:0; margin:0 0 10px; font-size:.9rem; color:var(--muted); }
.breadcrumb li + li::before { content:"›"; margin-right:4px; }
.guide-search { display:flex; flex-direction:column; gap:4px; margin:12px 0 20px; font-weight:600; }
.guide-search-row { display:flex; max-width:520px; }
.guide-search-row input { flex:1; min-width:0; border-radius:6px 0 0 6px; }
.guide-search-row button { border-radius:0 6px 6px 0; }
.guide-groups { display:grid; grid-template-columns:repeat(auto-fill, minmax(240px, 1fr)); gap:16px; }
.guide-group { background:#fff; border:1px solid var(--line); border-radius:10px; padding:12px 16px; }
.guide-group h2 { font-size:1.1rem; margin:0 0 6px; }
.guide-group ul, .guide-related ul { margin:0; padding-left:1.2em; } .guide-group li { padding:3px 0; }
.guide-group-footer { grid-column:1 / -1; background:transparent; }
.member-case { background:#fff; border:2px solid var(--brand); border-radius:10px; padding:4px 16px 12px; margin:12px 0 24px; }
.member-case h2 { font-size:1.2rem; } .member-case h3 { font-size:1.05rem; margin-top:18px; }
.case-ok { color:var(--ok); } .case-orders { padding-left:1.2em; } .case-orders li { padding:4px 0; }
.badge.pending { background:#fff2d6; color:#7a4b00; vertical-align:middle; }
.guide-results { padding-left:1.2em; } .guide-results li { margin-bottom:14px; } .guide-results p { margin:4px 0 0; color:var(--muted); font-size:.92rem; }
.guide-body { background:#fff; border:1px solid var(--line); border-radius:10px; padding:4px 18px; }
.guide-body h2 { font-size:1.2rem; margin-top:1.4em; } .guide-body h3 { font-size:1.05rem; }
.guide-body table { display:block; overflow-x:auto; margin:0 0 1em; }
.guide-body th { background:var(--bg); white-space:nowrap; }
.guide-body th, .guide-body td { overflow-wrap:normal; min-width:5em; }
.guide-body pre { overflow-x:auto; background:var(--bg); padding:10px; border-radius:6px; }
.guide-body blockquote { margin:0 0 1em; padding:4px 14px; border-left:4px solid var(--line); color:var(--muted); }
.guide-member-case { margin:0 0 16px; }
.guide-related, .guide-back { margin-top:20px; }
.guide-feedback { margin-top:24px; background:#fff; border:1px solid var(--line); border-radius:10px; padding:14px 18px; }
.guide-feedback h2 { font-size:1.1rem; margin:0 0 10px; }
.guide-feedback-buttons { display:flex; gap:10px; } .guide-feedback-buttons button { min-width:96px; }
.guide-ask { margin-top:20px; }
@media (max-width: 720px) { .guide-body { padding:2px 12px; } .guide-feedback-buttons button { flex:1; } }
/* guide: end */
`;

export const favicon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#c8264b"/><text x="16" y="23" font-size="20" text-anchor="middle" fill="#fff" font-family="sans-serif" font-weight="700">T</text></svg>`;
