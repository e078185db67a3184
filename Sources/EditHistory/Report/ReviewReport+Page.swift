extension ReviewReport {
    /// The page: markup, style and script, with the data as a JSON script element.
    static func page(title: String, data: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="icon" href="data:,">
        <title>\(escaped(title))</title>
        <style>\(style)</style>
        </head>
        <body>
        <header>
          <h1 id="title"></h1>
          <p id="summary"></p>
        </header>
        <main>
          <section id="viewer" aria-label="Before and after">
            <div class="controls">
              <label>Before <select id="pick-a"></select></label>
              <label>After <select id="pick-b"></select></label>
              <label class="toggle"><input type="checkbox" id="toggle-heatmap"> Drift heatmap <small>(after vs its source, ΔE00 0–10)</small></label>
              <label class="toggle"><input type="checkbox" id="toggle-mask"> Mask outline</label>
            </div>
            <div id="stage">
              <img id="img-a" alt="before">
              <div id="side-b">
                <img id="img-b" alt="after">
                <img id="overlay-heatmap" class="overlay" alt="drift heatmap" hidden>
                <img id="overlay-mask" class="overlay" alt="mask outline" hidden>
              </div>
              <div id="divider"></div>
              <span class="tag left" id="tag-a"></span><span class="tag right" id="tag-b"></span>
            </div>
            <input type="range" id="slider" min="0" max="100" value="50" aria-label="Before/after position">
            <p id="note"></p>
          </section>
          <section id="timeline" aria-label="Versions">
            <h2>Versions</h2>
            <ol id="versions"></ol>
          </section>
          <section id="metrics" aria-label="Drift metrics">
            <h2>Drift</h2>
            <p class="hint">Against the source unless noted. Changed: ΔE00 above 2. Significant: connected changes above the codec noise floor.</p>
            <table id="metrics-table"></table>
          </section>
        </main>
        <script type="application/json" id="data">\(data)</script>
        <script>\(script)</script>
        </body>
        </html>

        """
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static let style = """
        :root { --ink: #1d1f23; --muted: #667085; --line: #e4e7ec; --panel: #ffffff; --back: #f5f6f8; --accent: #0b6bcb; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--back); }
        header { padding: 18px 28px 6px; }
        h1 { font-size: 20px; margin: 0 0 4px; }
        h2 { font-size: 15px; margin: 0 0 10px; }
        #summary, .hint, #note { color: var(--muted); margin: 0; }
        main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr); gap: 18px; padding: 12px 28px 28px; }
        section { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
        #metrics { grid-column: 1 / -1; overflow-x: auto; }
        .controls { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: center; margin-bottom: 10px; }
        select { font: inherit; padding: 3px 6px; border: 1px solid var(--line); border-radius: 6px; max-width: 260px; }
        .toggle small { color: var(--muted); }
        #stage { position: relative; width: 100%; aspect-ratio: 3 / 2; background: repeating-conic-gradient(#eceef1 0 25%, #fff 0 50%) 0 0 / 16px 16px; border-radius: 6px; overflow: hidden; user-select: none; }
        #stage img, #side-b { position: absolute; inset: 0; width: 100%; height: 100%; }
        #stage img { object-fit: contain; }
        #side-b { clip-path: inset(0 0 0 50%); }
        #divider { position: absolute; top: 0; bottom: 0; left: 50%; width: 2px; margin-left: -1px; background: #fff; box-shadow: 0 0 0 1px rgba(0,0,0,.35); pointer-events: none; }
        .tag { position: absolute; top: 8px; padding: 2px 8px; border-radius: 999px; background: rgba(17,24,39,.72); color: #fff; font-size: 12px; max-width: 45%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        .tag.left { left: 8px; } .tag.right { right: 8px; }
        #slider { width: 100%; margin: 10px 0 4px; accent-color: var(--accent); }
        #versions { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; max-height: 640px; overflow-y: auto; }
        .card { border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; cursor: pointer; background: #fff; }
        .card:hover { border-color: #b8c4d6; }
        .card.selected { border-color: var(--accent); box-shadow: 0 0 0 2px rgba(11,107,203,.15); }
        .card .head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
        .card .id { font-weight: 650; }
        .card .meta { color: var(--muted); font-size: 12px; }
        .card .prompt { margin: 4px 0 2px; }
        .card .chips span { display: inline-block; font-size: 11px; padding: 0 6px; margin: 2px 4px 0 0; border-radius: 999px; background: #eef2f7; color: #344054; }
        .card .error { color: #b42318; font-size: 12px; margin-top: 3px; }
        .status { font-size: 11px; font-weight: 600; padding: 1px 7px; border-radius: 999px; text-transform: uppercase; letter-spacing: .03em; }
        .status.ok { background: #dcfae6; color: #067647; } .status.drifted { background: #fef0c7; color: #93370d; }
        .status.failed, .status.unknown { background: #fee4e2; color: #b42318; } .status.interrupted, .status.cancelled { background: #eaecf0; color: #344054; }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        th, td { text-align: right; padding: 5px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; }
        th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
        th { font-weight: 600; color: var(--muted); font-size: 12px; }
        @media (max-width: 900px) { main { grid-template-columns: 1fr; } }
        """

    static let script = """
        "use strict";
        const data = JSON.parse(document.getElementById("data").textContent);
        const $ = (id) => document.getElementById(id);
        const money = (v) => v == null ? "?" : "$" + v.toFixed(3);
        const percent = (v, digits = 2) => v == null ? "–" : (v * 100).toFixed(digits) + " %";
        const fixed = (v, digits = 2) => v == null ? "–" : (v === Infinity ? "∞" : v.toFixed(digits));
        const parse = (text) => { try { return text ? JSON.parse(text) : null; } catch (e) { return null; } };
        const versions = data.versions.map((v) => Object.assign({}, v, { source: v.source, drift: parse(v.driftSource), parentDrift: parse(v.driftParent) }));
        const byId = new Map(versions.map((v) => [v.id, v]));
        const state = { a: null, b: null, position: 50 };

        function element(tag, attributes, text) {
          const node = document.createElement(tag);
          for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
          if (text != null) node.textContent = text;
          return node;
        }

        $("title").textContent = data.title;
        $("summary").textContent = `${versions.length} version${versions.length === 1 ? "" : "s"} · estimated ${money(data.estimated)} · actual ${money(data.actual)} · generated ${data.generated}`;

        // The image pickers: every source and every version with a result.
        for (const select of [$("pick-a"), $("pick-b")]) {
          for (const [key, image] of Object.entries(data.images)) select.appendChild(element("option", { value: key }, image.label));
          select.addEventListener("change", () => { state[select.id === "pick-a" ? "a" : "b"] = select.value; render(); });
        }

        function render() {
          const a = data.images[state.a], b = data.images[state.b];
          $("pick-a").value = state.a || ""; $("pick-b").value = state.b || "";
          $("img-a").src = a ? a.src : ""; $("img-b").src = b ? b.src : "";
          $("tag-a").textContent = a ? "A · " + a.label : "A"; $("tag-b").textContent = b ? "B · " + b.label : "B";
          if (b) $("stage").style.aspectRatio = b.width + " / " + b.height;
          const version = byId.get(state.b);
          const heatmap = version && version.heatmap, outline = version && version.maskOutline;
          $("overlay-heatmap").src = heatmap || ""; $("overlay-mask").src = outline || "";
          $("overlay-heatmap").hidden = !($("toggle-heatmap").checked && heatmap);
          $("overlay-mask").hidden = !($("toggle-mask").checked && outline);
          $("toggle-heatmap").disabled = !heatmap; $("toggle-mask").disabled = !outline;
          const notes = [];
          if (!heatmap) notes.push("no heatmap for B (a source, or a version on another grid than its source)");
          if (!outline) notes.push("no mask for B");
          $("note").textContent = notes.join("; ");
          $("side-b").style.clipPath = `inset(0 0 0 ${state.position}%)`;
          $("divider").style.left = state.position + "%";
          for (const card of document.querySelectorAll(".card")) card.classList.toggle("selected", card.dataset.id === state.b);
        }

        $("slider").addEventListener("input", (event) => { state.position = Number(event.target.value); render(); });
        $("toggle-heatmap").addEventListener("change", render);
        $("toggle-mask").addEventListener("change", render);

        // The timeline, newest first; a click shows that version against its parent (or source).
        for (const v of versions.slice().reverse()) {
          const card = element("li", { class: "card", "data-id": v.id });
          const head = element("div", { class: "head" });
          head.append(element("span", { class: "id" }, v.id), element("span", { class: "status " + v.status }, v.status),
                      element("span", { class: "meta" }, `${v.parent ? "from " + v.parent : "from " + v.source} · ${v.provider} ${v.model} · ${v.created}`));
          card.appendChild(head);
          card.appendChild(element("div", { class: "prompt", title: v.finalPrompt }, v.prompt));
          const cost = v.actualCost != null ? "actual " + money(v.actualCost) : "estimated " + (v.estimateLow === v.estimateHigh ? money(v.estimateHigh) : money(v.estimateLow) + "–" + money(v.estimateHigh));
          const drift = v.drift && v.drift.significant ? " · outside significant " + percent(v.drift.significant.outside) : "";
          card.appendChild(element("div", { class: "meta" }, [v.settings, cost].filter(Boolean).join(" · ") + drift));
          if (v.invariants.length) {
            const chips = element("div", { class: "chips" });
            for (const chip of v.invariants) chips.appendChild(element("span", {}, chip));
            card.appendChild(chips);
          }
          if (v.error) card.appendChild(element("div", { class: "error" }, v.error));
          if (v.image) card.addEventListener("click", () => {
            state.b = v.image;
            const parent = v.parent && byId.get(v.parent);
            state.a = parent && parent.image ? parent.image : (v.sourceKey || state.a);
            render();
          });
          $("versions").appendChild(card);
        }

        // The metrics table.
        const table = $("metrics-table");
        const header = element("tr");
        for (const name of ["version", "status", "ΔE00 mean", "ΔE00 p95", "PSNR dB", "inside changed", "outside changed", "outside significant", "regions", "outside significant vs parent"]) header.appendChild(element("th", {}, name));
        table.appendChild(header);
        for (const v of versions) {
          const d = v.drift, row = element("tr");
          const whole = d && d.whole, sig = d && d.significant;
          const cells = [v.id, v.status, fixed(whole && whole.deltaE2000.mean), fixed(whole && whole.deltaE2000.p95), fixed(whole && (whole.psnr == null ? Infinity : whole.psnr), 1),
                         percent(d && d.inside && d.inside.changedFraction, 1), percent(d && d.outside && d.outside.changedFraction), percent(sig && sig.outside),
                         sig ? String(sig.regionCount != null ? sig.regionCount : (sig.regions || []).length) : "–",
                         percent(v.parentDrift && v.parentDrift.significant && v.parentDrift.significant.outside)];
          for (const cell of cells) row.appendChild(element("td", {}, cell));
          table.appendChild(row);
        }

        // Start with the newest version against what it was made from.
        const newest = versions.slice().reverse().find((v) => v.image);
        const keys = Object.keys(data.images);
        if (newest) {
          const parent = newest.parent && byId.get(newest.parent);
          state.b = newest.image;
          state.a = parent && parent.image ? parent.image : (newest.sourceKey || keys[0]);
        } else {
          state.a = keys[0] || null; state.b = keys[1] || keys[0] || null;
        }
        // report.html#heatmap,mask opens with those overlays on.
        const wanted = decodeURIComponent(location.hash.slice(1)).split(",");
        $("toggle-heatmap").checked = wanted.includes("heatmap");
        $("toggle-mask").checked = wanted.includes("mask");
        render();
        """
}
