// pressqa's editors' page: paste or open a draft, check it through POST /v1/check, see each finding
// marked in the text, apply safe fixes (one: its edits, here; all: POST /v1/fix), copy or download.
// Plain JavaScript, no dependencies, no build step.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const draft = $("draft"), view = $("view"), editor = $("editor");
  const list = $("findings"), summary = $("summary"), status = $("status"), problem = $("problem");
  const buttons = { check: $("check"), edit: $("edit"), fixAll: $("fix-all"), undo: $("undo"),
                    copy: $("copy"), download: $("download") };

  const state = {
    text: "",          // the text the findings were computed on
    findings: [],      // the report's findings, each with .id and UTF-16 .from/.to
    filename: "release.txt",
    history: [],       // texts before each applied fix, for Undo
    current: -1,       // the finding selected in text and list
    checking: 0,       // a counter: only the answer to the last request is shown
    token: sessionStorage.getItem("pressqa-token") || "",  // the service's access token, if it asks for one
  };
  const tokenForm = $("token-form"), tokenInput = $("token");

  // -- positions: the report counts code points, JavaScript strings count UTF-16 units ----------------

  function codePointIndex(text) {
    // cp offset -> UTF-16 index; identity unless the text holds characters outside the BMP.
    if (!/[\uD800-\uDFFF]/.test(text)) return (n) => n;
    const table = [0];
    let unit = 0;
    for (const ch of text) { unit += ch.length; table.push(unit); }
    return (n) => table[Math.min(n, table.length - 1)];
  }

  // The fixer never applies an edit that adds, drops or changes a line break (pressqa/run/fixer.py):
  // the page offers the same fixes as 'pressqa fix', and no others.
  const BREAKS = /\r\n|\r|\n/g;
  function breaks(s) { return (s.match(BREAKS) || []).join("|"); }
  function safeEdits(text, f) {
    if (!f.edits || !f.edits.length) return false;
    return f.edits.every((e) => breaks(text.slice(e.from, e.to)) === breaks(e.replacement));
  }

  // -- talking to the service ---------------------------------------------------------------------------

  function authorized(headers) {
    // A service started with --token asks every request for it; the page itself is public.
    if (state.token) headers["Authorization"] = "Bearer " + state.token;
    return headers;
  }

  async function post(path, text) {
    const response = await fetch(path, {
      method: "POST",
      headers: authorized({ "Content-Type": "application/json", "Accept": "application/json" }),
      body: JSON.stringify({ text: text, filename: state.filename }),
    });
    let body = null;
    try { body = await response.json(); } catch (e) { /* not JSON: said below */ }
    if (response.status === 401) {
      tokenForm.hidden = false;
      tokenInput.focus();
      throw new Error(state.token ? "The service refused this access token: enter the right one above."
                                  : "This service needs its access token: enter it above.");
    }
    if (!response.ok) {
      const message = body && body.error ? body.error.message : response.status + " " + response.statusText;
      throw new Error(message);
    }
    return body;
  }

  function say(message) { status.textContent = message; }
  function complain(message) {
    problem.textContent = message;
    problem.hidden = !message;
  }

  // -- checking -----------------------------------------------------------------------------------------

  function currentText() {
    // The editor's text; a leading byte-order mark is not part of the release (the service drops it too).
    return draft.value.replace(/^\uFEFF/, "");
  }

  async function check() {
    const text = currentText();
    if (!text.trim()) { say("Nothing to check: paste a release or open a file."); return; }
    const ticket = ++state.checking;
    const started = performance.now();
    buttons.check.disabled = true;
    say("Checking…");
    complain("");
    try {
      const report = await post("/v1/check", text);
      if (ticket !== state.checking) return;
      const file = report.files[0];
      if (file.error) complain(file.error);
      show(text, file.findings);
      const ms = Math.round(performance.now() - started);
      document.body.dataset.checkedMs = String(ms);
      say(describe(file.findings) + " Checked in " + ms + " ms.");
    } catch (err) {
      if (ticket === state.checking) { complain("Could not check: " + err.message); say("Not checked."); }
    } finally {
      if (ticket === state.checking) buttons.check.disabled = false;
    }
  }

  function describe(findings) {
    if (!findings.length) return "No findings.";
    const counts = { error: 0, warning: 0, info: 0 };
    findings.forEach((f) => { counts[f.severity] += 1; });
    const parts = [];
    for (const sev of ["error", "warning", "info"]) {
      if (counts[sev]) parts.push(counts[sev] + " " + (sev === "info" ? "info" : sev + (counts[sev] > 1 ? "s" : "")));
    }
    const fixable = findings.filter((f) => f.safe).length;
    return findings.length + (findings.length > 1 ? " findings" : " finding") + ": " + parts.join(", ") +
      (fixable ? "; " + fixable + " with a safe fix." : ".");
  }

  // -- showing ------------------------------------------------------------------------------------------

  function show(text, findings) {
    const at = codePointIndex(text);
    state.text = text;
    state.findings = findings.map((f, i) => {
      const edits = (f.edits || []).map((e) => ({ from: at(e.offset), to: at(e.end_offset), replacement: e.replacement }));
      const g = Object.assign({}, f, { id: i, from: at(f.offset), to: at(f.end_offset), edits: edits });
      g.safe = safeEdits(text, g);
      return g;
    });
    state.current = -1;
    const drawing = performance.now();
    renderText();
    renderList();
    document.body.dataset.renderMs = String(Math.round(performance.now() - drawing));
    summary.textContent = describe(state.findings);
    buttons.fixAll.disabled = !state.findings.some((f) => f.safe);
    setMode("review");
  }

  // The text cut at every finding's start and end; each piece is marked with the findings covering it.
  function renderText() {
    const text = state.text, findings = state.findings;
    const cuts = new Set([0, text.length]);
    findings.forEach((f) => { cuts.add(f.from); cuts.add(f.to); });
    const points = Array.from(cuts).sort((a, b) => a - b);
    const starts = new Map(); // offset -> findings starting there (zero-length ones get a caret mark)
    findings.forEach((f) => { if (!starts.has(f.from)) starts.set(f.from, []); starts.get(f.from).push(f); });
    const rank = { error: 3, warning: 2, info: 1 };
    const fragment = document.createDocumentFragment();
    for (let k = 0; k < points.length; k++) {
      const from = points[k];
      for (const f of starts.get(from) || []) {
        if (f.to === f.from) fragment.appendChild(markFor([f], "", rank));
      }
      if (k === points.length - 1) break;
      const to = points[k + 1];
      const piece = text.slice(from, to);
      const covering = findings.filter((f) => f.from <= from && f.to >= to && f.to > f.from);
      fragment.appendChild(covering.length ? markFor(covering, piece, rank) : document.createTextNode(piece));
    }
    view.replaceChildren(fragment);
  }

  const WIDE = 80; // characters

  function markFor(covering, piece, rank) {
    const mark = document.createElement("mark");
    let top = covering[0];
    covering.forEach((f) => { if (rank[f.severity] > rank[top.severity]) top = f; });
    // A finding on a whole sentence or paragraph is underlined only, so that the small ones inside it stand out.
    const narrow = covering.some((f) => f.to - f.from <= WIDE);
    mark.className = top.severity + (piece ? "" : " point") + (narrow ? "" : " wide");
    mark.dataset.ids = covering.map((f) => f.id).join(" ");
    mark.dataset.rules = covering.map((f) => f.rule).join(" ");
    mark.title = covering.map((f) => f.severity + " [" + f.rule + "]: " + f.message).join("\n");
    mark.textContent = piece;
    return mark;
  }

  function renderList() {
    const fragment = document.createDocumentFragment();
    for (const f of state.findings) {
      const li = document.createElement("li");
      li.className = "finding " + f.severity;
      li.id = "finding-" + f.id;
      li.dataset.rule = f.rule;
      li.dataset.line = String(f.line);

      const head = document.createElement("div");
      head.className = "head";
      const sev = document.createElement("span");
      sev.className = "sev " + f.severity;
      sev.textContent = f.severity;
      const go = document.createElement("button");
      go.type = "button";
      go.className = "goto";
      go.textContent = "line " + f.line + ", column " + f.column;
      go.setAttribute("aria-label", "Show in text: line " + f.line + ", column " + f.column + ", " + f.severity + ", " + f.message);
      go.addEventListener("click", () => select(f.id, true));
      const rule = document.createElement("span");
      rule.className = "rule";
      rule.textContent = f.rule;
      head.append(sev, go, rule);
      li.appendChild(head);

      const msg = document.createElement("p");
      msg.className = "msg";
      msg.textContent = f.message;
      li.appendChild(msg);
      if (f.suggestion) {
        const sugg = document.createElement("p");
        sugg.className = "sugg";
        const q = document.createElement("q");
        q.textContent = f.suggestion;
        sugg.append("Suggestion: ", q);
        li.appendChild(sugg);
      }
      if (f.safe) {
        const apply = document.createElement("button");
        apply.type = "button";
        apply.className = "apply";
        apply.textContent = "Apply fix";
        apply.setAttribute("aria-label", "Apply fix: " + (f.suggestion || f.message));
        apply.addEventListener("click", () => applyOne(f.id));
        li.appendChild(apply);
      } else if (f.fixable) {
        const note = document.createElement("p");
        note.className = "nofix";
        note.textContent = "Its fix would change line breaks: edit by hand.";
        li.appendChild(note);
      }
      if (f.link) {
        const a = document.createElement("a");
        a.href = f.link;
        a.textContent = "About this rule";
        a.rel = "noreferrer";
        li.appendChild(a);
      }
      fragment.appendChild(li);
    }
    list.replaceChildren(fragment);
  }

  function select(id, fromList) {
    for (const el of view.querySelectorAll("mark.current")) el.classList.remove("current");
    for (const el of list.querySelectorAll(".finding.current")) el.classList.remove("current");
    state.current = id;
    if (id < 0) return;
    const f = state.findings[id];
    const marks = Array.from(view.querySelectorAll("mark")).filter((m) => m.dataset.ids.split(" ").includes(String(id)));
    marks.forEach((m) => m.classList.add("current"));
    const item = $("finding-" + id);
    if (item) { item.classList.add("current"); scrollWithin(list, item, false); }
    if (marks.length) scrollWithin(view, marks[0], true);
    if (fromList) view.focus({ preventScroll: true });
    say("Line " + f.line + ", column " + f.column + ": " + f.severity + ", " + f.message);
  }

  // Scroll a box (not the window: the toolbar stays in sight) so that *el* shows, centred or just in view.
  function scrollWithin(box, el, centre) {
    const boxRect = box.getBoundingClientRect(), rect = el.getBoundingClientRect();
    const top = rect.top - boxRect.top + box.scrollTop;
    if (centre) {
      box.scrollTop = Math.max(0, top - box.clientHeight / 2 + rect.height / 2);
    } else if (rect.top < boxRect.top) {
      box.scrollTop = top;
    } else if (rect.bottom > boxRect.bottom) {
      box.scrollTop = top + rect.height - box.clientHeight;
    }
  }

  function step(delta) {
    const n = state.findings.length;
    if (!n) return;
    const next = state.current < 0 ? (delta > 0 ? 0 : n - 1) : (state.current + delta + n) % n;
    select(next, false);
  }

  // -- fixing -------------------------------------------------------------------------------------------

  function setText(text, note) {
    state.history.push(currentText());
    buttons.undo.disabled = false;
    draft.value = text;
    say(note);
    return check();
  }

  function applyOne(id) {
    const f = state.findings[id];
    if (!f || !f.safe || state.text !== currentText()) return;
    let text = state.text;
    // From the end backwards, so that earlier offsets stay right.
    const edits = f.edits.slice().sort((a, b) => b.from - a.from);
    for (const e of edits) text = text.slice(0, e.from) + e.replacement + text.slice(e.to);
    return setText(text, "Fixed [" + f.rule + "] on line " + f.line + ". Checking again…");
  }

  async function applyAll() {
    const text = currentText();
    buttons.fixAll.disabled = true;
    say("Applying the safe fixes…");
    try {
      const result = await post("/v1/fix", text);
      const n = result.fixes.length;
      if (!n) { say("Nothing to fix safely."); return; }
      await setText(result.text, "Applied " + n + (n > 1 ? " fixes" : " fix") + ". Checking again…");
      say("Applied " + n + (n > 1 ? " fixes. " : " fix. ") + describe(state.findings));
    } catch (err) {
      complain("Could not fix: " + err.message);
      buttons.fixAll.disabled = false;
    }
  }

  function undo() {
    if (!state.history.length) return;
    draft.value = state.history.pop();
    buttons.undo.disabled = !state.history.length;
    say("Undone. Checking again…");
    check();
  }

  // -- modes: editing the text, or reviewing it with its findings marked -----------------------------

  function setMode(mode) {
    const review = mode === "review";
    view.hidden = !review;
    editor.hidden = review;
    buttons.edit.hidden = !review;
    document.body.dataset.mode = mode;
  }

  function editAt(id) {
    setMode("edit");
    draft.focus();
    if (id >= 0 && state.text === currentText()) {
      const f = state.findings[id];
      draft.setSelectionRange(f.from, f.to);
    }
  }

  // -- files and clipboard ------------------------------------------------------------------------------

  const READABLE = /\.(txt|text|md|markdown|html|htm)$/i;

  function open(file) {
    if (!file) return;
    complain("");
    if (!READABLE.test(file.name)) {
      complain(file.name + ": only .txt, .md and .html files can be opened here; for Word, paste the text.");
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      state.filename = file.name;
      state.history = [];
      buttons.undo.disabled = true;
      draft.value = String(reader.result).replace(/^\uFEFF/, "");
      say("Opened " + file.name + ".");
      check();
    };
    reader.onerror = () => complain("Could not read " + file.name + ".");
    reader.readAsText(file);
  }

  async function copy() {
    const text = currentText();
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      // Without clipboard permission: select the text so that the editor can copy it by hand.
      setMode("edit");
      draft.focus();
      draft.select();
      say("Text selected: press Ctrl+C to copy it.");
      return;
    }
    say("Copied the text to the clipboard.");
  }

  function download() {
    const blob = new Blob([currentText()], { type: "text/plain;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = state.filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    say("Downloaded " + state.filename + ".");
  }

  // -- wiring -------------------------------------------------------------------------------------------

  buttons.check.addEventListener("click", check);
  buttons.edit.addEventListener("click", () => editAt(state.current));
  buttons.fixAll.addEventListener("click", applyAll);
  buttons.undo.addEventListener("click", undo);
  buttons.copy.addEventListener("click", copy);
  buttons.download.addEventListener("click", download);
  $("upload").addEventListener("change", (event) => { open(event.target.files[0]); event.target.value = ""; });

  draft.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); check(); }
  });
  draft.addEventListener("paste", () => {
    // A draft pasted into an empty box is checked at once.
    if (!draft.value.trim()) setTimeout(check, 0);
  });
  view.addEventListener("click", (event) => {
    const mark = event.target.closest("mark");
    if (mark) select(Number(mark.dataset.ids.split(" ")[0]), false);
  });
  view.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "n" || event.key === "j") { event.preventDefault(); step(1); }
    else if (event.key === "p" || event.key === "k") { event.preventDefault(); step(-1); }
    else if (event.key === "e" || event.key === "Enter") { event.preventDefault(); editAt(state.current); }
    else if (event.key === "f" && state.current >= 0) { event.preventDefault(); applyOne(state.current); }
  });
  // Dropping a file anywhere opens it.
  document.addEventListener("dragover", (event) => event.preventDefault());
  document.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) open(event.dataTransfer.files[0]);
  });

  tokenForm.addEventListener("submit", (event) => {
    event.preventDefault();
    state.token = tokenInput.value.trim();
    if (state.token) sessionStorage.setItem("pressqa-token", state.token);
    else sessionStorage.removeItem("pressqa-token");
    tokenInput.value = "";
    tokenForm.hidden = true;
    check();
  });

  fetch("/healthz", { headers: authorized({}) }).then((r) => r.json()).then((h) => { $("version").textContent = h.version; }).catch(() => {});
  document.body.dataset.ready = "1";
})();
