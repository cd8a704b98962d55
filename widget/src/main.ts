import { Api, ApiError, type ChatMessage, type Settings } from "./api";
import { h } from "./dom";
import { css } from "./styles";

/**
 * Atende web chat. Embed with
 *   <script src="https://<atende>/widget.js" data-inbox="<public key>" async></script>
 * The visitor's token stays in localStorage, so a reload continues the conversation.
 */
const LABEL: Record<string, string> = { AI: "Assistente virtual", AGENT: "Atendente" };
// Icons are inline SVG: emoji fonts are not on every device.
const CLIP = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z"/></svg>';
const SEND = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M3 20.5 21 12 3 3.5 3 10l12 2-12 2z"/></svg>';
const ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';

function boot(script: HTMLScriptElement): void {
  const publicKey = script.dataset.inbox;
  if (!publicKey) return console.warn("[atende] widget sem data-inbox");
  const api = new Api(new URL(script.src, location.href).origin);
  const storeKey = `atende-chat:${publicKey}`;
  const saved = (): { token: string } | null => {
    try {
      return JSON.parse(localStorage.getItem(storeKey) ?? "null");
    } catch {
      return null;
    }
  };

  api.settings(publicKey).then((settings) => render(settings), (err: Error) => console.warn(`[atende] chat indisponível: ${err.message}`));

  function render(settings: Settings): void {
    const host = h("div", { id: "atende-chat" });
    const root = host.attachShadow({ mode: "open" });
    root.append(h("style", {}, css(settings.color)));
    const launcher = h("button", { class: "launcher", type: "button", "aria-label": "Abrir chat", title: `Fale com ${settings.name}` });
    launcher.innerHTML = ICON;
    const body = h("div", { class: "body", role: "log", "aria-live": "polite" });
    const typing = h("div", { class: "typing" });
    const footer = h("footer");
    const panel = h("section", { class: "panel", hidden: true, role: "dialog", "aria-label": `Chat com ${settings.name}` },
      h("header", {}, h("strong", {}, settings.name), h("button", { type: "button", "aria-label": "Fechar", onclick: () => toggle(false) }, "×")),
      body, typing, footer);
    root.append(panel, launcher);
    document.body.append(host);

    const seen = new Set<string>();
    let typingTimer = 0;
    let lastTyping = 0;
    let opened = false;

    launcher.addEventListener("click", () => toggle(Boolean(panel.hidden)));
    function toggle(open: boolean): void {
      panel.hidden = !open;
      if (open && !opened) {
        opened = true;
        void resume();
      }
    }

    async function resume(): Promise<void> {
      const s = saved();
      if (!s) return intro();
      api.token = s.token;
      try {
        const conv = await api.conversation();
        chat(conv.messages, conv.status === "CLOSED");
      } catch (err) {
        // Expired or erased token: start over.
        if (err instanceof ApiError && (err.code === "UNAUTHENTICATED" || err.code === "FORBIDDEN")) {
          localStorage.removeItem(storeKey);
          api.token = null;
          return intro();
        }
        body.replaceChildren(h("p", { class: "error" }, "Não foi possível carregar a conversa. Tente novamente em instantes."));
      }
    }

    function intro(): void {
      footer.replaceChildren();
      const error = h("p", { class: "error", role: "alert" });
      const name = h("input", { type: "text", name: "name", placeholder: "Seu nome (opcional)", autocomplete: "name", maxlength: "120" });
      const email = h("input", { type: "email", name: "email", placeholder: "Seu e-mail (opcional)", autocomplete: "email" });
      const phone = h("input", { type: "tel", name: "phone", placeholder: "Seu telefone (opcional)", autocomplete: "tel" });
      const accept = h("input", { type: "checkbox", name: "consent" });
      const notice = settings.privacyNoticeUrl ? h("a", { href: settings.privacyNoticeUrl, target: "_blank", rel: "noopener noreferrer" }, "aviso de privacidade") : "aviso de privacidade";
      const start = h("button", { class: "primary", type: "submit" }, "Iniciar conversa");
      const form = h("form", { class: "intro" },
        name, email, phone,
        h("label", { class: "consent", title: settings.privacyNoticeText }, accept, h("span", {}, "Li e aceito o ", notice, ".")),
        start, error);
      form.addEventListener("submit", async (e) => {
        e.preventDefault();
        if (!accept.checked) return void (error.textContent = "Para conversar, aceite o aviso de privacidade.");
        start.disabled = true;
        error.textContent = "";
        try {
          const r = await api.start({ publicKey: publicKey!, name: name.value.trim() || undefined, email: email.value.trim() || undefined, phone: phone.value.trim() || undefined });
          localStorage.setItem(storeKey, JSON.stringify({ token: r.token }));
          api.token = r.token;
          chat([], false);
        } catch (err) {
          error.textContent = (err as Error).message;
          start.disabled = false;
        }
      });
      body.replaceChildren(...(settings.welcomeText ? [h("div", { class: "welcome" }, settings.welcomeText)] : []), form);
    }

    function chat(history: ChatMessage[], closed: boolean): void {
      seen.clear();
      body.replaceChildren(...(settings.welcomeText ? [h("div", { class: "welcome" }, settings.welcomeText)] : []));
      history.forEach(show);
      if (closed) return ended();
      const error = h("p", { class: "error", role: "alert" });
      const files = h("div", { class: "files" });
      const text = h("textarea", { rows: "1", placeholder: "Escreva sua mensagem…", "aria-label": "Mensagem", maxlength: String(settings.maxTextLength) });
      const picker = h("input", { type: "file", accept: "image/png,image/jpeg,image/webp,image/tiff,application/pdf", multiple: true, hidden: true });
      const attach = h("button", { type: "button", "aria-label": "Anexar arquivo", title: "Anexar imagem ou PDF", onclick: () => picker.click() });
      attach.innerHTML = CLIP;
      const send = h("button", { type: "button", class: "send", "aria-label": "Enviar", title: "Enviar" });
      send.innerHTML = SEND;
      picker.addEventListener("change", () => {
        const list = Array.from(picker.files ?? []).slice(0, 3);
        const big = list.find((f) => f.size > settings.maxAttachmentBytes);
        error.textContent = big ? `O arquivo ${big.name} é grande demais.` : "";
        files.textContent = list.length ? `Anexos: ${list.map((f) => f.name).join(", ")}` : "";
      });
      text.addEventListener("input", () => {
        if (Date.now() - lastTyping > 3000) {
          lastTyping = Date.now();
          void api.typing(true);
        }
      });
      text.addEventListener("keydown", (e) => {
        if (e.key === "Enter" && !e.shiftKey) {
          e.preventDefault();
          void submit();
        }
      });
      send.addEventListener("click", () => void submit());
      async function submit(): Promise<void> {
        const value = text.value.trim();
        const chosen = Array.from(picker.files ?? []).slice(0, 3);
        if (!value && !chosen.length) return;
        send.disabled = true;
        error.textContent = "";
        try {
          show(await api.send(value, chosen));
          text.value = "";
          picker.value = "";
          files.textContent = "";
          lastTyping = 0;
        } catch (err) {
          if (err instanceof ApiError && err.code === "CONFLICT") return ended();
          error.textContent = (err as Error).message;
        } finally {
          send.disabled = false;
          text.focus();
        }
      }
      footer.replaceChildren(h("div", { style: "flex:1;display:flex;flex-direction:column" }, files, error, h("div", { style: "display:flex;gap:6px;align-items:flex-end" }, attach, text, send)), picker);
      api.listen(show, () => {
        typing.textContent = "Atendente digitando…";
        clearTimeout(typingTimer);
        typingTimer = window.setTimeout(() => (typing.textContent = ""), 5000);
      });
      text.focus();
    }

    function show(m: ChatMessage): void {
      if (seen.has(m.id)) return;
      seen.add(m.id);
      if (m.sender !== "CLIENT") typing.textContent = "";
      const kind = m.sender.toLowerCase();
      const content = m.text ?? (m.type === "IMAGE" ? "[imagem anexada]" : m.type === "DOCUMENT" ? "[documento anexado]" : "");
      body.append(h("div", { class: `msg ${kind}`, "data-sender": m.sender }, ...(LABEL[m.sender] ? [h("small", {}, LABEL[m.sender]!)] : []), content));
      body.scrollTop = body.scrollHeight;
    }

    function ended(): void {
      api.close();
      const again = h("button", { class: "primary", type: "button" }, "Nova conversa");
      again.addEventListener("click", () => {
        localStorage.removeItem(storeKey);
        api.token = null;
        intro();
      });
      footer.replaceChildren(h("div", { class: "closed" }, "Esta conversa foi encerrada.", again));
    }
  }
}

const current = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>("script[data-inbox]");
if (current) {
  if (document.body) boot(current);
  else document.addEventListener("DOMContentLoaded", () => boot(current));
}
