// The live picture of an explorer (ann_helpers/widgets.py, class FrameView).
//
// Every picture is a PNG that matplotlib drew in the kernel; this view never draws anything
// itself. What it adds is a cache: the kernel sends, while the learner reads, the pictures
// for the positions along each slider (custom messages: {type: "frame", key, status} plus
// the PNG bytes), and the view watches the explorer's controls in the page. A slider move
// whose position is cached shows its picture at once, with no trip to the kernel. During a
// drag over a position that is not cached yet, the view shows the nearest cached picture on
// the same slider, marked as not exact (data-exact="0", the status dimmed), until the
// kernel's picture for the exact values arrives; at rest the picture is always the exact one.
//
// A frame's key is the list of the controls' positions, computed here and in the kernel
// (widgets.py, `position`) the same way: a slider's step index, a chooser's option index.

function position(model) {
  const name = model.get("_model_name");
  if (name === "FloatSliderModel" || name === "IntSliderModel") {
    const steps = (model.get("value") - model.get("min")) / model.get("step");
    // between positions (an explorer built with lr=0.105): the value itself
    return Math.abs(steps - Math.round(steps)) <= 1e-6 ? Math.round(steps)
      : JSON.stringify(model.get("value"));
  }
  const index = model.get("index");
  if (index !== undefined && index !== null) return index;
  return JSON.stringify(model.get("value"));
}

function modelId(ref) {
  return typeof ref === "string" ? ref.replace(/^IPY_MODEL_/, "") : ref.model_id;
}

