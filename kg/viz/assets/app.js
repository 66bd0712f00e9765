/* conflict-kg graph page: our own controls around vis-network.
 * Every piece of text that comes from the data is inserted with textContent, never as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("kg-network");
  var physicsOn = data.physics;

  document.title = data.title;
  document.getElementById("kg-title").textContent = data.title;
  document.getElementById("kg-subtitle").textContent = data.subtitle;

  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.kgNetwork = network;
  var ready = null;
  window.kgReady = new Promise(function (resolve) { ready = resolve; });
  var camps = data.camps || { blocs: [], unaligned: {}, minStrength: null };
  var blocByKey = {};
  camps.blocs.forEach(function (b) { blocByKey[b.key] = b; });
  var baseColor = {};
  data.nodes.forEach(function (n) { baseColor[n.id] = n.color; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  /* ---------------------------------------------------------------- side panel */
  var panel = document.getElementById("kg-panel");
  var details = document.getElementById("kg-details");

  function addField(dl, name, value) {
    if (value === null || value === undefined || value === "" ||
        (Array.isArray(value) && value.length === 0)) { return; }
    dl.appendChild(el("dt", name));
    dl.appendChild(el("dd", Array.isArray(value) ? value.join("; ") : value));
  }

  function articleLine(id) {
    var art = data.articles[id];
    var box = el("div", null, "kg-source");
    if (!art) { box.textContent = "curated"; return box; }
    var bits = [art.title || "(untitled)"];
    if (art.publishers.length) { bits.push(art.publishers.join(", ")); }
    bits.push(art.date || "undated");
    box.appendChild(el("span", bits.join(" — ")));
    if (art.url && /^https?:\/\//i.test(art.url)) {
      box.appendChild(document.createTextNode(" "));
      var a = el("a", "link");
      a.href = art.url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      box.appendChild(a);
    }
    return box;
  }

  function showAttestations(ids) {
    if (!ids.length) { return; }
    details.appendChild(el("h3", "Attestations (" + ids.length + ")"));
    ids.forEach(function (id) {
      var att = data.attestations[id];
      if (!att) { return; }
      details.appendChild(el("blockquote", att.quote));
      var src = articleLine(att.article);
      if (att.confidence !== null) {
        src.appendChild(document.createTextNode(" · confidence " + att.confidence));
      }
      if (att.hedged) { src.appendChild(el("span", " · hedged", "kg-hedged")); }
      details.appendChild(src);
    });
  }

  function linkTo(id, text) {
    var b = el("button", text, "kg-link");
    b.type = "button";
    b.addEventListener("click", function () { select(id); });
    return b;
  }

  function showDetails(id) {
    var info = data.info[id];
    if (!info) { return false; }
    while (details.firstChild) { details.removeChild(details.firstChild); }
    details.appendChild(el("h2", info.label));
    var dl = el("dl");
    if (info.type === "node") {
      addField(dl, "Kind", info.kind);
      addField(dl, "Class", info.classes);
      addField(dl, "Aliases", info.aliases);
      addField(dl, "Dates", info.dates);
      addField(dl, "Bloc", camps.blocs.length ? memberships(id) : info.bloc);
      addField(dl, "PageRank", info.pagerank);
      addField(dl, "Confidence", info.confidence);
      addField(dl, "Figures", info.figures.map(function (f) { return f[0] + ": " + f[1]; }));
      details.appendChild(dl);
      showAttestations(info.attestations);
      var ties = network.getConnectedEdges(id);
      if (ties.length) {
        details.appendChild(el("h3", "Ties (" + ties.length + ")"));
        var ul = el("ul");
        ties.slice().sort().forEach(function (eid) {
          var li = el("li");
          li.appendChild(linkTo(eid, data.info[eid] ? data.info[eid].label : eid));
          ul.appendChild(li);
        });
        details.appendChild(ul);
      }
      if (info.articles.length) {
        details.appendChild(el("h3", "Mentioned in (" + info.articles.length + ")"));
        info.articles.forEach(function (a) { details.appendChild(articleLine(a)); });
      }
    } else {
      addField(dl, "Relation", info.rel);
      addField(dl, "From", info.source);
      addField(dl, "To", info.target);
      addField(dl, "Start", info.start);
      addField(dl, "End", info.end);
      addField(dl, "Confidence", info.confidence);
      addField(dl, "Attestations", info.count);
      details.appendChild(dl);
      showAttestations(info.attestations);
    }
    panel.hidden = false;
    return true;
  }
  window.kgShowDetails = showDetails;

  function memberships(id) {
    var out = [];
    camps.blocs.forEach(function (b) {
      b.members.forEach(function (m) {
        if (m.id === id) {
          out.push(b.theatreLabel + " bloc " + b.number + " (strength " + m.strength + ")");
        }
      });
    });
    Object.keys(camps.unaligned).forEach(function (t) {
      camps.unaligned[t].forEach(function (u) {
        if (u.id === id) { out.push(theatreLabel(t) + ": unaligned (" + u.why + ")"); }
      });
    });
    return out;
  }

  function theatreLabel(key) {
    var t = (data.theatres || []).filter(function (x) { return x.key === key; })[0];
    return t ? t.label : key;
  }

  /* a bloc's panel: its members, how strongly each belongs, and the facts that tie them */
  function showBloc(key) {
    var b = blocByKey[key];
    if (!b) { return false; }
    while (details.firstChild) { details.removeChild(details.firstChild); }
    details.appendChild(el("h2", b.theatreLabel + " — bloc " + b.number));
    details.appendChild(el("p", "Members, the strength of their membership (0 to 1, from " +
      "the number, confidence and directness of their ties; below " + camps.minStrength +
      " an actor is unaligned) and the facts that tie them to the bloc."));
    var tbl = el("table", null, "kg-members");
    b.members.forEach(function (m) {
      var tr = el("tr");
      var name = el("td");
      if (m.shown && nodes.get(m.id)) { name.appendChild(linkTo(m.id, m.label)); }
      else { name.textContent = m.label; }
      m.ties.forEach(function (t) {
        t.facts.forEach(function (f) {
          var line = el("div", null, "kg-tie");
          line.appendChild(document.createTextNode("with " + t.with + ": "));
          if (data.info[f.id]) { line.appendChild(linkTo(f.id, f.label)); }
          else { line.appendChild(document.createTextNode(f.label)); }
          line.appendChild(document.createTextNode(" (" + f.evidence + ")"));
          var att = f.attestations.length ? data.attestations[f.attestations[0]] : null;
          if (att) { line.appendChild(el("blockquote", att.quote)); }
          name.appendChild(line);
        });
      });
      tr.appendChild(name);
      tr.appendChild(el("td", m.strength));
      tbl.appendChild(tr);
    });
    details.appendChild(tbl);
    var loose = camps.unaligned[b.theatre] || [];
    if (loose.length) {
      details.appendChild(el("h3", "Unaligned in " + b.theatreLabel + " (" + loose.length + ")"));
      var ul = el("ul");
      loose.forEach(function (u) { ul.appendChild(el("li", u.label + " — " + u.why)); });
      details.appendChild(ul);
    }
    panel.hidden = false;
    return true;
  }
  window.kgShowBloc = showBloc;
  document.getElementById("kg-panel-close").addEventListener("click", function () {
    panel.hidden = true;
  });

  function select(id) {
    if (nodes.get(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: 1.2, animation: false });
    } else if (edges.get(id)) {
      network.selectEdges([id]);
    }
    showDetails(id);
  }

  network.on("click", function (p) {
    if (p.nodes.length) { showDetails(p.nodes[0]); }
    else if (p.edges.length) { showDetails(p.edges[0]); }
  });

  /* ---------------------------------------------------------------- search */
  var names = [];
  var datalist = document.getElementById("kg-names");
  data.nodes.forEach(function (n) {
    var info = data.info[n.id];
    [info.label].concat(info.aliases).forEach(function (name) {
      names.push({ name: name, key: name.toLowerCase(), id: n.id, alias: name !== info.label });
      var opt = document.createElement("option");
      opt.value = name;
      datalist.appendChild(opt);
    });
  });

  function search(text) {
    var key = text.trim().toLowerCase();
    var status = document.getElementById("kg-search-status");
    status.textContent = "";
    if (!key) { return null; }
    var hit = names.filter(function (x) { return x.key === key && !x.alias; })[0] ||
      names.filter(function (x) { return x.key === key; })[0] ||
      names.filter(function (x) { return x.key.indexOf(key) === 0; })[0] ||
      names.filter(function (x) { return x.key.indexOf(key) >= 0; })[0];
    if (!hit) { status.textContent = "No node is called that."; return null; }
    select(hit.id);
    return hit.id;
  }
  window.kgSearch = search;
  document.getElementById("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(document.getElementById("kg-search").value);
  });

  /* ---------------------------------------------------------------- filters */
  var relOn = {};
  var classOn = {};
  var days = [];
  data.nodes.concat(data.edges).forEach(function (x) {
    if (x.kgWhen && days.indexOf(x.kgWhen.slice(0, 10)) < 0) { days.push(x.kgWhen.slice(0, 10)); }
  });
  days.sort();
  var slider = document.getElementById("kg-date");
  var sliderOut = document.getElementById("kg-date-value");
  slider.max = String(days.length);
  slider.value = String(days.length);
  if (!days.length) { document.getElementById("kg-date-box").hidden = true; }

  function cutoff() {
    var i = Number(slider.value);
    return i >= days.length ? null : days[i];
  }
  function after(when, cut) {
    return cut !== null && !!when && when.slice(0, 10) > cut;
  }

  var theatreBox = document.getElementById("kg-theatre");
  var isolatedBox = document.getElementById("kg-isolated");
  isolatedBox.checked = !!data.hideIsolated;

  function inTheatre(x) {
    var t = theatreBox.value;
    if (!t) { return true; }
    var ts = x.kgTheatres || [];
    return ts.length ? ts.indexOf(t) >= 0 : t === "unplaced";
  }

  function applyFilters() {
    var cut = cutoff();
    sliderOut.textContent = cut === null ? "all dates" : cut;
    var nodeShown = {};
    data.nodes.forEach(function (n) {
      nodeShown[n.id] = classOn[n.kgClass] !== false && !after(n.kgWhen, cut) && inTheatre(n);
    });
    var tied = {};
    var edgeShown = {};
    data.edges.forEach(function (e) {
      var show = relOn[e.kgRel] !== false && !after(e.kgWhen, cut) && inTheatre(e) &&
        nodeShown[e.from] && nodeShown[e.to];
      edgeShown[e.id] = show;
      if (show) { tied[e.from] = true; tied[e.to] = true; }
    });
    if (isolatedBox.checked) {
      data.nodes.forEach(function (n) { if (!tied[n.id]) { nodeShown[n.id] = false; } });
    }
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: !nodeShown[n.id] }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, hidden: !edgeShown[e.id] }; }));
  }

  function visibleIds() {
    return nodes.getIds({ filter: function (n) { return !n.hidden; } });
  }
  function fitVisible() {
    var ids = visibleIds();
    network.fit({ nodes: ids.length ? ids : nodes.getIds(), animation: false });
  }
  window.kgVisibleNodes = visibleIds;

  function recolour() {
    var t = theatreBox.value;
    nodes.update(data.nodes.map(function (n) {
      var c = t && n.kgCamps && n.kgCamps[t] ? n.kgCamps[t] : baseColor[n.id];
      return { id: n.id, color: c };
    }));
  }

  (data.theatres || []).forEach(function (t) {
    var opt = document.createElement("option");
    opt.value = t.key;
    opt.textContent = t.label + " (" + t.nodes + ")";
    theatreBox.appendChild(opt);
  });
  if (!(data.theatres || []).length) { theatreBox.disabled = true; }
  theatreBox.addEventListener("change", function () {
    recolour();
    applyFilters();
    drawLegend();
    fitVisible();
  });
  isolatedBox.addEventListener("change", function () { applyFilters(); fitVisible(); });

  function checkbox(box, label, state, key) {
    var lab = el("label");
    var input = document.createElement("input");
    input.type = "checkbox";
    input.checked = true;
    input.addEventListener("change", function () { state[key] = input.checked; applyFilters(); });
    lab.appendChild(input);
    lab.appendChild(document.createTextNode(" " + label));
    box.appendChild(lab);
  }
  var relBox = document.getElementById("kg-rel-filters");
  data.legend.relations.forEach(function (r) { checkbox(relBox, r.rel, relOn, r.rel); });
  var classBox = document.getElementById("kg-class-filters");
  data.legend.classes.forEach(function (c) { checkbox(classBox, c, classOn, c); });
  slider.addEventListener("input", applyFilters);
  sliderOut.textContent = "all dates";

  /* ---------------------------------------------------------------- physics */
  var physicsButton = document.getElementById("kg-physics");
  function physicsLabel() {
    physicsButton.textContent = physicsOn ? "Freeze layout" : "Release physics";
  }
  physicsButton.addEventListener("click", function () {
    physicsOn = !physicsOn;
    network.setOptions({ physics: { enabled: physicsOn } });
    physicsLabel();
  });
  physicsLabel();

  /* ---------------------------------------------------------------- legend */
  var legend = document.getElementById("kg-legend");
  var GLYPH = { dot: "\u25cf", diamond: "\u25c6", square: "\u25a0", triangle: "\u25b2" };

  function swatchRow(glyph, color, text) {
    var row = el("div", null, "kg-row");
    var sw = el("span", glyph, "kg-shape");
    sw.style.color = color;
    row.appendChild(sw);
    row.appendChild(document.createTextNode(text));
    return row;
  }

  function drawLegend() {
    while (legend.childNodes.length > 1) { legend.removeChild(legend.lastChild); }
    legend.appendChild(el("h3", "Shapes"));
    data.legend.shapes.forEach(function (k) {
      legend.appendChild(swatchRow(GLYPH[k.shape] || "?", k.color, k.shape + ": " + k.label));
    });
    var t = theatreBox.value;
    var shown = camps.blocs.filter(function (b) { return !t || b.theatre === t; });
    if (shown.length || data.legend.unaligned) {
      legend.appendChild(el("h3", "Colours of actors" + (t ? " in " + theatreLabel(t) : "")));
    }
    var last = null;
    shown.forEach(function (b) {
      if (!t && b.theatreLabel !== last) {
        legend.appendChild(el("div", b.theatreLabel, "kg-theatre-name"));
        last = b.theatreLabel;
      }
      var row = el("div", null, "kg-row");
      var sw = el("span", GLYPH.dot, "kg-shape");
      sw.style.color = b.color;
      row.appendChild(sw);
      var names = b.members.map(function (m) { return m.label; });
      var btn = el("button", "bloc " + b.number + ": " + names.slice(0, 3).join(", ") +
        (names.length > 3 ? ", +" + (names.length - 3) : ""), "kg-bloc");
      btn.type = "button";
      btn.setAttribute("data-bloc", b.key);
      btn.addEventListener("click", function () { showBloc(b.key); });
      row.appendChild(btn);
      legend.appendChild(row);
    });
    if (data.legend.unaligned) {
      legend.appendChild(swatchRow(GLYPH.dot, data.legend.unaligned.color,
        "grey: " + data.legend.unaligned.label));
    }
    data.legend.blocs.forEach(function (b) {
      legend.appendChild(swatchRow(GLYPH.dot, b[1], "bloc " + b[0]));
    });
    legend.appendChild(el("h3", "Lines"));
    data.legend.relations.forEach(function (r) {
      var row = el("div");
      var line = el("span", null, "kg-line");
      line.style.borderTopStyle = r.dashes ? "dashed" : "solid";
      line.style.borderTopColor = r.color;
      row.appendChild(line);
      row.appendChild(document.createTextNode(r.rel + (r.arrows ? " →" : "")));
      legend.appendChild(row);
    });
  }
  drawLegend();

  /* ---------------------------------------------------------------- first view */
  applyFilters();
  fitVisible();
  network.once("afterDrawing", function () { ready(true); });
  network.redraw();
  if (data.nodes.length === 0) { ready(true); }
}());
