import { useState } from "react";

/**
 * A new handoff while the tab is hidden: a system notification (when allowed) and a
 * short tone synthesised with Web Audio (no sound file to load).
 */
export function notifyNewHandoff(clientName: string, reason: string): void {
  if (typeof document === "undefined" || document.visibilityState !== "hidden") return;
  if ("Notification" in window && Notification.permission === "granted") {
    try {
      new Notification("Novo atendimento na fila", { body: `${clientName}: ${reason}`, tag: "atende-fila" });
    } catch {
      // Some browsers allow notifications only from a service worker.
    }
  }
  beep();
}

function beep(): void {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.4);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.4);
    osc.onended = () => void ctx.close();
  } catch {
    // No audio device: the notification alone.
  }
}

export function NotificationToggle() {
  const supported = typeof window !== "undefined" && "Notification" in window;
  const [permission, setPermission] = useState(supported ? Notification.permission : "denied");
  if (!supported || permission === "granted") return null;
  if (permission === "denied") return <span className="muted">Notificações bloqueadas no navegador.</span>;
  return (
    <button type="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
      Ativar notificações
    </button>
  );
}
