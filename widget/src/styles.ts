/** Inside a shadow root: the site's CSS cannot reach in, ours cannot leak out. System fonts only (no requests). */
export const css = (color: string) => `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif; }
.launcher { position: fixed; right: 20px; bottom: 20px; width: 56px; height: 56px; border-radius: 50%; border: 0; background: ${color}; color: #fff; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); z-index: 2147483000; display: flex; align-items: center; justify-content: center; }
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.panel { position: fixed; right: 20px; bottom: 88px; width: 360px; height: min(560px, calc(100vh - 110px)); background: #fff; color: #1f2328; border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.25); display: flex; flex-direction: column; overflow: hidden; z-index: 2147483001; font-size: 14px; }
.panel[hidden] { display: none; }
header { background: ${color}; color: #fff; padding: 14px 16px; display: flex; align-items: center; justify-content: space-between; }
header strong { font-size: 16px; }
header button { background: transparent; border: 0; color: #fff; font-size: 22px; cursor: pointer; line-height: 1; }
.body { flex: 1; overflow-y: auto; padding: 12px; background: #f6f7f9; display: flex; flex-direction: column; gap: 8px; }
.welcome { background: #fff; border-radius: 10px; padding: 12px; }
form.intro { display: flex; flex-direction: column; gap: 8px; background: #fff; border-radius: 10px; padding: 12px; }
form.intro input[type=text], form.intro input[type=email], form.intro input[type=tel] { border: 1px solid #c8ccd1; border-radius: 8px; padding: 9px 10px; font-size: 14px; width: 100%; }
form.intro label.consent { display: flex; gap: 8px; align-items: flex-start; font-size: 13px; line-height: 1.35; }
form.intro a { color: ${color}; }
.primary { background: ${color}; color: #fff; border: 0; border-radius: 8px; padding: 10px 12px; font-size: 14px; cursor: pointer; }
.primary:disabled { opacity: .5; cursor: default; }
.msg { max-width: 82%; padding: 8px 11px; border-radius: 12px; white-space: pre-wrap; word-wrap: break-word; line-height: 1.4; }
.msg small { display: block; font-size: 11px; opacity: .7; margin-bottom: 2px; }
.msg.client { align-self: flex-end; background: ${color}; color: #fff; border-bottom-right-radius: 4px; }
.msg.ai, .msg.agent { align-self: flex-start; background: #fff; border: 1px solid #e3e6ea; border-bottom-left-radius: 4px; }
.msg.system { align-self: center; background: transparent; color: #57606a; font-size: 12px; text-align: center; }
.typing { font-size: 12px; color: #57606a; padding: 0 14px 6px; min-height: 18px; }
.error { color: #b42318; font-size: 12px; padding: 0 12px; }
footer { display: flex; gap: 6px; padding: 8px; border-top: 1px solid #e3e6ea; align-items: flex-end; }
footer textarea { flex: 1; resize: none; border: 1px solid #c8ccd1; border-radius: 8px; padding: 8px 10px; font-size: 14px; max-height: 96px; min-height: 38px; }
footer button { border: 0; background: transparent; cursor: pointer; font-size: 20px; padding: 6px; color: #57606a; }
footer button.send { color: ${color}; }
.files { font-size: 12px; color: #57606a; padding: 0 12px 4px; }
.closed { text-align: center; padding: 10px; display: flex; flex-direction: column; gap: 8px; align-items: center; }
@media (max-width: 480px) {
  .panel { right: 0; bottom: 0; width: 100vw; height: 100%; max-height: 100dvh; border-radius: 0; }
  .launcher { right: 16px; bottom: 16px; }
}
`;
