extension DashboardPage {
    /// The page's CSS: system fonts, a light and a dark scheme, cards for devices, tables for the rest.
    static let style = #"""
        :root {
          --bg: #f4f5f7; --panel: #ffffff; --line: #e2e5ea; --text: #1c2230; --muted: #687080; --accent: #2f6fde;
          --ok: #1a7f37; --ok-bg: #dcf5e3; --warn: #8a5a00; --warn-bg: #fff3c4; --bad: #c4212c; --bad-bg: #ffe5e3;
          --idle: #5a6270; --idle-bg: #eceff3; --info: #1f5fbf; --info-bg: #e1ecff;
          color-scheme: light dark;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #12151b; --panel: #1b1f27; --line: #2c323d; --text: #e4e7ec; --muted: #98a0ae; --accent: #6ea2ff;
            --ok: #5fd38a; --ok-bg: #163524; --warn: #f2c14e; --warn-bg: #3a2f12; --bad: #ff7b72; --bad-bg: #3d1a1a;
            --idle: #a3abb8; --idle-bg: #262b35; --info: #8ab4ff; --info-bg: #1a2740;
          }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
        code { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.92em; }
        h1, h2, h3 { margin: 0; font-weight: 600; }
        h2 { font-size: 13px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin-bottom: 10px; }
        h2 .count { text-transform: none; letter-spacing: 0; font-weight: 400; }
        .top { display: flex; align-items: center; justify-content: space-between; gap: 16px; padding: 14px 24px;
          background: var(--panel); border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 1; }
        .brand { display: flex; align-items: center; gap: 12px; min-width: 0; }
        .brand h1 { font-size: 18px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .logo { width: 30px; height: 30px; border-radius: 9px; flex: none; background: linear-gradient(135deg, var(--accent), #20b39a); position: relative; }
        .logo::after { content: ""; position: absolute; inset: 9px; border-radius: 50%; background: var(--panel); }
        .meta { margin: 0; color: var(--muted); font-size: 12.5px; }
        .indicators { display: flex; gap: 8px; flex: none; }
        .pill { display: inline-flex; align-items: center; gap: 6px; padding: 3px 10px; border-radius: 999px; font-size: 12.5px;
          font-weight: 600; background: var(--idle-bg); color: var(--idle); }
        .pill .dot { width: 8px; height: 8px; border-radius: 50%; background: currentColor; }
        .pill[data-state="live"], .pill[data-state="ready"] { background: var(--ok-bg); color: var(--ok); }
        .pill[data-state="live"] .dot { animation: pulse 2s ease-in-out infinite; }
        .pill[data-state="not-ready"] { background: var(--warn-bg); color: var(--warn); }
        .pill[data-state="offline"] { background: var(--bad-bg); color: var(--bad); }
        @keyframes pulse { 50% { opacity: 0.35; } }
        main { max-width: 1280px; margin: 0 auto; padding: 20px 24px 8px; display: grid; gap: 22px; }
        main.stale > :not(.banner) { opacity: 0.55; }
        .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; min-width: 0; overflow-x: auto; }
        .columns { display: grid; grid-template-columns: 3fr 2fr; gap: 22px; align-items: start; }
        @media (max-width: 900px) { .columns { grid-template-columns: 1fr; } .top { padding: 12px 14px; } main { padding: 14px; } }
        table.grid { width: 100%; border-collapse: collapse; }
        .grid th { text-align: left; font-weight: 500; color: var(--muted); font-size: 12.5px; padding: 4px 8px; border-bottom: 1px solid var(--line); }
        .grid td { padding: 7px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        .grid tr:last-child td { border-bottom: 0; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        .sub { color: var(--muted); font-size: 12.5px; }
        .name { font-weight: 600; }
        .error-text { color: var(--bad); }
        .empty { color: var(--muted); font-style: italic; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap;
          background: var(--idle-bg); color: var(--idle); }
        .badge.ok { background: var(--ok-bg); color: var(--ok); }
        .badge.warn { background: var(--warn-bg); color: var(--warn); }
        .badge.bad { background: var(--bad-bg); color: var(--bad); }
        .badge.info { background: var(--info-bg); color: var(--info); }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(290px, 1fr)); gap: 14px; }
        .device { background: var(--panel); border: 1px solid var(--line); border-left: 4px solid var(--idle); border-radius: 10px; padding: 12px 14px; min-width: 0; }
        .device.online { border-left-color: var(--ok); }
        .device.offline { border-left-color: var(--bad); }
        .device header { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
        .device h3 { font-size: 15px; overflow-wrap: anywhere; }
        .device .sub { margin: 2px 0 8px; }
        .points { width: 100%; border-collapse: collapse; }
        .points th { text-align: left; font-weight: 400; color: var(--muted); padding: 5px 0; overflow-wrap: anywhere; }
        .points td { padding: 5px 0 5px 10px; text-align: right; white-space: nowrap; }
        .points tr + tr > * { border-top: 1px dashed var(--line); }
        .points .value { font-size: 17px; font-weight: 600; font-variant-numeric: tabular-nums; border-radius: 4px; }
        .points .value.none { color: var(--muted); font-weight: 400; font-size: 14px; }
        .points .unit { color: var(--muted); font-size: 13px; font-weight: 400; margin-left: 3px; }
        .points .when { color: var(--muted); font-size: 12px; width: 1%; }
        .value.changed { animation: flash 1.2s ease-out; }
        @keyframes flash { from { background: var(--info-bg); } to { background: transparent; } }
        .stats { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; }
        .stat .label { color: var(--muted); font-size: 12px; }
        .stat .figure { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .bar { height: 6px; border-radius: 3px; background: var(--idle-bg); overflow: hidden; margin: 12px 0 4px; }
        .bar > span { display: block; height: 100%; min-width: 2px; background: var(--accent); }
        .events { list-style: none; margin: 0; padding: 0; max-height: 320px; overflow-y: auto; }
        .events li { display: grid; grid-template-columns: 74px 150px 1fr; gap: 8px; padding: 5px 0; border-bottom: 1px solid var(--line); font-size: 13px; }
        .events li.empty { display: block; border: 0; }
        .events time { color: var(--muted); font-variant-numeric: tabular-nums; }
        .events .subject { overflow-wrap: anywhere; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 14px; margin: 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        ul.errors { margin: 6px 0 0; padding-left: 18px; color: var(--bad); }
        .banner { padding: 10px 16px; border-radius: 10px; background: var(--warn-bg); color: var(--warn); }
        .banner.bad { background: var(--bad-bg); color: var(--bad); }
        .banner ul { margin: 4px 0 0; padding-left: 20px; }
        .login { max-width: 560px; margin: 40px auto; background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 22px; }
        .login h2 { text-transform: none; letter-spacing: 0; font-size: 17px; color: var(--text); }
        .login p { color: var(--muted); }
        .login .row { display: flex; gap: 8px; }
        .login input { flex: 1; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); color: var(--text); font: inherit; }
        button { font: inherit; padding: 8px 16px; border-radius: 8px; border: 0; background: var(--accent); color: #fff; cursor: pointer; }
        button.link { background: none; color: var(--accent); padding: 0; }
        footer { max-width: 1280px; margin: 0 auto; padding: 12px 24px 24px; color: var(--muted); font-size: 12px; display: flex; justify-content: space-between; gap: 12px; }
        [hidden] { display: none !important; }
        """#
}