async function render({ model, el }) {
  const names = model.get("names");
  const sizes = model.get("sizes"); // positions along each control (null: a chooser)
  const controls = await Promise.all(
    model.get("controls").map((ref) => model.widget_manager.get_model(modelId(ref))),
  );
  const frames = new Map(); // key -> {key, pos, url, status}
  const img = document.createElement("img");
  img.className = "ann-figure";
  img.alt = model.get("alt");
  img.style.width = `${model.get("width")}px`;
  img.style.maxWidth = "100%";
  img.style.height = "auto";
  img.style.display = "block";
  const status = document.createElement("div");
  status.className = "ann-status";
  el.classList.add("ann-figure-view");
  el.dataset.plan = JSON.stringify(model.get("plan"));
  el.append(img, status);
  let shown = null;
  let shownExact = false;
  let wanted = null;

  function store(key, bytes, text) {
    const old = frames.get(key);
    const url = URL.createObjectURL(new Blob([bytes], { type: "image/png" }));
    const frame = { key, pos: JSON.parse(key), url, status: text };
    frames.set(key, frame);
    if (old && old !== shown) URL.revokeObjectURL(old.url);
    return { frame, old };
  }

  function nearest(pos) {
    // a cached frame that differs from `pos` on one slider only, the closest there
    let best = null;
    let bestDistance = Infinity;
    for (const frame of frames.values()) {
      let differs = -1;
      for (let i = 0; i < pos.length; i++) {
        if (frame.pos[i] !== pos[i]) {
          if (differs >= 0 || sizes[i] === null) { differs = -2; break; }
          differs = i;
        }
      }
      if (differs < 0) continue;
      const distance = Math.abs(frame.pos[differs] - pos[differs]);
      if (distance < bestDistance) { best = frame; bestDistance = distance; }
    }
    return best;
  }

  function lines(pos) {
    // how many cached frames lie on the line of each slider through `pos`
    const counts = {};
    names.forEach((name, i) => {
      if (sizes[i] === null) return;
      let n = 0;
      for (const frame of frames.values()) {
        let same = true;
        for (let j = 0; j < pos.length && same; j++) same = j === i || frame.pos[j] === pos[j];
        if (same) n++;
      }
      counts[name] = n;
    });
    return counts;
  }

  function show() {
    const pos = controls.map(position);
    const key = JSON.stringify(pos);
    let frame = frames.get(key);
    const exact = frame !== undefined;
    if (!exact) {
      frame = nearest(pos);
      // ask for this one now: ipywidgets sends the value only after the kernel's "idle"
      if (key !== wanted) model.send({ type: "want", key });
    }
    wanted = key;
    el.dataset.lines = JSON.stringify(lines(pos));
    if (!frame) return;
    if (frame === shown && exact === shownExact) return;
    // dataset first: an observer of the src sees what the new picture is
    img.dataset.key = frame.key;
    img.dataset.exact = exact ? "1" : "0";
    if (frame !== shown) img.src = frame.url;
    status.textContent = frame.status;
    status.style.opacity = exact ? "1" : "0.55";
    shown = frame;
    shownExact = exact;
  }

  function current() {
    // the frame the kernel drew for the controls' values (also the first picture)
    const bytes = model.get("picture");
    if (!bytes || bytes.byteLength === 0) return;
    const key = model.get("key");
    const { frame, old } = store(key, bytes, model.get("status"));
    if (old && old === shown && shownExact) {
      // the same values drawn again (identical pixels): keep the picture shown
      frames.set(key, old);
      URL.revokeObjectURL(frame.url);
      old.status = frame.status;
      status.textContent = old.status;
      return;
    }
    show();
  }

  function onMessage(msg, buffers) {
    if (msg.type === "frame") {
      store(msg.key, buffers[0], msg.status);
      show();
      model.send({ type: "got" }); // the kernel keeps only a few on their way
    }
  }

  function failed() {
    const text = model.get("error");
    if (!text) return;
    status.textContent = text;
    status.style.opacity = "1";
  }

  // "key", not "picture": a move to values with the same picture changes only the key
  model.on("change:key", current);
  model.on("change:error", failed);
  model.on("msg:custom", onMessage);
  const moved = () => show();
  for (const control of controls) {
    control.on("change:value", moved);
    control.on("change:index", moved);
  }
  current();

  // Tell the kernel this explorer is in front of the learner: it then prefetches for it,
  // first along the slider under the pointer.
  const focus = (control) => model.send({ type: "focus", control });
  const seen = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) focus(null);
  }, { threshold: 0.3 });
  seen.observe(el);
  // No drawing ahead while the learner drags: the kernel then draws the exact pictures.
  const hold = () => model.send({ type: "hold" });
  const go = () => model.send({ type: "go" });
  let holding = false;
  const release = () => {
    if (!holding) return;
    holding = false;
    go();
  };
  const press = () => {
    if (holding) return;
    holding = true;
    hold();
  };
  document.addEventListener("pointerup", release, true);
  document.addEventListener("pointercancel", release, true);
  const hovered = [];
  let tries = 0;
  const attach = () => {
    const box = el.closest(".ann-explorer");
    if (!box) {
      if (tries++ < 600) requestAnimationFrame(attach);
      return;
    }
    for (const name of names) {
      const node = box.querySelector(`.ann-control-${name}`);
      if (!node) continue;
      const onEnter = () => focus(name);
      node.addEventListener("pointerenter", onEnter);
      node.addEventListener("pointerdown", press, true);
      hovered.push([node, onEnter]);
    }
  };
  requestAnimationFrame(attach);
  model.send({ type: "hello" });

  return () => {
    model.off("change:key", current);
    model.off("change:error", failed);
    model.off("msg:custom", onMessage);
    for (const control of controls) {
      control.off("change:value", moved);
      control.off("change:index", moved);
    }
    seen.disconnect();
    for (const [node, onEnter] of hovered) {
      node.removeEventListener("pointerenter", onEnter);
      node.removeEventListener("pointerdown", press, true);
    }
    document.removeEventListener("pointerup", release, true);
    document.removeEventListener("pointercancel", release, true);
    release();
    tries = Infinity;
    for (const frame of frames.values()) URL.revokeObjectURL(frame.url);
    frames.clear();
  };
}

export default { render };
