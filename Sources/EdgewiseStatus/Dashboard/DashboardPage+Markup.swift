extension DashboardPage {
    /// The page's HTML around its `style` and `script`. The elements with an `id` are the ones the
    /// script fills; everything else is fixed text.
    static func markup(style: String, script: String) -> String {
        #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>Edgewise</title>
        <style>
        """# + style + #"""
        </style>
        </head>
        <body>
        <header class="top">
          <div class="brand">
            <span class="logo" aria-hidden="true"></span>
            <div>
              <h1 id="gateway">Edgewise</h1>
              <p class="meta" id="meta">connecting…</p>
            </div>
          </div>
          <div class="indicators">
            <span class="pill" id="readiness" hidden></span>
            <span class="pill" id="live" data-state="connecting"><span class="dot"></span><span id="live-text">connecting</span></span>
          </div>
        </header>
        <form class="login" id="login" hidden autocomplete="off">
          <h2>This gateway requires a token</h2>
          <p id="login-text">Enter the bearer token from the gateway's <code>status.token_file</code>. It is kept in this tab only (session storage) and sent with every request.</p>
          <div class="row">
            <input id="token" type="password" placeholder="token" aria-label="token" spellcheck="false">
            <button type="submit">Connect</button>
          </div>
        </form>
        <noscript><p class="login">The dashboard needs JavaScript. The same data is at <code>/status</code>.</p></noscript>
        <main id="content">
          <div class="banner" id="banner" role="status" hidden></div>
          <section class="panel" aria-labelledby="h-connections">
            <h2 id="h-connections">Connections</h2>
            <table class="grid">
              <thead><tr><th>Name</th><th>Target</th><th>State</th><th>Since</th><th>Last error</th></tr></thead>
              <tbody id="connections"><tr><td colspan="5" class="empty">Loading…</td></tr></tbody>
            </table>
          </section>
          <section aria-labelledby="h-devices">
            <h2 id="h-devices">Devices <span class="count" id="device-count"></span></h2>
            <div class="cards" id="devices"><p class="empty">Loading…</p></div>
          </section>
          <div class="columns">
            <section class="panel" aria-labelledby="h-rules">
              <h2 id="h-rules">Rules <span class="count" id="rule-count"></span></h2>
              <table class="grid">
                <thead><tr><th>Rule</th><th>Phase</th><th>Since</th><th>Until</th><th>Last triggered</th><th class="num">Triggers</th></tr></thead>
                <tbody id="rules"><tr><td colspan="6" class="empty">Loading…</td></tr></tbody>
              </table>
            </section>
            <section class="panel" aria-labelledby="h-buffer">
              <h2 id="h-buffer">Buffer</h2>
              <div id="buffer"><p class="empty">Loading…</p></div>
            </section>
          </div>
          <div class="columns">
            <section class="panel" aria-labelledby="h-events">
              <h2 id="h-events">Live events</h2>
              <ol class="events" id="events"><li class="empty">Waiting for events…</li></ol>
            </section>
            <section class="panel" aria-labelledby="h-config">
              <h2 id="h-config">Configuration</h2>
              <div id="config"><p class="empty">Loading…</p></div>
            </section>
          </div>
        </main>
        <footer>
          <span>Read-only view of <code>/status</code>, <code>/readyz</code> and <code>/events</code>; refreshed every 2 s and on each event.</span>
          <button type="button" class="link" id="forget" hidden>Forget token</button>
        </footer>
        <script>
        """# + script + #"""
        </script>
        </body>
        </html>

        """#
    }
}
