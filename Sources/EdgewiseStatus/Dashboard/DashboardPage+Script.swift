extension DashboardPage {
    /// The page's JavaScript. It reads `/status` and `/readyz` every 2 s and within 1 s of an event,
    /// and `/events` as a stream; it puts data into the DOM only as text.
    ///
    /// A `ReadingReported` event updates its point at once; a later snapshot does not take the value
    /// back unless its own time for the point is as late or later. The paths are relative (`status`,
    /// not `/status`), so the page also works behind a reverse proxy that adds a path prefix.
    static let script = #"""
        "use strict";
        (() => {
          const TOKEN_KEY = "edgewise.status.token";
          const POLL_MS = 2000;          // re-read /status this often
          const EVENT_REFRESH_MS = 1000; // after an event, re-read /status within this
          const RENDER_MS = 250;         // redraw at most this often while events pour in
          const MAX_EVENTS = 25;         // events kept in the list
          const UNITS = { degC: "°C", degF: "°F", percent: "%", deg: "°", "ug/m3": "µg/m³", "mg/m3": "mg/m³", m3: "m³", "m3/h": "m³/h", count: "" };

          const S = {
            token: sessionStorage.getItem(TOKEN_KEY) || "",
            status: null, readiness: null, skew: 0, failure: null, needsToken: false,
            live: new Map(),    // "device\u0000point" -> point from a ReadingReported event
            shown: new Map(),   // what each value cell showed last, to flash changes
            events: [], stream: "connecting", streaming: false, streamRetry: 1000,
            refreshing: false, again: false, refreshTimer: null, refreshDue: 0, renderTimer: null,
          };
          const $ = (id) => document.getElementById(id);

          // ---- DOM helpers: every piece of data goes in as text or an attribute value, never as markup.
          function el(tag, props, ...children) {
            const node = document.createElement(tag);
            for (const [name, value] of Object.entries(props || {})) {
              if (value === null || value === undefined || value === false) continue;
              if (name === "class") node.className = value; else node.setAttribute(name, String(value));
            }
            for (const child of children.flat()) {
              if (child === null || child === undefined || child === false) continue;
              node.append(child instanceof Node ? child : String(child));
            }
            return node;
          }
          const fill = (node, ...children) => node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));

          // ---- Formatting
          const key = (device, point) => device + "\u0000" + point;
          const millis = (text) => { const value = text ? Date.parse(text) : NaN; return Number.isNaN(value) ? null : value; };
          const serverNow = () => Date.now() + S.skew;
          function span(seconds) {
            seconds = Math.max(0, Math.floor(seconds));
            const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
            if (d) return d + "d " + h + "h"; if (h) return h + "h " + m + "m"; if (m) return m + "m " + s + "s"; return s + "s";
          }
          function when(text, empty) {
            const at = millis(text);
            if (at === null) return el("span", { class: "sub" }, empty || "—");
            const delta = (serverNow() - at) / 1000;
            const label = delta >= -1 ? span(delta) + " ago" : "in " + span(-delta);
            return el("time", { datetime: text, title: new Date(at).toLocaleString() }, label);
          }
          function clock(text) {
            const at = millis(text);
            return at === null ? "" : new Date(at).toLocaleTimeString([], { hour12: false });
          }
          function number(value) {
            if (!Number.isFinite(value)) return String(value);
            if (Number.isInteger(value)) return value.toLocaleString("en-US").replace(/,/g, "\u2009");
            return Math.abs(value) >= 0.001 ? String(parseFloat(value.toFixed(3))) : value.toPrecision(3);
          }
          function valueText(value) {
            if (value === null || value === undefined) return null;
            if (typeof value === "boolean") return value ? "on" : "off";
            if (typeof value === "number") return number(value);
            return String(value);
          }
          const unitText = (unit) => (unit === null || unit === undefined) ? "" : (unit in UNITS ? UNITS[unit] : unit);
          function bytes(count) {
            const units = ["B", "KiB", "MiB", "GiB", "TiB"];
            let value = count, index = 0;
            while (value >= 1024 && index < units.length - 1) { value /= 1024; index += 1; }
            return (index === 0 ? value : parseFloat(value.toFixed(1))) + " " + units[index];
          }
          const TONES = { connected: "ok", online: "ok", idle: "", connecting: "warn", pending: "warn", "trigger-deferred": "warn",
            "clear-deferred": "info", active: "info", disconnected: "bad", offline: "bad", accepted: "ok", rejected: "bad" };
          const badge = (text) => el("span", { class: "badge " + (TONES[text] || "") }, text);

          // ---- Fetching
          function headers() { return S.token ? { Authorization: "Bearer " + S.token } : {}; }
          class Unauthorized extends Error {}
          async function get(path) {
            const response = await fetch(path, { headers: headers(), cache: "no-store" });
            if (response.status === 401) throw new Unauthorized(path);
            const text = await response.text();
            let body = null;
            try { body = JSON.parse(text); } catch (error) { throw new Error(path + " answered " + response.status + " with no JSON"); }
            return { status: response.status, body };
          }

          // Re-reads /status after `delay` ms, unless a re-read is already due sooner.
          function scheduleRefresh(delay) {
            const due = Date.now() + delay;
            if (S.refreshTimer !== null) { if (S.refreshDue <= due) return; clearTimeout(S.refreshTimer); }
            S.refreshDue = due;
            S.refreshTimer = setTimeout(() => { S.refreshTimer = null; refresh(); }, delay);
          }

          function scheduleRender() {
            if (S.renderTimer === null) S.renderTimer = setTimeout(() => { S.renderTimer = null; render(); }, RENDER_MS);
          }

          async function refresh() {
            if (S.needsToken) return;
            if (S.refreshing) { S.again = true; return; }
            S.refreshing = true;
            try {
              const [status, readiness] = await Promise.all([get("status"), get("readyz")]);
              if (status.status === 200) {
                S.status = status.body;
                S.failure = null;
                const generated = millis(S.status.generated_at);
                if (generated !== null) S.skew = generated - Date.now();
                pruneLive();
              } else {
                S.failure = (status.body && status.body.error) || ("status answered " + status.status);
              }
              S.readiness = readiness.body;
            } catch (error) {
              if (error instanceof Unauthorized) { askForToken(); return; }
              S.failure = "Cannot reach the gateway (" + (error && error.message ? error.message : error) + "); retrying.";
            } finally {
              S.refreshing = false;
              render();
              if (!S.needsToken) scheduleRefresh(S.again ? EVENT_REFRESH_MS : POLL_MS);
              S.again = false;
            }
          }

          // A value from an event stays until a snapshot knows the point as late or later.
          function pruneLive() {
            const times = new Map((S.status.points || []).map((p) => [key(p.device, p.point), millis(p.time)]));
            for (const [k, point] of S.live) {
              const snapshot = times.get(k);
              if (snapshot !== undefined && snapshot !== null && snapshot >= (millis(point.time) ?? 0)) S.live.delete(k);
            }
          }

          // ---- /events, read with fetch so that the token can be sent (EventSource cannot send headers).
          async function stream() {
            if (S.needsToken || S.streaming) return;
            S.streaming = true;
            let connected = false;
            try {
              const response = await fetch("events", { headers: { ...headers(), Accept: "text/event-stream" }, cache: "no-store" });
              if (response.status === 401) { askForToken(); return; }
              if (!response.ok || !response.body) throw new Error("events answered " + response.status);
              connected = true;
              S.streamRetry = 1000;
              setStream("live");
              const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
              let buffer = "";
              for (;;) {
                const { value, done } = await reader.read();
                if (done) break;
                buffer += value.replace(/\r\n?/g, "\n");
                let end;
                while ((end = buffer.indexOf("\n\n")) >= 0) {
                  const block = buffer.slice(0, end);
                  buffer = buffer.slice(end + 2);
                  handleBlock(block);
                }
              }
            } catch (error) {
              // falls through to polling and a later retry
            } finally {
              S.streaming = false;
            }
            if (S.needsToken) return;
            setStream("polling");
            const delay = connected ? 1000 : S.streamRetry;
            S.streamRetry = Math.min(S.streamRetry * 2, 30000);
            setTimeout(stream, delay);
          }

          function handleBlock(block) {
            let name = "message", data = [];
            for (const line of block.split("\n")) {
              if (line === "" || line.startsWith(":")) continue;
              const colon = line.indexOf(":");
              const field = colon < 0 ? line : line.slice(0, colon);
              let value = colon < 0 ? "" : line.slice(colon + 1);
              if (value.startsWith(" ")) value = value.slice(1);
              if (field === "event") name = value; else if (field === "data") data.push(value);
            }
            if (data.length === 0) return;
            let envelope;
            try { envelope = JSON.parse(data.join("\n")); } catch (error) { return; }
            const payload = (envelope && typeof envelope.data === "object" && envelope.data) || {};
            if (name === "ReadingReported" && typeof payload.device === "string" && typeof payload.point === "string" && "value" in payload) {
              S.live.set(key(payload.device, payload.point), {
                device: payload.device, point: payload.point, value: payload.value,
                unit: payload.unit === undefined ? null : payload.unit, time: envelope.time || new Date(serverNow()).toISOString(),
              });
            }
            S.events.unshift({ name, time: envelope.time || null, subject: envelope.subject || payload.device || "", data: payload });
            S.events.length = Math.min(S.events.length, MAX_EVENTS);
            scheduleRender();
            scheduleRefresh(EVENT_REFRESH_MS);
          }

          function setStream(state) { S.stream = state; renderIndicators(); }

          // ---- Token
          function askForToken() {
            S.needsToken = true;
            $("login-text").textContent = S.token
              ? "The gateway did not accept the token. Enter the token from its status.token_file."
              : "Enter the bearer token from the gateway's status.token_file. It is kept in this tab only (session storage) and sent with every request.";
            $("login").hidden = false;
            $("content").hidden = true;
            $("token").focus();
            setStream("locked");
          }
          $("login").addEventListener("submit", (event) => {
            event.preventDefault();
            S.token = $("token").value.trim();
            $("token").value = "";
            sessionStorage.setItem(TOKEN_KEY, S.token);
            S.needsToken = false;
            $("login").hidden = true;
            $("content").hidden = false;
            start();
          });
          $("forget").addEventListener("click", () => { sessionStorage.removeItem(TOKEN_KEY); location.reload(); });

          // ---- Rendering
          function renderIndicators() {
            const live = $("live");
            const labels = { live: "live", polling: "polling", connecting: "connecting", locked: "token needed", offline: "unreachable" };
            const state = S.failure && S.stream !== "locked" ? "offline" : S.stream;
            live.dataset.state = state;
            $("live-text").textContent = labels[state] || state;
            live.title = state === "live" ? "Receiving /events; values update as they arrive" :
              state === "polling" ? "/events is not available; re-reading /status every 2 s" : "";
            const readiness = $("readiness");
            if (S.readiness && Array.isArray(S.readiness.reasons)) {
              const ready = S.readiness.reasons.length === 0;
              readiness.hidden = false;
              readiness.dataset.state = ready ? "ready" : "not-ready";
              readiness.textContent = ready ? "ready" : "not ready";
            }
            $("forget").hidden = !S.token;
          }

          function render() {
            renderIndicators();
            renderBanner();
            $("content").classList.toggle("stale", !!S.failure && !!S.status);
            const status = S.status;
            if (!status) return;
            document.title = status.gateway_id + " · Edgewise";
            $("gateway").textContent = status.gateway_id;
            const sinceSnapshot = Math.max(0, serverNow() - (millis(status.generated_at) ?? serverNow())) / 1000;
            $("meta").textContent = "Edgewise " + status.version + " · up " + span(status.uptime_seconds + sinceSnapshot) + " · updated " + clock(status.generated_at);
            renderConnections(status.connections || []);
            renderDevices(status);
            renderRules(status.rules || []);
            renderBuffer(status.buffer);
            renderConfig(status.config);
            renderEvents();
          }

          function renderBanner() {
            const banner = $("banner");
            const reasons = S.readiness && Array.isArray(S.readiness.reasons) ? S.readiness.reasons : [];
            if (S.failure) {
              banner.className = "banner bad";
              fill(banner, S.failure);
            } else if (reasons.length > 0) {
              banner.className = "banner";
              fill(banner, el("strong", {}, "Not ready"), el("ul", {}, reasons.map((reason) => el("li", {}, reason))));
            } else {
              banner.hidden = true;
              return;
            }
            banner.hidden = false;
          }

          function renderConnections(connections) {
            if (connections.length === 0) { fill($("connections"), el("tr", {}, el("td", { colspan: 5, class: "empty" }, "No connections."))); return; }
            fill($("connections"), connections.map((c) => el("tr", { "data-connection": c.name },
              el("td", { class: "name" }, c.name),
              el("td", {}, el("code", {}, c.target), el("div", { class: "sub" }, c.kind)),
              el("td", {}, badge(c.state)),
              el("td", {}, when(c.since)),
              el("td", {}, c.last_error ? [el("span", { class: "error-text" }, c.last_error), el("div", { class: "sub" }, when(c.last_error_at))] : el("span", { class: "sub" }, "none")))));
          }

          function pointsByDevice(status) {
            const merged = new Map();
            for (const p of status.points || []) merged.set(key(p.device, p.point), Object.assign({}, p));
            for (const [k, live] of S.live) merged.set(k, Object.assign({}, merged.get(k) || {}, live, { unit: live.unit ?? (merged.get(k) || {}).unit ?? null }));
            const byDevice = new Map();
            for (const p of merged.values()) {
              if (!byDevice.has(p.device)) byDevice.set(p.device, []);
              byDevice.get(p.device).push(p);
            }
            return byDevice;
          }

          function renderDevices(status) {
            const byDevice = pointsByDevice(status);
            const devices = (status.devices || []).slice();
            const known = new Set(devices.map((d) => d.id));
            for (const id of byDevice.keys()) if (!known.has(id)) devices.push({ id, protocol: "", state: "unknown" });
            const online = devices.filter((d) => d.state === "online").length;
            $("device-count").textContent = devices.length ? "· " + online + " of " + devices.length + " online" : "";
            if (devices.length === 0) { fill($("devices"), el("p", { class: "empty" }, "No devices configured.")); return; }
            fill($("devices"), devices.map((d) => {
              const counters = [];
              if (d.messages) counters.push(number(d.messages) + " messages");
              if (d.polls) counters.push(number(d.polls) + " polls");
              if (d.errors) counters.push(number(d.errors) + " errors");
              if (d.rejections) counters.push(number(d.rejections) + " rejected");
              const points = byDevice.get(d.id) || [];
              const sub = el("div", { class: "sub" }, d.protocol || "device");
              if (d.last_seen) sub.append(" · seen ", when(d.last_seen));
              for (const counter of counters) sub.append(" · " + counter);
              return el("article", { class: "device " + d.state, "data-device": d.id },
                el("header", {}, el("h3", {}, d.id), badge(d.state)), sub,
                points.length === 0 ? el("p", { class: "empty" }, "No values yet.") :
                  el("table", { class: "points" }, points.map((p) => pointRow(p))));
            }));
          }

          function pointRow(p) {
            const k = key(p.device, p.point);
            const text = valueText(p.value);
            const changed = S.shown.has(k) && S.shown.get(k) !== text;
            S.shown.set(k, text);
            const unit = unitText(p.unit);
            return el("tr", { "data-point": p.point },
              el("th", {}, p.point),
              el("td", { class: "value" + (text === null ? " none" : "") + (changed ? " changed" : ""), "data-value": text === null ? "" : text },
                text === null ? "no value" : text, text !== null && unit ? el("span", { class: "unit" }, unit) : null),
              el("td", { class: "when" }, p.time ? when(p.time) : ""));
          }

          function renderRules(rules) {
            const phases = new Map();
            for (const r of rules) if (r.phase !== "idle") phases.set(r.phase, (phases.get(r.phase) || 0) + 1);
            $("rule-count").textContent = rules.length === 0 ? "" : phases.size === 0 ? "· all idle"
              : "· " + Array.from(phases, ([phase, count]) => count + " " + phase).join(", ");
            if (rules.length === 0) { fill($("rules"), el("tr", {}, el("td", { colspan: 6, class: "empty" }, "No rules."))); return; }
            fill($("rules"), rules.map((r) => el("tr", { "data-rule": r.name },
              el("td", { class: "name" }, r.name),
              el("td", {}, badge(r.phase)),
              el("td", {}, when(r.since)),
              el("td", {}, when(r.until)),
              el("td", {}, when(r.last_triggered, "never")),
              el("td", { class: "num" }, number(r.trigger_count)))));
          }

          function stat(label, figure, detail) {
            return el("div", { class: "stat" }, el("div", { class: "label" }, label), el("div", { class: "figure" }, figure), detail ? el("div", { class: "sub" }, detail) : null);
          }

          function renderBuffer(buffer) {
            if (!buffer) { fill($("buffer"), el("p", { class: "empty" }, "No upstream is configured: events are not buffered.")); return; }
            const evicted = buffer.evicted || {};
            const evictedTotal = (evicted.telemetry || 0) + (evicted.normal || 0) + (evicted.alarm || 0);
            const share = buffer.max_bytes > 0 ? Math.min(1, buffer.bytes / buffer.max_bytes) : 0;
            const filled = el("span");
            filled.style.width = (share * 100).toFixed(2) + "%";
            fill($("buffer"),
              el("div", { class: "stats" },
                stat("Events waiting", number(buffer.depth)),
                stat("Oldest", buffer.oldest_event_age_seconds === null ? "—" : span(buffer.oldest_event_age_seconds)),
                stat("Drain rate", number(buffer.drain_rate) + "/s"),
                stat("Stored", bytes(buffer.bytes)),
                stat("Evicted", number(evictedTotal)),
                stat("Refused", number(buffer.refused))),
              el("div", { class: "bar", title: (share * 100).toFixed(2) + "% full" }, filled),
              el("div", { class: "sub" }, bytes(buffer.bytes) + " of " + bytes(buffer.max_bytes) + " (buffer.max_size)",
                evictedTotal ? " · evicted " + number(evicted.telemetry || 0) + " telemetry, " + number(evicted.normal || 0) + " normal, " + number(evicted.alarm || 0) + " alarm" : ""));
          }

          function renderConfig(config) {
            if (!config) return;
            const reload = config.last_reload;
            fill($("config"), el("dl", { class: "facts" },
              el("dt", {}, "Digest"), el("dd", {}, el("code", {}, config.digest)),
              el("dt", {}, "Loaded"), el("dd", {}, when(config.loaded_at)),
              el("dt", {}, "Last reload"), el("dd", {}, reload ? [badge(reload.result), " ", when(reload.at),
                reload.errors && reload.errors.length ? el("ul", { class: "errors" }, reload.errors.map((e) => el("li", {}, el("code", {}, e)))) : null] : "none since start")));
          }

          function renderEvents() {
            if (S.events.length === 0) {
              fill($("events"), el("li", { class: "empty" }, S.stream === "live" ? "Waiting for events…" : "No live events: /events is not available."));
              return;
            }
            fill($("events"), S.events.map((e) => {
              const value = e.name === "ReadingReported" ? valueText(e.data.value) : null;
              return el("li", {}, el("time", {}, clock(e.time)), el("span", {}, badge(e.name)),
                el("span", { class: "subject" }, e.subject, value !== null ? " = " + value + (unitText(e.data.unit) ? " " + unitText(e.data.unit) : "") : ""));
            }));
          }

          function start() { refresh(); stream(); }
          start();
        })();
        """#
}
